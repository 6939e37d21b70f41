"""Parallax: read how different outlets cover the same story."""

__version__ = "0.1.0"
APP_NAME = "Parallax"
ORG_NAME = "Parallax"
APP_ID = "parallax"  # desktop file, icon and Wayland app id

import logging as _logging

# the app's logs go to its log file (reader.logs); without one, as in the command line,
# nothing reaches the terminal: Python's last resort would print warnings and tracebacks there
_logging.getLogger(__name__).addHandler(_logging.NullHandler())
