"""`python -m desktop [CASE]` and `casefile-gui [CASE]`: start the Casefile window.

`--smoke-test` instead checks the installation offscreen and exits (see `desktop.gui.smoke`).
"""

from __future__ import annotations

import gc
import sys


def main() -> int:
    # In the bundled app the reading process that parses large sources
    # (services/importing/reading.py) is this executable again: let it become that process.
    # Only a bundle needs it: multiprocessing (and pickle) cost a start from source ~20 ms.
    if getattr(sys, "frozen", False):
        import multiprocessing  # noqa: PLC0415

        multiprocessing.freeze_support()
    if "--smoke-test" in sys.argv[1:]:
        from desktop.gui.smoke import main as smoke_test

        return smoke_test()
    # Start-up makes what the window keeps for its life (modules, classes, Qt's enums): the
    # collector's passes over it only slow the first paint. The window turns it back on once
    # it is painted (desktop.gui.app.main).
    gc.disable()
    from desktop.gui.app import main as run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
