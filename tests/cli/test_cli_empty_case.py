"""A case with no incident yet: exporting it says so, whatever the choice of incidents."""

from __future__ import annotations

import pytest

from desktop import cli


@pytest.mark.parametrize("command", [("export", "dossier.docx"), ("package", "package.zip")])
@pytest.mark.parametrize("drafts", [[], ["--drafts"]], ids=["approved", "drafts"])
def test_exporting_a_case_without_incidents_says_there_is_none(tmp_path, capsys, command,
                                                               drafts):
    case = tmp_path / "empty.casefile"
    assert cli.main(["--user", "Olena", "new", str(case), "--title", "Empty"]) == 0
    capsys.readouterr()
    name, out = command
    code = cli.main(["--user", "Olena", name, str(case), str(tmp_path / out), *drafts])
    _, err = capsys.readouterr()
    assert code == 1
    assert err == "casefile: the case has no incident yet; add one before exporting\n"
    assert not (tmp_path / out).exists()
