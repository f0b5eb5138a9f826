"""A NEAR group too wide to be searched on a server is refused before its placements are all
made (they grow past any wait with the phrases and the distance), as a one-line reason."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

_CHILD = """
from desktop.services import search
try:
    search.server_query("NEAR(a b c d e f g h i j, 50)")
except ValueError as exc:
    print(exc)
"""


def test_a_wide_near_group_is_refused_within_bounded_time():
    done = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == ("a NEAR group of that many phrases that far apart cannot be "
                                   "searched on a server: use fewer phrases or a smaller "
                                   "distance")
