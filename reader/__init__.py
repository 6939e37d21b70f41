"""Parallax: read how different outlets cover the same story."""

__version__ = "0.1.0"
APP_NAME = "Parallax"
ORG_NAME = "Parallax"
