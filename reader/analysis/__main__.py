"""``python -m reader.analysis [--json] FILE...`` runs ``parallax analyze``."""
import argparse
import sys

from reader.cli import cmd_analyze


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.analysis", description=cmd_analyze.HELP)
    cmd_analyze.add_arguments(parser)
    return cmd_analyze.run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
