"""Hostile and odd source files: each is refused with its reason, or imported whole, within a
bound on time and memory that a child process measures on itself (resource.getrusage)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest

from desktop.domain.errors import SourceImportError
from desktop.services import importing, sources
from desktop.services.importing import base, extract, extract_bytes, reading
from tests.conftest import ROOT

MB = 1024 * 1024

# Runs in a fresh interpreter: reads the files named on its command line as an import does
# (through importing.Reader, so large files go to the reading process), or with a case named
# imports them into it, and prints what became of each file, with the CPU seconds and peak
# memory of this process and of the reading process.
_MEASURE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from desktop.domain import db
    from desktop.services import importing, sources

    def read(paths, cancelled):
        results = []
        with importing.Reader(cancelled) as reader:
            for path in paths:
                try:
                    text = reader.extract(path, importing.read_source_bytes(path)).text
                    results.append({"text": text})
                except importing.SourceImportError as exc:
                    results.append({"refused": str(exc)})
                except importing.ImportCancelled:
                    results.append({"cancelled": True})
        return results

    def import_into(case, paths):
        db.new_case(case, "Measured", actor="test")
        report = sources.import_files(paths, actor="test")
        refused = dict(report.failed)
        return [{"refused": refused[path]} if path in refused
                else {"text": sources.source_text(dict(report.imported)[path])}
                for path in paths]

    def main():
        started = time.monotonic()
        cancel_after, case, *names = sys.argv[1:]
        paths = [Path(name) for name in names]
        if case == "-":
            results = read(paths, lambda: time.monotonic() - started > float(cancel_after))
        else:
            results = import_into(Path(case), paths)
        usage = [resource.getrusage(who) for who in
                 (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        print(json.dumps({
            "results": results,
            "seconds": sum(u.ru_utime + u.ru_stime for u in usage),
            "wall": time.monotonic() - started,
            "megabytes": max(own_peak_kb(), usage[1].ru_maxrss) / 1024,
        }))

    def own_peak_kb():
        # This process's peak memory since it started. Linux keeps ru_maxrss across exec,
        # so RUSAGE_SELF would count the test runner this process was forked from; VmHWM
        # starts again with the new program.
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    if __name__ == "__main__":
        main()
""")


def measured(tmp_path: Path, *paths: Path, cancel_after: float = 1e9,
             into_case: bool = False) -> dict:
    """What a child process made of the files (read, or imported into a new case), and the
    CPU time and memory it took."""
    script = tmp_path / "measure.py"
    script.write_text(_MEASURE)
    case = str(tmp_path / "measured.casefile") if into_case else "-"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script), str(cancel_after), case,
                           *map(str, paths)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def word_document(path: Path, *, padding: int = 0, paragraphs: list[str] = ()) -> Path:
    """A .docx with these paragraphs whose body carries `padding` bytes of spaces, written as
    a stream so the test itself never holds what the file unpacks to."""
    template = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Свідок бачив танк біля школи.")
    document.save(template)
    # The paragraphs go into the XML as written: python-docx's own append is superlinear, and
    # a long document built through it took minutes.
    extra = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"
                    for text in paragraphs).encode("utf-8")
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "word/document.xml":
                target.writestr(item, data, zipfile.ZIP_DEFLATED)
                continue
            head, tail = data.split(b"</w:body>")
            if extra:
                opening = head.index(b">", head.index(b"<w:body")) + 1
                head = head[:opening] + extra + head[opening:]
            info = zipfile.ZipInfo(item.filename)
            info.compress_type = zipfile.ZIP_DEFLATED
            with target.open(info, "w", force_zip64=True) as part:
                part.write(head)
                chunk = b" " * MB
                for _ in range(padding // MB):
                    part.write(chunk)
                part.write(b"</w:body>" + tail)
    return path


def failure(path: Path, data: bytes | None = None) -> str:
    """The message of the SourceImportError that importing `path` raises."""
    with pytest.raises(SourceImportError) as caught:
        extract_bytes(path, path.read_bytes() if data is None else data)
    return str(caught.value)


def nested_page(levels: int) -> bytes:
    """An old saved page whose <div> tags are never closed: each paragraph one level deeper."""
    body = b"".join(b"<div><p>Paragraph %d of the statement.</p>" % i for i in range(levels))
    return b"<html><head><title>Statement</title></head><body>" + body + b"</body></html>"


# --- what a file unpacks to -------------------------------------------------------------


@pytest.mark.slow
def test_a_docx_that_inflates_to_256_mb_is_refused_quickly_in_little_memory(tmp_path):
    bomb = word_document(tmp_path / "bomb.docx", padding=256 * MB)
    assert bomb.stat().st_size < 2 * MB
    run = measured(tmp_path, bomb, into_case=True)
    assert run["results"] == [{"refused": "bomb.docx: unpacks to more than 100 MB; a Word "
                                          "document this large should be split"}]
    assert run["seconds"] <= 5
    assert run["megabytes"] <= 500


def test_a_docx_part_that_lies_about_its_size_is_refused(tmp_path):
    path = word_document(tmp_path / "liar.docx", padding=8 * MB)
    data = declare_size(path.read_bytes(), "word/document.xml", 1024)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.getinfo("word/document.xml").file_size == 1024
    assert failure(path, data) == "liar.docx: is not a readable Word document"


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size in its central directory entry set to `size`."""
    data = bytearray(data)
    at = data.index(b"PK\x01\x02")
    while at >= 0:
        name_length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_length] == name.encode():
            data[at + 24:at + 28] = size.to_bytes(4, "little")
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{name} is not in the zip")


def test_the_unpacked_limit_counts_every_part(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_UNPACKED_BYTES", 4 * MB)
    path = word_document(tmp_path / "padded.docx", padding=5 * MB)
    assert failure(path) == ("padded.docx: unpacks to more than 4 MB; a Word document this "
                             "large should be split")
    assert "Свідок" in extract(word_document(tmp_path / "fits.docx", padding=3 * MB)).text


def test_a_pdf_stream_that_unpacks_past_the_limit_is_refused():
    content = b"BT /F1 12 Tf 72 720 Td (Witness) Tj ET\n" + b" " * (80 * 1000 * 1000)
    stream = zlib.compress(content, 9)
    pdf = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                    b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                    + b"\nendstream"])
    assert failure(Path("bomb.pdf"), pdf) == (
        "bomb.pdf: is not a readable PDF: a stream in it unpacks to more than 75 MB")


@pytest.mark.slow
def test_a_small_pdf_of_doubly_deflated_pages_is_refused_quickly(tmp_path):
    # Deflate applied twice packs 40 MB into a few hundred bytes; three such pages make a
    # PDF of 2 KB that unpacks past the limit.
    content = b"BT /F1 12 Tf 72 720 Td (Witness) Tj ET\n" + b" " * (40 * 1000 * 1000)
    stream = zlib.compress(zlib.compress(content, 9), 9)
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>")
    contents = (b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(stream)
                + stream + b"\nendstream")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>",
               page % 6, page % 6, page % 6, contents]
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_file(objects))
    assert bomb.stat().st_size < 64 * 1024
    run = measured(tmp_path, bomb)
    assert run["results"] == [{"refused": "bomb.pdf: unpacks to more than 100 MB; a PDF this "
                                          "large should be split"}]
    assert run["seconds"] <= 5
    assert run["megabytes"] <= 500


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these numbered objects, the first its catalogue, with a correct xref table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)


# --- web pages: deep, wide, and many tables ---------------------------------------------


def test_html_nested_600_levels_keeps_every_paragraph():
    text = extract_bytes(Path("old.html"), nested_page(600)).text
    assert [line for line in text.splitlines() if line.startswith("Paragraph")] == [
        f"Paragraph {i} of the statement." for i in range(600)]


@pytest.mark.parametrize("levels", [240, 600, 2040])
def test_html_of_nested_inline_tags_keeps_every_word(levels):
    page = b"<html><body>" + b"".join(b"<span>Word%d " % i for i in range(levels)) + b"</body>"
    words = extract_bytes(Path("old.html"), page).text.split()
    assert words == [f"Word{i}" for i in range(levels)]


def test_html_nested_deeper_than_libxml2_reads_is_refused_not_cut():
    assert failure(Path("deep.html"), nested_page(3000)) == (
        "deep.html: is nested more than 2,048 levels deep (unclosed tags?); it cannot be read "
        "whole")


def test_html_with_too_many_elements_is_refused(monkeypatch):
    monkeypatch.setattr(base, "MAX_HTML_ELEMENTS", 1000)
    page = b"<html><body>" + b"<p>Line</p>" * 1200 + b"</body></html>"
    assert failure(Path("wide.html"), page) == (
        "wide.html: has more than 1,000 elements; a page this large should be split")


@pytest.mark.slow
def test_20000_tables_import_in_linear_time_with_every_cell(tmp_path):
    rows = b"".join(b"<table><tr><th>Witness</th><th>Place</th></tr><tr><td>W-%05d</td>"
                    b"<td>Village %d</td></tr></table>" % (i, i) for i in range(20_000))
    page = tmp_path / "register.html"
    page.write_bytes(b"<html><head><title>Register</title></head><body>" + rows
                     + b"</body></html>")
    run = measured(tmp_path, page, into_case=True)
    text = run["results"][0]["text"]
    assert "W-00000\tVillage 0" in text and "W-19999\tVillage 19999" in text
    assert text.count("Witness\tPlace") == 20_000
    assert run["seconds"] <= 5


def test_a_large_page_is_read_whole_with_its_metadata(monkeypatch):
    monkeypatch.setattr("desktop.services.importing.html.TRAFILATURA_ELEMENTS", 10)
    page = ('<html lang="uk"><head><title>Реєстр</title><meta name="author" content="Олена Коваль">'
            "<script>var junk = 1;</script></head><body><h1>Реєстр</h1><p>Перший   рядок\n"
            "тексту.</p><table><tr><td>W-001</td><td>Київ</td></tr></table></body></html>")
    result = extract_bytes(Path("register.html"), page.encode())
    assert result.text == "Реєстр\nПерший рядок тексту.\nW-001\tКиїв"
    assert (result.title, result.author, result.language) == ("Реєстр", "Олена Коваль", "uk")


# --- the reading process: small files here, large ones where a cancel stops them ---------


def test_small_files_are_read_in_this_process_and_large_ones_in_the_reading_process(tmp_path):
    assert reading.in_process(Path("note.txt"), b"a" * (20 * MB))
    assert reading.in_process(Path("page.html"), b"<p>a</p>")
    assert not reading.in_process(Path("page.html"), b" " * (300 * 1024))
    assert not reading.in_process(Path("tiny.pdf"), b"%PDF-1.4")  # filters can chain
    assert reading.in_process(Path("short.docx"), word_document(tmp_path / "a.docx").read_bytes())
    padded = word_document(tmp_path / "b.docx", padding=3 * MB).read_bytes()
    assert len(padded) < 64 * 1024 and not reading.in_process(Path("b.docx"), padded)


@pytest.mark.slow
def test_a_cancel_stops_a_long_parse(tmp_path):
    paragraphs = [f"Witness statement paragraph {i}, with the words of the witness."
                  for i in range(200_000)]
    long = word_document(tmp_path / "long.docx", paragraphs=paragraphs)
    run = measured(tmp_path, long, cancel_after=1.0)
    assert run["results"] == [{"cancelled": True}]
    assert run["wall"] < 5  # the parse alone takes longer than that (about 5 s here)


@pytest.mark.slow
def test_the_reading_process_reads_and_refuses_like_this_one(tmp_path):
    page = tmp_path / "big.html"
    page.write_bytes(b"<html><body>" + b"<p>Witness statement.</p>" * 20_000 + b"</body></html>")
    deep = tmp_path / "deep.html"
    deep.write_bytes(nested_page(3000) + b" " * (300 * 1024))
    run = measured(tmp_path, page, deep)
    assert run["results"][0]["text"].count("Witness statement.") == 20_000
    assert run["results"][1]["refused"].startswith("deep.html: is nested more than 2,048")


@pytest.mark.slow
def test_a_parse_past_the_memory_cap_is_refused_and_the_next_file_read(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_PARSE_MEMORY", 150 * MB)
    page = b"<html><body>" + b"<p>Witness statement.</p>" * 400_000 + b"</body></html>"
    with importing.Reader() as reader:
        with pytest.raises(SourceImportError) as caught:
            reader.extract(Path("big.html"), page)
        # libxml2 or Python runs out first, depending on where the cap is met.
        assert str(caught.value) in ("big.html: needs more memory to read than Casefile allows",
                                     "big.html: could not be parsed as a web page: too large "
                                     "for the memory Casefile allows, or damaged")
        assert reader.extract(Path("note.html"), b"<p>Note</p>").text == "Note"
        page = b"<html><body>" + b"<p>Witness statement.</p>" * 20_000 + b"</body></html>"
        assert reader.extract(Path("next.html"), page).text.count("Witness") == 20_000


# --- one bad file never sinks a batch -----------------------------------------------------


@pytest.mark.parametrize(("error", "reason"), [
    (ValueError("lxml said no"), "could not be read: the file looks damaged (ValueError)"),
    (RecursionError(), "is nested too deeply to be read"),
    (MemoryError(), "needs more memory to read than Casefile allows"),
])  # fmt: skip
def test_any_exception_from_an_importer_is_that_files_refusal(monkeypatch, error, reason):
    def broken(path, data):
        raise error

    monkeypatch.setattr("desktop.services.importing.html.extract_html", broken)
    assert failure(Path("page.html"), b"<p>a</p>") == f"page.html: {reason}"


def test_a_crashing_importer_does_not_stop_the_rest_of_the_batch(case, actor, tmp_path,
                                                                  monkeypatch):
    def broken(path, data):
        raise KeyError("charset")

    monkeypatch.setattr("desktop.services.importing.html.extract_html", broken)
    bad = tmp_path / "saved.html"
    bad.write_bytes(b"<html><body><p>Page</p></body></html>")
    good = tmp_path / "statement.txt"
    good.write_text("Свідок бачив танк біля школи.", encoding="utf-8")
    report = sources.import_files([bad, good], actor=actor)
    assert [path for path, _ in report.imported] == [good]
    assert report.failed == [(bad, "saved.html: could not be read: the file looks damaged "
                                   "(KeyError)")]


# --- encodings ----------------------------------------------------------------------------


def test_text_with_utf8_and_cp1251_lines_is_refused_with_that_reason():
    data = ("Свідок каже правду.\n" * 3).encode() + "Свідок бачив танк.\n".encode("cp1251")
    assert failure(Path("mixed.txt"), data) == (
        "mixed.txt: mixes text encodings: line 1 is UTF-8, line 4 is not; save it in one "
        "encoding and import it again")


def test_text_with_koi8_and_cp1251_lines_is_refused_not_stored_garbled():
    data = ("Свідок каже правду про обстріл.\n".encode("koi8_u")
            + "Свідок бачив танк біля школи в понеділок.\n".encode("cp1251") * 3)
    message = failure(Path("mixed.txt"), data)
    # Which lines are "the rest" is charset-normalizer's choice; that they differ is the point.
    assert message.startswith("mixed.txt: mixes text encodings: line ")
    assert message.endswith(" like the rest; save it in one encoding and import it again")


def test_an_ascii_page_labelled_utf16_is_read_as_text_not_cjk():
    page = (b'<html><head><meta charset="utf-16"><title>Report</title></head><body><p>The '
            b"witness saw the tank near the school on Monday.</p></body></html>")
    for data in (page, page + b" "):  # an even and an odd number of bytes
        result = extract_bytes(Path("report.html"), data)
        assert result.text == "The witness saw the tank near the school on Monday."


def test_a_utf8_page_labelled_windows_1251_is_read_as_utf8():
    page = ('<html><head><meta charset="windows-1251"><title>Звіт</title></head><body>'
            "<p>Свідок бачив танк біля школи в понеділок.</p></body></html>")
    result = extract_bytes(Path("report.html"), page.encode())
    assert (result.text, result.encoding) == ("Свідок бачив танк біля школи в понеділок.",
                                              "utf_8")


def test_a_label_whose_text_reads_as_garbled_gives_way_to_detection():
    page = ('<html><head><meta charset="koi8-r"><title>Звіт</title></head><body>'
            "<p>Свідок бачив танк біля школи в понеділок вранці.</p></body></html>")
    result = extract_bytes(Path("report.html"), page.encode("cp1251"))
    assert (result.text, result.encoding) == (
        "Свідок бачив танк біля школи в понеділок вранці.", "cp1251")


# --- reasons that say what is wrong -------------------------------------------------------


def test_a_device_is_not_called_empty(tmp_path):
    link = tmp_path / "random.txt"
    link.symlink_to("/dev/urandom")
    with pytest.raises(SourceImportError) as caught:
        importing.read_source_bytes(link)
    assert str(caught.value) == "random.txt: is not a regular file (a device, pipe or socket)"
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # reading it would wait for a writer forever
    with pytest.raises(SourceImportError, match="pipe.txt: is not a regular file"):
        importing.read_source_bytes(pipe)


def test_a_pdf_whose_page_tree_refers_to_itself_is_not_called_scanned():
    loop = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    assert failure(Path("loop.pdf"), loop) == (
        "loop.pdf: is not a readable PDF: its pages refer to themselves")
    own_contents = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                             b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"])
    assert failure(Path("own.pdf"), own_contents) == (
        "own.pdf: is not a readable PDF: its pages have no readable contents")


def test_an_import_cancelled_while_a_large_file_is_parsed_stores_nothing(case, actor, tmp_path):
    page = tmp_path / "register.html"
    page.write_bytes(b"<html><body>" + b"<p>Witness statement.</p>" * 40_000 + b"</body></html>")
    assert not reading.in_process(page, page.read_bytes())
    checks = []

    def cancelled() -> bool:  # the check before the file says "go on", the next ones "stop"
        checks.append(1)
        return len(checks) > 1

    report = sources.import_files([page], actor=actor, cancelled=cancelled)
    assert report.cancelled and report.imported == []
    assert sources.list_sources() == []


@pytest.mark.slow
def test_large_and_small_files_of_one_import_are_all_stored(case, actor, tmp_path):
    page = tmp_path / "register.html"
    page.write_bytes(b"<html><body>" + b"<p>Witness statement.</p>" * 20_000 + b"</body></html>")
    note = tmp_path / "note.txt"
    note.write_text("Свідок бачив танк біля школи.", encoding="utf-8")
    report = sources.import_files([page, note], actor=actor)
    assert [path for path, _ in report.imported] == [page, note] and not report.failed
    assert sources.source_text(report.imported[0][1]).count("Witness statement.") == 20_000
