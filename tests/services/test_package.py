"""The disclosure package: it verifies, every change to it is named, `sha256sum -c` accepts
its sums, and the redacted package names no protected person in any file."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from desktop.domain import db
from desktop.domain.models import AuditEntry
from desktop.services import outgoing, package
from desktop.services.package import PackageOptions, build_package, verify_package
from tests.fictional_case import DOCUMENTER, build_fictional_case
from tests.services.test_fictional_redaction import STEMS


@pytest.fixture
def training(tmp_path):
    """The training case (two protected people), open."""
    build_fictional_case(tmp_path / "training.casefile", tmp_path)
    yield tmp_path
    db.close_case()


@pytest.fixture
def built(training):
    """The full package of the training case, without a PDF (LibreOffice is slow)."""
    out = training / "package.zip"
    result = build_package(out, PackageOptions(pdf=False), actor=DOCUMENTER)
    return out, result


def rewritten(source: Path, dest: Path, *, change: str | None = None, drop: str | None = None,
              add: str | None = None) -> Path:
    """A copy of the package with one member's last byte changed, one left out or one added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for info in old.infolist():
            if info.filename == drop:
                continue
            data = old.read(info)
            if info.filename == change:
                data = data[:-1] + bytes([data[-1] ^ 0x01])
            new.writestr(info, data)
        if add:
            new.writestr(add, b"not part of the package\n")
    return dest


def test_the_package_holds_what_a_receiving_office_asks_for(built):
    out, result = built
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
    assert names[0] == "dossier.docx" and names[-2:] == ["manifest.json", "SHA256SUMS"]
    assert sorted(n for n in names if n.startswith("originals/")) == [
        "originals/S-001-svidchennia-petrenko.txt", "originals/S-002-pokazaniia-kravtsova.txt"]
    for name in ("sources", "incidents", "evidence"):
        assert f"registers/{name}.csv" in names and f"registers/{name}.json" in names
    assert "annotations.jsonld" in names and "README.txt" in names
    assert manifest["created_by"] == DOCUMENTER
    assert manifest["options"] == {"edition": "full", "drafts": False, "pdf": False,
                                   "audit_annex": False, "language": "en"}
    assert manifest["dossier"]["sha256"] == result.dossier_sha256
    entry = AuditEntry.get_by_id(manifest["dossier"]["audit_entry"])
    assert (entry.action, entry.after["sha256"], entry.entry_hash) == (
        "dossier.export", result.dossier_sha256, manifest["dossier"]["entry_hash"])
    assert manifest["dossier"]["id"] == entry.after.get("dossier_id", "")  # as its pages print
    assert manifest["case"]["audit_head"] and manifest["withheld"] == []
    assert set(manifest["files"]) == set(names) - {"manifest.json", "SHA256SUMS"}
    assert result.pdf_note == "no PDF rendition was asked for"


def test_a_ukrainian_package_says_what_it_holds_in_ukrainian(training):
    """The README is for the receiving office: in the dossier's language, its file names and
    the command that checks them as they are."""
    out = training / "пакет.zip"
    build_package(out, PackageOptions(pdf=False, language="uk"), actor=DOCUMENTER)
    with zipfile.ZipFile(out) as z:
        readme = z.read("README.txt").decode("utf-8")
    lines = readme.splitlines()
    assert lines[0].startswith("Пакет для розкриття: ")
    assert "редакція: повна; лише схвалені інциденти" in lines[1]
    assert "dossier.docx: досьє (SHA-256 " in readme
    assert "Без PDF: PDF-версію не замовлено." in readme
    assert "Перевірте кожен файл: sha256sum -c SHA256SUMS" in readme
    assert not re.search(r"\b(the|of|and|every)\b", readme), readme


def test_the_package_verifies(built):
    out, result = built
    check = verify_package(out)
    assert check.ok, check.problems
    assert check.sha256 == result.sha256
    package.check_against_trail(check)
    assert check.ok, check.problems


def test_the_export_is_audited_with_the_packages_sha256(built):
    out, result = built
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.actor) == ("package.export", DOCUMENTER)
    assert entry.after["sha256"] == result.sha256 == package.manifests.file_sha256(out)
    assert entry.after["dossier_sha256"] == result.dossier_sha256
    assert outgoing.reconcile(actor=DOCUMENTER) == []  # the intent has its entry


def test_sha256sum_accepts_the_sums(built, tmp_path):
    out, _ = built
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(out) as z:
        z.extractall(unpacked)
    done = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=unpacked,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    unpacked_files = [p for p in unpacked.rglob("*") if p.is_file()]
    assert done.stdout.count(": OK") == len(unpacked_files) - 1  # all but SHA256SUMS


def test_a_changed_byte_in_any_file_is_named(built, tmp_path):
    out, _ = built
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    for number, name in enumerate(names):
        check = verify_package(rewritten(out, tmp_path / f"changed-{number}.zip", change=name))
        assert not check.ok, name
        assert len(check.problems) == 1 and check.problems[0].startswith(name), (
            name, check.problems)


def test_a_missing_file_is_named(built, tmp_path):
    out, _ = built
    for name in ("originals/S-002-pokazaniia-kravtsova.txt", "manifest.json", "SHA256SUMS"):
        check = verify_package(rewritten(out, tmp_path / "missing.zip", drop=name))
        assert check.problems == [f"{name}: missing"], check.problems


def test_an_added_file_is_named(built, tmp_path):
    out, _ = built
    check = verify_package(rewritten(out, tmp_path / "added.zip", add="originals/extra.txt"))
    assert check.problems == ["originals/extra.txt: added (not in the manifest)"]
    check = verify_package(rewritten(out, tmp_path / "climbing.zip", add="../../etc/evil"))
    assert check.problems == ["../../etc/evil: added (not a file the package was made with)"]


def test_a_package_the_trail_does_not_know_is_named(built, tmp_path):
    out, _ = built
    copy = tmp_path / "elsewhere.zip"
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(copy, "w") as new:
        for info in old.infolist():  # the same files, packed again: another zip's SHA-256
            new.writestr(info.filename, old.read(info))
    check = verify_package(copy)
    assert check.ok
    package.check_against_trail(check)
    assert len(check.problems) == 1 and "records no package" in check.problems[0]


def test_what_is_not_a_package_is_said_in_one_line(training):
    junk = training / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(package.PackageError, match="junk.zip: cannot be read as a package"):
        verify_package(junk)


def test_building_again_gives_the_same_members_in_the_same_order(built, training):
    out, _ = built
    again = build_package(training / "again.zip", PackageOptions(pdf=False), actor=DOCUMENTER)
    with zipfile.ZipFile(out) as first, zipfile.ZipFile(again.path) as second:
        assert first.namelist() == second.namelist()
        assert {i.date_time for i in second.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in first.namelist():
            if name.startswith(("originals/", "registers/")):
                assert first.read(name) == second.read(name), name


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "..\\..\\boot.ini", "\u202etxt.exe",
                                     "a\nb\x1b[2J.txt", "", ".hidden", "CON"])
def test_a_hostile_file_name_becomes_a_safe_one(hostile):
    name = package.safe_name(hostile, "text/plain")
    assert package.safe_member(f"originals/S-001-{name}"), name
    assert re.fullmatch(r"[\w.\-]+", name) and not name.startswith(".")


def test_the_sums_of_an_awkward_name_read_back():
    line = package.sums_line("a\\b\nc", "0" * 64)
    assert line == "\\" + "0" * 64 + "  a\\\\b\\nc\n"
    assert package.read_sums(line) == ({"a\\b\nc": "0" * 64}, [])


def _texts(out: Path) -> dict[str, str]:
    """Every file of a package as text: the .docx's XML parts, the PDF's text, the rest."""
    texts = {}
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            data = z.read(name)
            texts[name] = name
            if name.endswith(".docx"):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    texts[name] += "".join(inner.read(n).decode("utf-8") for n in inner.namelist()
                                           if n.endswith((".xml", ".rels")))
            elif name.endswith(".pdf"):
                import pypdf

                texts[name] += "".join(p.extract_text() for p in pypdf.PdfReader(
                    io.BytesIO(data)).pages)
            else:
                texts[name] += data.decode("utf-8")
    return texts


def test_the_redacted_package_names_no_protected_person(training):
    options = PackageOptions(redacted=True, pdf=bool(package.soffice()))
    result = build_package(training / "redacted.zip", options, actor=DOCUMENTER)
    texts = _texts(result.path)
    assert ("dossier.pdf" in texts) == bool(package.soffice())
    for name, text in texts.items():
        plain = re.sub(r"<[^>]+>", "", text).casefold()  # runs split a word across tags
        for stem in STEMS:
            assert stem not in plain and stem not in text.casefold(), (name, stem)
    # Both statements name a protected person: their originals stay in the case, listed.
    assert result.withheld == ("S-001", "S-002") and result.originals == 0
    manifest = json.loads(texts["manifest.json"][len("manifest.json"):])
    assert [w["reason"] for w in manifest["withheld"]] == ["its description names a protected "
                                                           "person"] * 2
    assert "S-001" in texts["README.txt"] and "W-001" in texts["registers/evidence.csv"]
    assert verify_package(result.path).ok


def test_without_libreoffice_the_package_says_there_is_no_pdf(training, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = build_package(training / "p.zip", PackageOptions(), actor=DOCUMENTER)
    assert result.pdf_note == ("LibreOffice is not installed, so the package holds no PDF "
                               "rendition")
    with zipfile.ZipFile(result.path) as z:
        assert "dossier.pdf" not in z.namelist()
        assert result.pdf_note in z.read("README.txt").decode("utf-8")


def test_a_cancelled_package_writes_nothing(training):
    out = training / "cancelled.zip"
    with pytest.raises(package.PackageCancelled):
        build_package(out, PackageOptions(pdf=False), actor=DOCUMENTER, cancelled=lambda: True)
    assert not out.exists()
    assert [p.name for p in training.iterdir() if ".partial-" in p.name] == []


def test_a_kill_between_the_rename_and_the_entry_is_settled_on_opening(training, monkeypatch):
    real_done = outgoing.done

    def killed_after_the_rename(intent):
        if intent.action != "package.export":  # the dossier's own entry is written
            real_done(intent)

    monkeypatch.setattr(outgoing, "done", killed_after_the_rename)
    result = build_package(training / "p.zip", PackageOptions(pdf=False), actor=DOCUMENTER)
    monkeypatch.setattr(outgoing, "_in_flight", set())  # as a new process finds the trail
    settled = outgoing.reconcile(actor=DOCUMENTER)
    assert len(settled) == 1 and "p.zip" in settled[0]
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.after["sha256"]) == ("package.export", result.sha256)


def test_large_originals_are_read_a_few_at_a_time(training, monkeypatch):
    monkeypatch.setattr(package, "_BATCH_BYTES", 1)  # every original is a batch of its own
    result = build_package(training / "p.zip", PackageOptions(pdf=False), actor=DOCUMENTER)
    assert result.originals == 2 and verify_package(result.path).ok
