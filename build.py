#!/usr/bin/env python3
"""Build an awards site from YAML content: `python build.py --help`."""

from awardsite.cli import run

if __name__ == "__main__":
    run()
