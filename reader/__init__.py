"""Parallax: read how different outlets cover the same story."""

__version__ = "0.1.0"
APP_NAME = "Parallax"
ORG_NAME = "Parallax"
APP_ID = "parallax"  # desktop file, icon and Wayland app id
