"""The main window's own features (title, theme), kept out of ``main_window.py``."""
