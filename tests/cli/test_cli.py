"""`casefile …` as a documenter uses it in a terminal: exit codes and one-line messages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop import cli
from tests.conftest import ROOT, SEEDS


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", "Olena", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_import_sources_search_info(tmp_path, capsys):
    case = str(tmp_path / "pow.casefile")
    assert run("new", case, "--title", "Executions of POWs", "--reference", "UA-7",
               capsys=capsys)[0] == 0
    code, out, _ = run("import", case, str(SEEDS), capsys=capsys)
    assert code == 0 and "5 imported, 0 duplicate, 0 failed" in out
    code, out, _ = run("sources", case, capsys=capsys)
    assert code == 0 and len(out.splitlines()) == 5 and "S-004" in out
    code, out, _ = run("search", case, "Phenol", capsys=capsys)
    assert code == 0 and "[Phenol]" in out and "1 source found" in out
    code, out, _ = run("info", case, capsys=capsys)
    assert "Executions of POWs" in out and "UA-7" in out and "Confidential" in out
    assert "Sources         5" in out


def test_importing_the_same_files_again_reports_duplicates(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    run("import", case, str(SEEDS), capsys=capsys)
    code, out, _ = run("import", case, str(SEEDS), capsys=capsys)
    assert code == 0 and "0 imported, 5 duplicate" in out


def test_a_bad_file_is_a_user_error_with_a_one_line_message(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing")
    code, out, err = run("import", case, str(bad), capsys=capsys)
    assert code == 1
    assert err.strip() == "failed     scan.pdf: is not a readable PDF"


@pytest.mark.parametrize("command", ["info", "sources"])
def test_a_file_that_is_not_a_case_is_a_user_error(tmp_path, capsys, command):
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes")
    code, _, err = run(command, str(notes), capsys=capsys)
    assert code == 1
    assert err == (
        "casefile: notes.txt: is not a Casefile case (its contents are not those of a case file)\n")


def test_a_malformed_search_is_a_user_error(tmp_path, capsys):
    case = str(tmp_path / "c.casefile")
    run("new", case, capsys=capsys)
    code, _, err = run("search", case, '"unclosed', capsys=capsys)
    assert code == 1 and "cannot be understood" in err and err.count("\n") == 1


def test_creating_over_an_existing_file_is_a_user_error(tmp_path, capsys):
    case = tmp_path / "c.casefile"
    case.write_text("keep me")
    code, _, err = run("new", str(case), capsys=capsys)
    assert code == 1 and "already exists" in err and case.read_text() == "keep me"


def test_wrong_usage_exits_2_and_every_command_has_help():
    usage = subprocess.run([sys.executable, "-m", "desktop.cli", "frobnicate"],
                           capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2
    for command in ("new", "import", "sources", "search", "info", "export", "verify",
                    "annotations", "import-annotations", "registers", "demo", "recover",
                    "facts", "review", "signoff", "return-incident", "submit", "members",
                    "protect", "people"):
        shown = subprocess.run([sys.executable, "-m", "desktop.cli", command, "--help"],
                               capture_output=True, text=True, cwd=ROOT)
        assert shown.returncode == 0 and f"usage: casefile {command}" in shown.stdout


def worked_case_file(tmp_path):
    from desktop.domain import db
    from tests.worked_case import build_worked_case

    path = tmp_path / "worked.casefile"
    db.new_case(path, "Worked", actor="Olena")
    build_worked_case(sorted(SEEDS.glob("*.txt")), "Olena")
    db.close_case()
    return path


def test_export_writes_a_dossier_and_says_its_fingerprint(tmp_path, capsys):
    import hashlib

    case = worked_case_file(tmp_path)
    out = tmp_path / "dossier.docx"
    code, stdout, _ = run("export", str(case), str(out), "--drafts", "--redacted",
                          capsys=capsys)
    assert code == 0
    assert f"SHA-256 {hashlib.sha256(out.read_bytes()).hexdigest()}" in stdout
    assert "redacted edition" in stdout


def test_export_without_an_approved_incident_is_a_user_error(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    code, _, err = run("export", str(case), str(tmp_path / "d.docx"), capsys=capsys)
    assert code == 1 and "no approved incident" in err
    assert not (tmp_path / "d.docx").exists()


def test_export_of_an_unknown_incident_is_a_user_error(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    code, _, err = run("export", str(case), str(tmp_path / "d.docx"), "--incident", "INC-404",
                       capsys=capsys)
    assert code == 1 and "no incident INC-404" in err


def test_verify_passes_then_finds_a_tampered_entry(tmp_path, capsys):
    import sqlite3

    case = worked_case_file(tmp_path)
    code, out, _ = run("verify", str(case), capsys=capsys)
    assert code == 0 and out.startswith("Integrity verified:")
    con = sqlite3.connect(case)
    con.execute("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = 2")
    con.commit()
    con.close()
    code, out, _ = run("verify", str(case), capsys=capsys)
    assert code == 1
    assert out.splitlines()[0].startswith("Audit entry #2 (")
    assert "Verification FAILED: 1 problem in worked.casefile." in out


def test_recover_salvages_a_damaged_case(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    data = bytearray(case.read_bytes())
    for offset in range(3 * 4096 + 8, 3 * 4096 + 200):
        data[offset] = 0xFF
    case.write_bytes(bytes(data))
    code, _, err = run("info", str(case), capsys=capsys)
    assert code == 1 and "is damaged" in err
    code, out, _ = run("recover", str(case), str(tmp_path / "saved.casefile"), capsys=capsys)
    assert code == 0 and out.strip()
    assert run("info", str(tmp_path / "saved.casefile"), capsys=capsys)[0] == 0


def test_an_encrypted_case_reads_its_passphrase_from_a_file(tmp_path, capsys):
    pytest.importorskip("sqlcipher3")
    from desktop.domain import db

    case = tmp_path / "sealed.casefile"
    db.new_case(case, "Sealed", passphrase="seven silent witnesses at dawn")
    db.close_case()
    secret = tmp_path / "pass.txt"
    secret.write_text("seven silent witnesses at dawn\n")
    code, _, err = run("info", str(case), capsys=capsys)
    assert code == 1 and "give its passphrase with --passphrase-file" in err
    code = cli.main(["--passphrase-file", str(secret), "info", str(case)])
    out, _ = capsys.readouterr()
    assert code == 0 and "Sealed" in out


def test_annotations_go_out_and_come_back_in_with_how_they_anchored(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    out = tmp_path / "evidence.jsonld"
    code, stdout, _ = run("annotations", str(case), str(out), capsys=capsys)
    assert code == 0 and "Wrote 4 annotations" in stdout
    other = tmp_path / "other.casefile"
    run("new", str(other), capsys=capsys)
    run("import", str(other), str(SEEDS), capsys=capsys)
    code, stdout, _ = run("import-annotations", str(other), str(out), capsys=capsys)
    assert code == 0
    assert stdout.count("exact ") == 4 and "4 anchored" in stdout


def test_registers_are_two_csv_files(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    code, stdout, _ = run("registers", str(case), str(tmp_path), "--stem", "pow", capsys=capsys)
    assert code == 0
    assert (tmp_path / "pow-incidents.csv").exists() and (tmp_path / "pow-evidence.csv").exists()


def test_demo_builds_the_worked_example(tmp_path, capsys):
    code, stdout, _ = run("demo", str(tmp_path / "demo.casefile"), capsys=capsys)
    assert code == 0 and "anchored" in stdout and "not placed" not in stdout


def test_verify_checks_a_copy_against_its_manifest(tmp_path, capsys):
    from desktop.domain import db
    from desktop.services import handover

    case = worked_case_file(tmp_path)
    db.open_case(case)
    handover.save_copy(tmp_path / "copy.casefile", actor="Olena")
    db.close_case()
    manifest = tmp_path / "copy.casefile.manifest.json"
    code, out, _ = run("verify", str(tmp_path / "copy.casefile"), "--manifest", str(manifest),
                       capsys=capsys)
    assert code == 0 and out.startswith("Integrity verified")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = run("verify", str(tmp_path / "copy.casefile"), "--manifest", str(bad),
                       capsys=capsys)
    assert code == 1 and "bad.json: is not a hand-over manifest" in err


def test_export_of_the_incidents_named_by_code(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    code, stdout, _ = run("export", str(case), str(tmp_path / "d.docx"), "--incident", "INC-002",
                          capsys=capsys)
    assert code == 0 and "(1 incident, 1 passage quoted" in stdout
    code, _, err = run("export", str(case), str(tmp_path / "e.docx"), "--incident", "INC-002",
                       "--incident", "INC-404", "--incident", "INC-405", capsys=capsys)
    assert code == 1 and "no incident INC-404, INC-405 in this case" in err


def test_annotations_of_one_incident_by_its_code(tmp_path, capsys):
    case = worked_case_file(tmp_path)
    out = tmp_path / "inc-002.jsonld"
    code, stdout, _ = run("annotations", str(case), str(out), "--incident", "INC-002",
                          capsys=capsys)
    assert code == 0 and "Wrote 1 annotation" in stdout
    code, _, err = run("annotations", str(case), str(out), "--incident", "INC-404",
                       capsys=capsys)
    assert code == 1 and err == "casefile: no incident INC-404 in this case\n"


# Reviewing without the window: the demo case, as its documenter marked it.

@pytest.fixture(scope="module")
def demo_build(tmp_path_factory):
    """The demo case built once; each test works on a copy of it."""
    path = tmp_path_factory.mktemp("demo") / "demo.casefile"
    assert cli.main(["demo", str(path)]) == 0
    return path


@pytest.fixture
def demo_case(demo_build, tmp_path) -> str:
    import shutil

    copy = tmp_path / "demo.casefile"
    shutil.copyfile(demo_build, copy)
    return str(copy)


@pytest.fixture(scope="module")
def people() -> tuple[str, str]:
    """The demo's documenter (who marked every span) and its reviewer."""
    import json

    plan = json.loads((SEEDS / "demo-case.json").read_text(encoding="utf-8"))
    return plan["documenter"], plan["reviewer"]


def as_user(user: str, *args: str, capsys) -> tuple[int, str, str]:
    code = cli.main(["--user", user, *args])
    out, err = capsys.readouterr()
    return code, out, err


def read_case(case: str, read):
    """What `read()` returns from the case, opened for it and closed again."""
    from desktop.domain import db

    db.open_case(case)
    try:
        return read()
    finally:
        db.close_case()


def span(case: str, evidence_id: int):
    from desktop.services import evidence

    return read_case(case, lambda: evidence.evidence_rows(ids=[evidence_id])[0])


def trail(case: str) -> list:
    from desktop.services import audit

    return read_case(case, lambda: audit.history_rows(10_000))


def pending_span(case: str, code: str = "INC-002") -> int:
    """A span of the incident that waits for its first review."""
    from desktop.services import evidence, incidents

    rows = read_case(case, lambda: evidence.evidence_rows(
        incident_id=incidents.incident_id_by_code(code), by_number=True))
    return next(row.id for row in rows if row.review_state == "pending" and row.usable)


def test_facts_json_lists_every_fact_and_element_with_its_assessment(demo_case, capsys):
    import json

    from desktop.domain import scales
    from desktop.services import incidents

    code, out, err = run("facts", demo_case, "--json", capsys=capsys)
    assert code == 0 and err == ""
    items = json.loads(out)
    assert items
    for item in items:
        assert {"incident", "fact", "coverage", "values", "independent_lines",
                "conflict"} <= set(item)
        assert item["coverage"] in scales.COVERAGE_CODES
        assert isinstance(item["conflict"], bool) and isinstance(item["independent_lines"], int)
        for value in item["values"]:
            assert {"value", "originators", "period", "as_of", "evidence"} <= set(value)
    chosen = read_case(demo_case, lambda: {
        row.code: incidents.incident_qualifications(row.id) for row in incidents.incident_rows()})
    for incident, qualifications in chosen.items():
        facts = [item["fact"] for item in items if item["incident"] == incident]
        for qualification in qualifications:
            for element in scales.QUALIFICATIONS_BY_CODE[qualification].elements:
                assert facts.count(scales.element_key(qualification, element.code)) == 1


def test_facts_of_one_incident_as_text_one_line_each(demo_case, capsys):
    import json

    code, out, _ = run("facts", demo_case, "--incident", "INC-002", "--json", capsys=capsys)
    count = len(json.loads(out))
    code, out, _ = run("facts", demo_case, "--incident", "INC-002", capsys=capsys)
    assert code == 0 and len(out.splitlines()) == count
    assert all(line.startswith("INC-002  ") for line in out.splitlines())
    code, _, err = run("facts", demo_case, "--incident", "INC-404", capsys=capsys)
    assert code == 1 and err == "casefile: no incident INC-404 in this case\n"


def test_a_reviewer_approves_evidence_someone_else_marked_and_it_is_audited(
        demo_case, people, capsys):
    documenter, reviewer = people
    evidence_id = pending_span(demo_case)
    assert span(demo_case, evidence_id).created_by == documenter
    ref = f"E-{evidence_id:03d}"
    code, out, _ = as_user(reviewer, "review", demo_case, "approve", ref, capsys=capsys)
    assert code == 0 and ref in out
    decided = span(demo_case, evidence_id)
    assert (decided.review_state, decided.reviewed_by) == ("approved", reviewer)
    newest = trail(demo_case)[0]
    assert (newest.action, newest.actor) == ("evidence.approve", reviewer)
    assert ref in newest.summary


def test_approving_your_own_evidence_is_refused_and_changes_nothing(demo_case, people, capsys):
    documenter, _ = people
    evidence_id = pending_span(demo_case)
    ref = f"E-{evidence_id:03d}"
    entries = len(trail(demo_case))
    code, out, err = as_user(documenter, "review", demo_case, "approve", ref, capsys=capsys)
    assert code == 1 and out == ""
    assert err.startswith("casefile: ") and err.count("\n") == 1
    assert ref in err and "four eyes" in err
    assert span(demo_case, evidence_id).review_state == "pending"
    assert len(trail(demo_case)) == entries


def test_returning_evidence_needs_a_comment(demo_case, people, capsys):
    _, reviewer = people
    evidence_id = pending_span(demo_case)
    ref = f"E-{evidence_id:03d}"
    code, _, err = as_user(reviewer, "review", demo_case, "return", ref, capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "why" in err
    assert span(demo_case, evidence_id).review_state == "pending"
    code, _, _ = as_user(reviewer, "review", demo_case, "return", ref, "--comment",
                         "The quote does not say the men had surrendered", capsys=capsys)
    returned = span(demo_case, evidence_id)
    assert code == 0 and returned.review_state == "returned"
    assert returned.review_comment == "The quote does not say the men had surrendered"


def test_unknown_or_malformed_evidence_is_named_and_nothing_is_decided(
        demo_case, people, capsys):
    _, reviewer = people
    evidence_id = pending_span(demo_case)
    ref = f"E-{evidence_id:03d}"
    code, _, err = as_user(reviewer, "review", demo_case, "approve", ref, "E-999", "E-998",
                           capsys=capsys)
    assert code == 1 and err == "casefile: no evidence E-999, E-998 in this case\n"
    code, _, err = as_user(reviewer, "review", demo_case, "approve", ref, "S-004",
                           capsys=capsys)
    assert code == 1 and "S-004" in err and err.count("\n") == 1
    assert span(demo_case, evidence_id).review_state == "pending"


def test_a_signoff_with_elements_not_supported_needs_a_comment(demo_case, people, capsys):
    from desktop.services import incidents, review

    _, reviewer = people
    incident_id = read_case(demo_case, lambda: incidents.incident_id_by_code("INC-002"))
    waiting = read_case(demo_case, lambda: review.unreviewed(incident_id))
    code, _, _ = as_user(reviewer, "review", demo_case, "approve",
                         *(f"E-{i:03d}" for i in waiting), capsys=capsys)
    assert code == 0
    code, _, err = as_user(reviewer, "signoff", demo_case, "INC-002", capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "not supported" in err
    state = read_case(demo_case, lambda: incidents.incident_values(incident_id)["state"])
    assert state == "in_review"
    code, out, _ = as_user(reviewer, "signoff", demo_case, "INC-002", "--comment",
                           "The killing is established; the outrage is argued in the annex",
                           capsys=capsys)
    assert code == 0 and "INC-002" in out
    values = read_case(demo_case, lambda: incidents.incident_values(incident_id))
    assert values["state"] == "approved"
    assert values["state_comment"].startswith("The killing is established")
    code, _, err = as_user(reviewer, "signoff", demo_case, "INC-404", capsys=capsys)
    assert code == 1 and "INC-404" in err


def test_an_incident_goes_back_to_its_documenter_and_is_submitted_again(
        demo_case, people, capsys):
    documenter, reviewer = people
    code, _, err = as_user(reviewer, "return-incident", demo_case, "INC-002", capsys=capsys)
    assert code == 1 and err.count("\n") == 1
    code, _, _ = as_user(reviewer, "return-incident", demo_case, "INC-002", "--comment",
                         "Name the unit", capsys=capsys)
    assert code == 0
    code, out, _ = as_user(documenter, "submit", demo_case, "INC-002", capsys=capsys)
    assert code == 0 and "INC-002" in out


def test_members_are_added_and_listed(tmp_path, capsys):
    case = str(tmp_path / "team.casefile")
    run("new", case, capsys=capsys)
    code, out, _ = run("members", case, capsys=capsys)
    assert code == 0 and "No members yet" in out
    code, _, _ = run("members", case, "--add", "Mykola", "--role", "reviewer", capsys=capsys)
    assert code == 0
    code, out, _ = run("members", case, capsys=capsys)
    assert code == 0 and len(out.splitlines()) == 1
    assert "Mykola" in out and "Reviewer" in out and "added by Olena" in out
    code, _, err = run("members", case, "--add", "Mykola", "--role", "documenter",
                       capsys=capsys)
    assert code == 1 and "already a member" in err and err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:
        run("members", case, "--add", "Iryna", capsys=capsys)
    assert usage.value.code == 2


def test_when_a_case_has_members_only_its_reviewers_review(demo_case, people, capsys):
    documenter, reviewer = people
    run("members", demo_case, "--add", reviewer, "--role", "reviewer", capsys=capsys)
    evidence_id = pending_span(demo_case)
    code, _, err = as_user("Someone Else", "review", demo_case, "approve",
                           f"E-{evidence_id:03d}", capsys=capsys)
    assert code == 1 and "not a reviewer" in err and err.count("\n") == 1


def test_a_one_person_case_lets_its_one_person_review(demo_case, people, capsys):
    documenter, _ = people
    code, out, _ = as_user(documenter, "members", demo_case, "--one-person", capsys=capsys)
    assert code == 0 and "four-eyes" in out
    code, out, _ = run("members", demo_case, capsys=capsys)
    assert "one-person case" in out
    evidence_id = pending_span(demo_case)
    code, _, _ = as_user(documenter, "review", demo_case, "approve", f"E-{evidence_id:03d}",
                         capsys=capsys)
    assert code == 0 and span(demo_case, evidence_id).review_state == "approved"
