"""The Qt-free modules the window needs, imported before PySide6.

PySide6 puts itself in the way of every import that follows it: its
``__feature__`` hook runs Python code for each import statement, and reads the
source of each module it has not seen, looking it up among all loaded modules,
which grows with their number. For the ~60 Qt-free modules (ours and the
standard library's) a window needs, that was about 80 ms of every start.
Loading them first (``reader/ui/__init__.py`` does, before anything touches
Qt) spares them the hook; ``pyside_feature.py`` then answers the source check
for them and for the ``reader.ui`` modules still to come, which later import
statements would otherwise trigger. ``tests/test_startup.py`` fails when a
Qt-free ``reader`` module is imported after PySide6 at start-up, so the list
stays complete. Importing has no other effect: these modules do no work at
import time.
"""
# ruff: noqa: F401
import argparse
import dataclasses
import datetime
import html
import json
import logging
import tempfile
import threading
import traceback

import reader.cli
import reader.cli.gui_options
import reader.config_files
import reader.failures
import reader.library
import reader.library_names
import reader.logs
import reader.names.corrections
import reader.names.edit
import reader.outlet_names
import reader.outlet_overrides
import reader.paths
import reader.reveal
import reader.search.articles
import reader.search.generations
import reader.search.hit_snippets
import reader.search.library_reads
import reader.search.listing
import reader.search.lookup
import reader.search.problems
import reader.startup_gc
import reader.render.article_html
import reader.outlet_info
import reader.search.results
import reader.search.snippets
import reader.search.suggest
import reader.search.window_query
