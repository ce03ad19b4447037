#!/usr/bin/env python3
"""Build an awards site from YAML content: `python build.py --help`."""

import sys

from awardsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
