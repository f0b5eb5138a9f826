"""`python -m desktop [CASE]` and `casefile-gui [CASE]`: start the Casefile window.

`--smoke-test` instead checks the installation offscreen and exits (see `desktop.gui.smoke`).
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    # In the bundled app the reading process that parses large sources
    # (services/importing/reading.py) is this executable again: let it become that process.
    multiprocessing.freeze_support()
    if "--smoke-test" in sys.argv[1:]:
        from desktop.gui.smoke import main as smoke_test

        return smoke_test()
    from desktop.gui.app import main as run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
