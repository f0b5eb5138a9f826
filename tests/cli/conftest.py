"""The command line's log file goes to a folder of the test's own, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def data_folder(tmp_path, monkeypatch):
    """The user data folder (XDG_DATA_HOME) the command line logs into, for this test."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder / "Casefile" / "Casefile"
