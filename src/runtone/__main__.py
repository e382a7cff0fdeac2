"""``python -m runtone``: the command line (see :mod:`runtone.cli`)."""

from __future__ import annotations

import sys

from runtone.cli import main

if __name__ == "__main__":
    sys.exit(main())
