"""``python -m reader.bench``: the same as ``parallax bench``."""
import sys

from reader.cli import main

sys.exit(main(["bench", *sys.argv[1:]]))
