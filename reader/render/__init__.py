"""Turning stored articles into what a reader sees: safe HTML (no Qt)."""
