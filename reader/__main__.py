"""``python -m reader`` behaves like the ``parallax`` command."""
import sys

from reader.cli import main

sys.exit(main())
