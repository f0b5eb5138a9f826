"""`python -m desktop [CASE]` and `casefile-gui [CASE]`: start the Casefile window."""

from __future__ import annotations

import sys


def main() -> int:
    from desktop.app import main as run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
