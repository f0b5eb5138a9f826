"""`casefile …`: the command line. Thin: parses arguments, calls services, prints results.

Exit codes: 0 done, 1 a user error (a one-line message on stderr), 2 wrong usage, 3 a check-in
that left conflicts for a person to decide. Each command
imports the services it uses when it runs, so `casefile search` loads no exporter or importer.
"""

from __future__ import annotations

import argparse
import getpass
import io
import json
import logging
import math
import os
import sqlite3
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path
from urllib.parse import urlsplit

from peewee import DatabaseError

from desktop import __version__
from desktop.domain import db, encryption, files, scales, server, server_roles, window_lock
from desktop.domain.errors import CasefileError, CaseOpenError
from desktop.domain.printable import printable
from desktop.domain.refs import (
    evidence_number,
    evidence_ref,
    incident_number,
    incident_ref,
    source_ref,
)
from desktop.resources import user_data_folder


def default_user() -> str:
    """Who is acting when --user is not given: $CASEFILE_USER, else the login name."""
    return os.environ.get("CASEFILE_USER") or getpass.getuser()


def _progress_printer():
    """Progress on stderr: one updating line in a terminal, a line per 5% otherwise."""
    interactive = sys.stderr.isatty()

    def report(done: int, total: int, name: str) -> None:
        if interactive:
            print(f"\r[{done:>{len(str(total))}}/{total}] {printable(name)[:60]:<60}", end="",
                  file=sys.stderr, flush=True)
        elif done % max(1, total // 20) == 0 or done == total:
            print(printable(f"[{done}/{total}] {name}"), file=sys.stderr)

    return report


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _passphrase_file(args: argparse.Namespace) -> str:
    """The passphrase in the file given with --passphrase-file (its last newline left out)."""
    path = Path(args.passphrase_file)
    try:
        return path.read_text(encoding="utf-8").rstrip("\n")
    except OSError as exc:
        raise CaseOpenError(path, f"cannot be read: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise CaseOpenError(path, "is not a passphrase file (not UTF-8 text)") from None


def _passphrase(args: argparse.Namespace, path: Path) -> str:
    """The passphrase of an encrypted case: from --passphrase-file, else asked (not echoed)."""
    if args.passphrase_file:
        return _passphrase_file(args)
    if not sys.stdin.isatty():
        raise CaseOpenError(path, "is encrypted; give its passphrase with --passphrase-file")
    return getpass.getpass(f"Passphrase for {path.name}: ")


def _new_passphrase(args: argparse.Namespace, path: Path) -> str:
    """The passphrase of a case about to be created encrypted: from --passphrase-file, or
    typed twice at the terminal (not echoed); it must be long enough to resist guessing."""
    if args.passphrase_file:
        passphrase = _passphrase_file(args)
    elif not sys.stdin.isatty():
        raise CaseOpenError(path, "was not created: give the passphrase with --passphrase-file "
                                  "(there is no terminal to type it in)")
    else:
        passphrase = getpass.getpass(f"Passphrase for the new case {path.name}: ")
        if getpass.getpass("The same passphrase again: ") != passphrase:
            raise CaseOpenError(path, "was not created: the two passphrases differ")
    if len(passphrase) < encryption.MIN_PASSPHRASE:
        raise CaseOpenError(path, f"was not created: use a passphrase of at least "
                                  f"{encryption.MIN_PASSPHRASE} characters")
    return passphrase


def _unused_passphrase(args: argparse.Namespace, why: str) -> None:
    """Refuse --passphrase-file where it would not be used: a user who gives it means the
    case to be encrypted, and must not be left believing it is."""
    if args.passphrase_file:
        raise CasefileError(f"--passphrase-file is not used {why}; nothing was done")


def _open(args: argparse.Namespace, *, read_only: bool = False,
          in_memory: bool = False) -> None:
    """Open the case named on the command line, asking for its passphrase when encrypted.

    `read_only`: without changing a byte of it (`db.open_read_only`), also on read-only media;
    `in_memory` then reads it whole into memory, where an audit entry can go. A case on a
    server is named by its URL (postgresql://HOST[:PORT]/DB).
    """
    if server.is_server_url(args.case):
        _unused_passphrase(args, "for a case on a server (the server keeps it)")
        if read_only:
            db.open_read_only(args.case)
        else:
            db.open_case(args.case)
        # On a server everything is done as the role the connection authenticated as.
        args.user = server_roles.current_role()
        if not read_only:
            _reconcile(args)
        return
    path = Path(args.case)
    if db.is_encrypted_file(path):
        passphrase = _passphrase(args, path)
    else:
        _unused_passphrase(args, f"for {path.name}: it is not encrypted")
        passphrase = None
    if read_only:
        db.open_read_only(path, passphrase, in_memory=in_memory)
    else:
        db.open_case(path, passphrase)
        _reconcile(args)


def _reconcile(args: argparse.Namespace) -> None:
    """Settle in the trail what a killed export or hand-over left, and say what was recorded."""
    from desktop.services import outgoing

    for line in outgoing.reconcile(actor=args.user):
        print(printable(f"casefile: {Path(args.case).name}: {line}"), file=sys.stderr)


def _open_to_export(args: argparse.Namespace) -> bool:
    """Open the case for an export: for editing, so the export is recorded in its audit trail,
    or, when the case is read-only and --unrecorded is given, read-only. Returns whether the
    export will be recorded."""
    path = Path(args.case)
    if db.is_writable(path) or not path.exists():
        _open(args)
        return True
    if not args.unrecorded:
        raise CaseOpenError(path, "is read-only, so this export could not be recorded in its "
                                  "audit trail; give --unrecorded to write it anyway, and keep "
                                  "what it prints as the record")
    _open(args, read_only=True, in_memory=args.command == "export")
    return False


def _say_unrecorded(args: argparse.Namespace) -> None:
    print(printable(f"Not recorded in the audit trail of {Path(args.case).name}: the case is "
                    "read-only. Keep this output as the record of the export."))


def _case_name(args: argparse.Namespace) -> str:
    """How messages name the case of the command: its file's name, or its server URL."""
    if server.is_server_url(args.case):
        return server.display_name(args.case)
    return Path(args.case).name


def cmd_new(args: argparse.Namespace) -> int:
    if server.is_server_url(args.case):
        _unused_passphrase(args, "for a case on a server (the server keeps it)")
        if args.encrypt:
            raise CasefileError("--encrypt is for a case file; a case on a server is kept "
                                "by the server (use TLS to reach it); nothing was done")
        title = args.title or urlsplit(args.case).path.strip("/") or "Case"
        db.new_case(args.case, title, actor=args.user, reference=args.reference,
                    classification=args.classification)
        print(printable(f"Created {_case_name(args)}"))
        return 0
    if not args.encrypt:
        _unused_passphrase(args, "by `new` without --encrypt (the case would not be encrypted)")
    passphrase = _new_passphrase(args, Path(args.case)) if args.encrypt else None
    db.new_case(args.case, args.title or Path(args.case).stem, actor=args.user,
                reference=args.reference, classification=args.classification,
                passphrase=passphrase)
    print(printable(f"Created {args.case}" + (" (encrypted)" if passphrase else "")))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services import importing, sources

    files = importing.expand_paths(args.files)
    if not files:
        print("casefile: no importable files given", file=sys.stderr)
        return 1
    ocr = _ocr_options(args)
    _open(args)
    # OCR takes seconds a page: its progress is shown in a terminal even for one file.
    shown = len(files) > 1 or (ocr is not None and sys.stderr.isatty())
    progress = _progress_printer() if shown else None
    report = sources.import_files(files, actor=args.user, kind=args.kind, progress=progress,
                                  ocr=ocr, collection=_collection_given(args))
    if progress:
        _end_progress()
    for path, source_id in report.imported:
        print(printable(f"imported   {source_ref(source_id)}  {path}"))
    for path, title in report.duplicates:
        print(printable(f"duplicate  {path}  (same bytes as “{title}”, not imported again)"))
    for _path, message in report.failed:
        print(printable(f"failed     {message}"), file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, "
          f"{len(report.failed)} failed")
    return 1 if report.failed else 0


def _collection_given(args: argparse.Namespace) -> dict[str, str]:
    """The collection record `import`'s options give (checked by the import, before it reads)."""
    return {key: value for key, value in (
        ("tool", args.collected_with), ("method", args.capture_method),
        ("captured_at", args.captured_at), ("time_source", args.time_source),
        ("identity", args.identity), ("hash_at_collection", args.hash_at_collection))
        if value}


def _ocr_options(args: argparse.Namespace):
    """How `import --ocr` reads scans (None without --ocr), once Tesseract is known to be
    ready for the languages asked for; before the case is opened, so nothing is changed."""
    if not args.ocr:
        if args.ocr_languages:
            raise CasefileError("--ocr-languages is used only with --ocr; nothing was done")
        return None
    from desktop.services.importing import ocr

    try:
        languages = ocr.parse_languages(args.ocr_languages or "+".join(ocr.DEFAULT_LANGUAGES))
    except ValueError as exc:
        raise CasefileError(f"--ocr-languages: {exc}") from None
    ocr.check_ready(languages)
    return ocr.OcrOptions(languages)


def cmd_sources(args: argparse.Namespace) -> int:
    from desktop.services import sources

    _open(args, read_only=True)
    rows = sources.list_sources()
    for source_id, title, publisher, published, reliability, sha in rows:
        print(printable(f"{source_ref(source_id)}  {reliability}  "
                        f"{published or '----------':10}  {sha[:12]}  "
                        f"{printable(publisher)[:24]:24}  {title}"))
    if not rows:
        print("No sources yet: add some with `casefile import CASE FILES…`.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from desktop.services import search

    _open(args, read_only=True)
    hits = search.search(args.query, limit=args.limit)
    for hit in hits:
        snippet = hit.snippet
        for start, end in reversed(hit.highlights):
            snippet = f"{snippet[:start]}[{snippet[start:end]}]{snippet[end:]}"
        print(printable(f"{source_ref(hit.source_id)}  {hit.title}"))
        print(printable(f"        {' '.join(snippet.split())}"))
    print(f"{len(hits)} source{'s' if len(hits) != 1 else ''} found")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from desktop.services import case

    _open(args, read_only=True)
    about = case.summary()
    counts = about.evidence_by_status
    detail = ", ".join(f"{counts[g.code]} {g.code}" for g in scales.VERIFICATION_STATUSES
                       if counts.get(g.code))
    print(printable(f"Case            {about.title}"))
    print(printable(f"Reference       {about.reference or '—'}"))
    print(f"Classification  {scales.label(scales.CLASSIFICATIONS, about.classification)}")
    print(f"Standard        {about.standard_of_proof}")
    version = db.file_format()
    print(f"File format     {version}" + (f" (read as {db.SCHEMA_VERSION}; the file is upgraded "
                                           "when opened for editing)"
                                           if version < db.SCHEMA_VERSION else ""))
    print(f"Sources         {about.sources}")
    print(f"Incidents       {about.incidents}")
    print(f"Evidence        {about.evidence}" + (f" ({detail})" if detail else ""))
    print(f"Chain head      {about.audit_head} ({about.audit_entries:,} audit entries)")
    return 0


#: `casefile case`'s options: the case's fields they set (services.case.EDITABLE_FIELDS).
CASE_OPTIONS = (("title", "the case's title"), ("reference", "its reference, e.g. UA-POW-2024-017"),
                ("classification", "its marking: " + ", ".join(scales.CLASSIFICATION_CODES)),
                ("issuing_organisation", "the organisation that issues its dossier"),
                ("issued_by", "who issues it (name, role)"),
                ("addressee", "to whom it is addressed"),
                ("issued_for", "what it is issued for (proceedings, request)"),
                ("dossier_version", "the dossier's version, e.g. 1.0"))


def cmd_case(args: argparse.Namespace) -> int:
    from desktop.services import case

    changes = {name: getattr(args, name).strip() for name, _help in CASE_OPTIONS
               if getattr(args, name) is not None}
    _open(args, read_only=not changes)
    if changes:
        case.update_case(actor=args.user, **changes)
        print(printable("Changed " + ", ".join(_case_label(n).lower() for n in changes)
                        + " of the case"))
        return 0
    about = case.summary()
    shown = {"title": about.title, "reference": about.reference,
             "classification": scales.label(scales.CLASSIFICATIONS, about.classification),
             **case.issuing()}
    for name, _help in CASE_OPTIONS:
        print(printable(f"{_case_label(name):<22}{shown[name] or '—'}"))
    return 0


def _case_label(name: str) -> str:
    """A case field as `casefile case` names it: “Issuing organisation”."""
    return name.replace("_", " ").capitalize()


def _refused_near_misses(exc: Exception, what: str) -> int:
    """Say that the redacted `what` was not written for the near misses it held (exit 1)."""
    print(printable(f"casefile: the redacted {what} was not written: {exc}; add them as "
                    "spellings or give --accept-near-misses"), file=sys.stderr)
    return 1


def _warn_near_misses(found: Sequence) -> None:
    """Warn of the near misses of protected names a redacted file let through, when asked."""
    if found:
        print(printable(f"casefile: warning: {len(found)} near miss(es) of protected names let "
                        "through: " + "; ".join(m.line() for m in found[:10])
                        + (f" and {len(found) - 10} more" if len(found) > 10 else "")),
              file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.services import export, incidents

    recorded = _open_to_export(args)
    which = "selected" if args.incident else ("drafts" if args.drafts else "approved")
    found = {code: incidents.incident_id_by_code(code) for code in set(args.incident or [])}
    chosen = tuple(sorted(i for i in found.values() if i is not None))
    missing = {code for code, incident_id in found.items() if incident_id is None}
    if missing:
        print(printable(f"casefile: no incident {', '.join(sorted(missing))} in this case"),
              file=sys.stderr)
        return 1
    options = export.DossierOptions(incidents=which, selected=chosen,
                                    edition="redacted" if args.redacted else "full",
                                    audit_annex=args.audit,
                                    accept_near_misses=args.accept_near_misses,
                                    language=args.language)
    try:
        result = export.export_dossier(Path(args.out), options, actor=args.user,
                                       progress=_progress_printer(), page_numbers=args.pdf)
    except export.NearMissesFound as exc:
        return _refused_near_misses(exc, "edition")
    _end_progress()
    _warn_near_misses(result.near_misses)
    # Passages, as the dossier's cover counts its evidence (a passage linked twice is one).
    print(printable(f"Wrote {result.path} ({_counted(result.incidents, 'incident')}, "
                    f"{_counted(result.passages, 'passage')} quoted, {result.edition} edition)"))
    print(f"SHA-256 {result.sha256}")
    if not recorded:
        _say_unrecorded(args)
    if args.pdf:
        _write_pdf(result, args.user if recorded else None)
    return 0


def _write_pdf(result, actor: str | None) -> None:
    """The dossier's PDF rendition beside it (LibreOffice headless): a missing or failing
    LibreOffice is the command's one-line error; the .docx stays written."""
    from desktop.services import rendition

    made = rendition.render_dossier(result.path, result.sha256, actor=actor,
                                    progress=_progress_printer())
    _end_progress()
    kind = "PDF/A-2b" if made.pdfa else "PDF: this LibreOffice does not offer PDF/A-2b"
    print(printable(f"Wrote {made.path} ({kind}, contents updated, fonts embedded)"))
    print(f"SHA-256 {made.sha256}")


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.services import integrity, manifests

    manifest = manifests.read(Path(args.manifest)) if args.manifest else None
    _open(args, read_only=True)
    report = integrity.verify_case(progress=_progress_printer())
    _end_progress()
    if manifest is not None:
        integrity.verify_against_manifest(manifest, report, copy=Path(args.case))
    for problem in report.problems:
        print(printable(problem))
    print(printable(report.summary() if report.ok else f"Verification FAILED: "
                    f"{_counted(len(report.problems), 'problem')} in {_case_name(args)}."))
    if manifest is not None and report.ok:
        print(printable(f"It matches its hand-over manifest {Path(args.manifest).name}."))
    return 0 if report.ok else 1


def _server_url(args: argparse.Namespace) -> str:
    if not server.is_server_url(args.case):
        raise CasefileError(f"{printable(args.case)}: not a server case; give its URL, "
                            "postgresql://HOST[:PORT]/DB")
    return args.case


def cmd_server(args: argparse.Namespace) -> int:
    """`casefile server init|add-member URL …` (the server's own roles, not a window's lock)."""
    return {"init": cmd_server_init,
            "add-member": cmd_server_add_member}[args.server_command](args)


def cmd_server_init(args: argparse.Namespace) -> int:
    from desktop.services import team

    url = _server_url(args)
    try:
        _open(args)
    except server.NotACase:
        title = args.title or urlsplit(url).path.strip("/") or "Case"
        db.new_case(url, title, actor=args.user)
        print(printable(f"Created {_case_name(args)}"))
    done = team.set_up_roles()
    print(printable(f"Roles of {_case_name(args)}: {', '.join(done.groups)}"))
    if not done.first:  # set up before: its rules were installed again, as this version has them
        print(printable(f"Brought its rules up to date: {', '.join(done.changed)}"
                        if done.changed else "Its rules were up to date: nothing was changed"))
    return 0


def cmd_server_add_member(args: argparse.Namespace) -> int:
    from desktop.services import team

    _server_url(args)
    _open(args)
    team.add_member(args.role, args.as_)
    print(printable(f"{args.role} works on {_case_name(args)} as {args.as_}"))
    return 0


#: The exit status of a check-in that left conflicts for a person to decide (what it could
#: bring in was brought in).
CONFLICTS_LEFT = 3


def cmd_checkout(args: argparse.Namespace) -> int:
    from desktop.services import checkout

    _server_url(args)
    out = Path(args.out)
    if not args.encrypt:
        _unused_passphrase(args, "by `checkout` without --encrypt (the copy would not be "
                                 "encrypted)")
    passphrase = _new_passphrase(args, out) if args.encrypt else None
    args.passphrase_file = None  # the copy's, not the server's
    _open(args)
    made = checkout.check_out(out, passphrase=passphrase, progress=_progress_printer())
    _end_progress()
    counts = made.counts
    print(printable(f"Checked out {_case_name(args)} into {out.name} (check-out "
                    f"{made.checkout}): {_counted(counts['sources'], 'source')}, "
                    f"{_counted(counts['incidents'], 'incident')}, "
                    f"{_counted(counts['evidence'], 'evidence span')}"
                    + (", encrypted" if passphrase else "")))
    print(printable(f"Wrote {out.name} and {made.manifest_path.name} "
                    f"(SHA-256 {made.sha256})"))
    return 0


def _counted(n: int, noun: str) -> str:
    """“1 source”, “2 sources”: a count with its noun, as the command line says it."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def cmd_checkin(args: argparse.Namespace) -> int:
    from desktop.services import checkout

    _server_url(args)
    copy = Path(args.copy)
    holder = window_lock.window_holding(copy)
    if holder:  # what the window does to the copy after this would never come back
        raise CaseOpenError(copy, f"is open in a Casefile window ({holder}); check it in "
                                  "there (File → Check in to server…), or close it first")
    if copy.exists() and db.is_encrypted_file(copy):
        passphrase = _passphrase(args, copy)
    else:
        _unused_passphrase(args, f"for {copy.name}: it is not encrypted")
        passphrase = None
    args.passphrase_file = None  # the copy's, not the server's
    _open(args)
    report = checkout.check_in(copy, passphrase=passphrase)
    worked = (f", worked on by {', '.join(report.actors)}" if report.actors
              else ", no offline work in it")
    print(printable(f"Checked in {copy.name} to {_case_name(args)} (check-out "
                    f"{report.checkout}{worked})"))
    for label, lines in (("New", report.numbers), ("Edited", report.edits),
                         ("Decided", report.decisions), ("Conflict", report.conflicts)):
        for line in lines:
            print(printable(f"{label}: {line}"))
    print(printable(report.summary()))
    return CONFLICTS_LEFT if report.conflicts else 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from desktop.services import search

    _open(args)
    print(printable(search.rebuild_index(actor=args.user).summary()))
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from desktop.services import incidents
    from desktop.services.interchange import w3c

    recorded = _open_to_export(args)
    incident_id = None
    if args.incident:
        incident_id = incidents.incident_id_by_code(args.incident)
        if incident_id is None:
            print(printable(f"casefile: no incident {args.incident} in this case"),
                  file=sys.stderr)
            return 1
    count = w3c.write_annotations(Path(args.out), actor=args.user if recorded else None,
                                  incident_id=incident_id, redacted=args.redacted)
    noun = "redacted annotation" if args.redacted else "annotation"
    print(printable(f"Wrote {_counted(count, noun)} to {args.out}"))
    if not recorded:
        _say_unrecorded(args)
    return 0


def _min_score(text: str) -> float:
    """--min-score: a number above 0 and at most 1."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 1:  # NaN fails both comparisons
        raise argparse.ArgumentTypeError(f"{printable(text)} is not a score above 0 and at "
                                         "most 1 (like 0.8)")
    return value


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop.services.interchange import hypothesis, w3c

    _open(args)
    progress = _progress_printer()
    if args.hypothesis:
        data = hypothesis.read_hypothesis_file(Path(args.file))
        report = hypothesis.import_hypothesis(data, actor=args.user, min_score=args.min_score,
                                              progress=progress)
    else:
        data = w3c.read_annotation_file(Path(args.file))
        report = w3c.import_annotations(data, actor=args.user, min_score=args.min_score,
                                        taken_from=Path(args.file).name,
                                        keep_review=args.keep_review, progress=progress)
    _end_progress()
    for item in report.anchored:
        score = f" {item.score:.2f}" if item.method == "fuzzy" else ""
        print(printable(f"{item.method + score:<12} {item.annotation_id}  "
                        f"{evidence_ref(item.evidence_id)}"))
    for item in report.unplaced:
        print(printable(f"{'not placed':<12} {item.annotation_id}  {item.reason}"))
    print(printable(report.summary()))
    return 0


def cmd_registers(args: argparse.Namespace) -> int:
    from desktop.services import tabular

    recorded = _open_to_export(args)
    written = tabular.export_csv(Path(args.folder), args.stem or Path(args.case).stem,
                                 actor=args.user if recorded else None, redacted=args.redacted)
    for path in written:
        print(printable(f"Wrote {path}{' (redacted)' if args.redacted else ''}"))
    if not recorded:
        _say_unrecorded(args)
    return 0


def cmd_package(args: argparse.Namespace) -> int:
    from desktop.services import export, package

    _open(args)  # a package is always recorded: its manifest cites the trail's entries
    options = package.PackageOptions(redacted=args.redacted, drafts=args.drafts,
                                     pdf=not args.no_pdf, audit_annex=args.audit,
                                     accept_near_misses=args.accept_near_misses,
                                     language=args.language)
    try:
        result = package.build_package(Path(args.out), options, actor=args.user,
                                       progress=_progress_printer())
    except export.NearMissesFound as exc:
        return _refused_near_misses(exc, "package")
    _end_progress()
    _warn_near_misses(result.near_misses)
    withheld = (f"; {_counted(len(result.withheld), 'original')} left out as "
                f"{'it' if len(result.withheld) == 1 else 'they'} could name a protected person: "
                f"{', '.join(result.withheld)}" if result.withheld else "")
    print(printable(f"Wrote {result.path} ({result.edition} edition, "
                    f"{_counted(result.files, 'file')}, "
                    f"{_counted(result.originals, 'original')}{withheld})"))
    if result.pdf_note:
        print(printable(f"No PDF in the package: {result.pdf_note}"))
    print(f"SHA-256 {result.sha256}")
    return 0


def cmd_verify_package(args: argparse.Namespace) -> int:
    from desktop.services import package

    if not args.case:
        _unused_passphrase(args, "by `verify-package` without --case")
    check = package.verify_package(Path(args.package))
    if args.case:
        _open(args, read_only=True)
        package.check_against_trail(check)
    for problem in check.problems:
        print(printable(problem))
    print(printable(check.summary()))
    if args.case and check.ok:
        print(printable(f"The trail of {Path(args.case).name} records this package and its "
                        "dossier's fingerprint."))
    return 0 if check.ok else 1


def _incident(code: str) -> tuple[int, str]:
    """The id and code of the incident cited as `code` (INC-001, inc-1), or a user error
    naming it."""
    from desktop.services import incidents

    number = incident_number(code.strip().upper())
    cited = incident_ref(number) if number is not None else code
    incident_id = incidents.incident_id_by_code(cited)
    if incident_id is None:
        raise CasefileError(f"no incident {code} in this case")
    return incident_id, cited


def _evidence_ids(cited: Sequence[str]) -> list[int]:
    """The ids of the spans cited (E-001 …), or a user error naming every one not in the case."""
    from desktop.services import evidence

    numbers = {ref: evidence_number(ref.strip().upper()) for ref in cited}
    malformed = [ref for ref, number in numbers.items() if number is None]
    if malformed:
        raise CasefileError(f"{', '.join(malformed)}: not an evidence reference (like E-012)")
    wanted = list(dict.fromkeys(numbers.values()))
    found = {row.id for row in evidence.evidence_rows(ids=wanted)}
    missing = [evidence_ref(n) for n in wanted if n not in found]
    if missing:
        raise CasefileError(f"no evidence {', '.join(missing)} in this case")
    return wanted


def _claim_text(claim) -> str:
    """One value of a fact in words: “value” from whom, for which period [E-001 E-002]."""
    who = ", ".join(name or "originator not known" for name in claim.originators)
    period = f", {claim.period}" if claim.period else ""
    cited = " ".join(evidence_ref(e) for e in claim.evidence)
    return f"“{claim.value}” from {who}{period} [{cited}]"


def cmd_facts(args: argparse.Namespace) -> int:
    from desktop.services import assessment

    _open(args, read_only=True)
    chosen = [_incident(args.incident)[0]] if args.incident else None
    items = assessment.assess(chosen)
    if args.json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2))
        return 0
    for item in items:
        lines = f"{item.independent_lines} line{'' if item.independent_lines == 1 else 's'}"
        if item.claims:
            said = " | ".join(_claim_text(claim) for claim in item.claims)
        else:
            said = " ".join(evidence_ref(e) for e in item.evidence)
        flags = "".join(f"; mismatch {evidence_ref(m.evidence_id)}" for m in item.mismatches)
        print(printable(f"{item.incident_code}  {item.coverage:<9}  {lines:<7}  "
                        f"{'CONFLICT' if item.conflict else '-':<8}  {item.label}"
                        f"{' — ' + said if said else ''}{flags}"))
    if not items:
        print("No facts yet: create an incident and mark evidence for it.")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from desktop.services import review

    _open(args)
    ids = _evidence_ids(args.evidence)
    decision = {"approve": "approved", "return": "returned"}[args.decision]
    review.review_evidence(ids, decision, actor=args.user, comment=args.comment)
    cited = ", ".join(evidence_ref(i) for i in ids)
    print(printable(f"{'Approved' if decision == 'approved' else 'Returned'} {cited} "
                    f"(by {args.user})"))
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    from desktop.services import review

    _open(args)
    incident_id, code = _incident(args.incident)
    review.approve_incident(incident_id, actor=args.user, comment=args.comment)
    print(printable(f"Signed off {code}: approved by {args.user}"))
    return 0


def cmd_return_incident(args: argparse.Namespace) -> int:
    from desktop.services import review

    _open(args)
    incident_id, code = _incident(args.incident)
    review.return_incident(incident_id, args.comment, actor=args.user)
    print(printable(f"Returned {code} to its documenter (by {args.user})"))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from desktop.services import review

    _open(args)
    incident_id, code = _incident(args.incident)
    review.submit_incident(incident_id, actor=args.user)
    print(printable(f"Submitted {code} for review (by {args.user})"))
    return 0


#: What declaring a one-person case means, said when it is declared.
ONE_PERSON_MEANING = ("one person documents and reviews it, so the four-eyes rule (nobody "
                      "approves what they marked) cannot hold and is not enforced; the dossier "
                      "says so on its cover")


def cmd_members(args: argparse.Namespace) -> int:
    from desktop.services import case, members, review

    if bool(args.add) != bool(args.role):
        args.usage_error("--add NAME and --role ROLE go together")
    _open(args)
    if args.add:
        members.add_member(args.add, args.role, actor=args.user)
        print(printable(f"Added {args.add} as "
                        f"{scales.label(scales.MEMBER_ROLES, args.role).lower()}"))
    if args.one_person:
        case.update_case(actor=args.user, one_person=True)
        print(f"Declared a one-person case: {ONE_PERSON_MEANING}.")
    if args.add or args.one_person:
        return 0
    rows = members.members()
    for row in rows:
        print(printable(f"{row.name:<28}  {scales.label(scales.MEMBER_ROLES, row.role):<10}  "
                        f"added by {row.added_by or '—'} at {row.added_at}"))
    if not rows:
        print("No members yet: anyone may document and review, but nobody approves what they "
              "marked. Add them with `casefile members CASE --add NAME --role reviewer`.")
    if review.one_person_case():
        print(f"A one-person case: {ONE_PERSON_MEANING}.")
    return 0


def cmd_protect(args: argparse.Namespace) -> int:
    from desktop.services import protection

    _open(args)
    spellings = [args.name, *args.spelling]
    change = protection.add_protected(spellings, args.role, actor=args.user, note=args.note)
    person = next(p for p in protection.protected_people() if p.id == change.id)
    role = scales.label(scales.PROTECTED_ROLES, args.role).lower()
    forms = len(protection.matched_forms(person.spellings))
    print(f"Protected a {role} as {person.pseudonym} "
          f"({_counted(len(person.spellings), 'spelling')}, {_counted(forms, 'form')} matched)")
    return 0


def cmd_people(args: argparse.Namespace) -> int:
    from desktop.services import protection

    _open(args, read_only=True)
    rows = protection.protected_people()
    if not rows:
        print("Nobody is protected in this case: a redacted edition would name everyone. "
              "Protect a person with `casefile protect CASE NAME --role witness`.")
        return 0
    print(f"{'pseudonym':<10}  {'role':<20}  {'spellings':>9}  {'forms':>6}  "
          f"{'consent to be named':<20}  statements given")
    for row in rows:
        statements = ", ".join(source_ref(s) for s in row.statements) or "—"
        print(f"{row.pseudonym:<10}  {scales.label(scales.PROTECTED_ROLES, row.role):<20}  "
              f"{len(row.spellings):>9}  "
              f"{len(protection.matched_forms(row.spellings, row.excluded_forms)):>6}  "
              f"{scales.label(scales.CONSENT_LEVELS, row.consent):<20}  {statements}")
        if args.names:
            for spelling in row.spellings:
                print(printable(f"{'':<10}  {spelling}"))
            if row.risk_note:
                print(printable(f"{'':<10}  risk: {' '.join(row.risk_note.split())}"))
        elif row.risk_note:
            print(f"{'':<10}  a risk is noted (shown with --names)")
    if not args.names:
        print("Names and risk notes are not shown (the screen may be seen or the output "
              "kept); give --names to show them.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services import demo

    _unused_passphrase(args, "by `demo` (the demo case is never encrypted)")
    report = demo.build_demo(Path(args.out))
    print(printable(report.summary()))
    for item in report.annotations.unplaced:
        print(printable(f"not placed  {item.annotation_id}: {item.reason}"))
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from desktop.services import recovery

    damaged = Path(args.damaged)

    def recover(passphrase: str | None = None) -> recovery.RecoveryReport:
        return recovery.recover_case(damaged, Path(args.new), actor=args.user,
                                     progress=_progress_printer(), passphrase=passphrase)

    try:  # a passphrase given for a plain case is refused ("is not encrypted")
        report = recover(_passphrase(args, damaged) if args.passphrase_file else None)
    except encryption.PassphraseRequired:  # the new case is encrypted with it too
        report = recover(_passphrase(args, damaged))
    _end_progress()
    print(printable(report.summary()))
    return 0


UNRECORDED_HELP = ("from a read-only case: write the file although the export cannot be "
                   "recorded in the case's audit trail (without it, such an export is refused)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casefile", description="Build and inspect case files.")
    parser.add_argument("--version", action="version", version=f"casefile {__version__}")
    parser.add_argument("--user", default=None,
                        help="your name, recorded in the audit trail (default: $CASEFILE_USER "
                             "or your login name)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read an encrypted case's passphrase from FILE (else it is "
                             "asked); an error for a case that is not encrypted")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="create a new, empty case file (or a case on a server)")
    p.add_argument("case", help="the case file to create (*.casefile), or an empty database "
                                "on a PostgreSQL server: postgresql://HOST[:PORT]/DB")
    p.add_argument("--title", default="",
                   help="case title (default: the file's or the database's name)")
    p.add_argument("--reference", default="", help="reference number")
    p.add_argument("--classification", default="confidential",
                   choices=scales.CLASSIFICATION_CODES, help="classification marking")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt the case with a passphrase, typed twice (or read from "
                        "--passphrase-file)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import source files (or folders of them) into a case")
    p.add_argument("case")
    p.add_argument("files", nargs="+",
                   help="files (.txt .md .docx .html .mhtml .warc .warc.gz .pdf, and with "
                        "--ocr .png .jpg .tif) "
                        "or folders")
    p.add_argument("--kind", default="other", choices=scales.SOURCE_KIND_CODES,
                   help="kind of source (default: other)")
    p.add_argument("--ocr", action="store_true",
                   help="read scanned PDFs and images with OCR (Tesseract)")
    p.add_argument("--ocr-languages", metavar="LANGS",
                   help="Tesseract's languages for --ocr, joined by + (default: ukr+rus+eng)")
    record = p.add_argument_group(
        "collection record", "how the files were collected (the Berkeley Protocol); a web "
        "capture's own tool and capture time are taken where none is given")
    record.add_argument("--collected-with", metavar="TOOL",
                        help="the tool and its version (\"Hunchly 2.4\", \"wget 1.21\")")
    record.add_argument("--capture-method", metavar="TEXT",
                        help="how it was captured (\"full-page capture\", \"download\")")
    record.add_argument("--captured-at", metavar="TIME",
                        help="when it was captured, ISO 8601 (2025-01-23T13:05:00Z)")
    record.add_argument("--time-source", metavar="TEXT",
                        help="the clock the capture time comes from (\"laptop, NTP\")")
    record.add_argument("--identity", metavar="TEXT",
                        help="the identity or account the collector used (free text)")
    record.add_argument("--hash-at-collection", metavar="HASH",
                        help="the hash taken when the file was collected elsewhere "
                             "(sha256:…, md5, sha1, sha512), checked against the file; one "
                             "file only")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("sources", help="list the sources of a case")
    p.add_argument("case")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("search", help="full-text search over the sources of a case")
    p.add_argument("case")
    p.add_argument("query", help="words (a Ukrainian or Russian word finds its other forms: "
                                 'Курськ finds Курської), or FTS5 syntax: "an exact phrase", '
                                 "AND, OR, NOT, prefix*")
    p.add_argument("--limit", type=int, default=20, help="how many sources to show (default 20)")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("export", help="export the case as a Word dossier")
    p.add_argument("case")
    p.add_argument("out", help="the .docx file to write")
    p.add_argument("--drafts", action="store_true",
                   help="include incidents not yet approved (marked DRAFT)")
    p.add_argument("--incident", action="append", metavar="CODE",
                   help="export only this incident (repeatable), e.g. --incident INC-001")
    p.add_argument("--redacted", action="store_true",
                   help="the redacted edition: protected names replaced by pseudonyms")
    p.add_argument("--accept-near-misses", action="store_true",
                   help="write the redacted edition even though words that look like a "
                        "protected name were not replaced (they are listed as a warning)")
    p.add_argument("--audit", action="store_true", help="include the audit annex")
    _language_option(p)
    p.add_argument("--pdf", action="store_true",
                   help="also write a PDF beside the .docx (PDF/A-2b, table of contents "
                        "updated, fonts embedded), made by LibreOffice headless")
    p.add_argument("--unrecorded", action="store_true", help=UNRECORDED_HELP)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help="check the audit trail and every source's fingerprints")
    p.add_argument("case")
    p.add_argument("--manifest", metavar="FILE",
                   help="also check the copy against its hand-over manifest "
                        "(*.manifest.json): its bytes, case, counts, rows and trail")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("reindex", help="check the search index against the sources' text "
                                       "and rebuild it (recorded in the audit trail)")
    p.add_argument("case")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("annotations", help="export the evidence as W3C Web Annotations (JSON-LD)")
    p.add_argument("case")
    p.add_argument("out", help="the .jsonld file to write")
    p.add_argument("--incident", metavar="CODE", help="only this incident's evidence")
    p.add_argument("--redacted", action="store_true",
                   help="protected names replaced by pseudonyms in every text")
    p.add_argument("--unrecorded", action="store_true", help=UNRECORDED_HELP)
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("import-annotations",
                       help="import W3C Web Annotations (or Hypothesis JSON) as evidence")
    p.add_argument("case")
    p.add_argument("file", help="an AnnotationCollection (.jsonld/.json)")
    p.add_argument("--hypothesis", action="store_true", help="the file is a Hypothesis export")
    p.add_argument("--min-score", type=_min_score, default=0.8,
                   help="lowest fuzzy-match score accepted (above 0, at most 1; default 0.8)")
    p.add_argument("--keep-review", action="store_true",
                   help="take over the review decisions in the file (only for a copy of this "
                        "case's own data; otherwise imported spans wait for review)")
    p.set_defaults(func=cmd_import_annotations)

    p = sub.add_parser("registers", help="export incidents, evidence and sources as three CSV "
                                          "files")
    p.add_argument("case")
    p.add_argument("folder", help="the folder to write into (made when missing)")
    p.add_argument("--stem", default="", help="file name start (default: the case's name)")
    p.add_argument("--redacted", action="store_true",
                   help="protected names replaced by pseudonyms in every cell")
    p.add_argument("--unrecorded", action="store_true", help=UNRECORDED_HELP)
    p.set_defaults(func=cmd_registers)

    p = sub.add_parser("package", help="write a disclosure package: the dossier, the cited "
                                        "sources' originals, registers, annotations and a "
                                        "checkable manifest, in one .zip")
    p.add_argument("case")
    p.add_argument("out", help="the .zip file to write")
    p.add_argument("--redacted", action="store_true",
                   help="the redacted edition: protected names replaced by pseudonyms, and "
                        "every original that could name a protected person left out (listed "
                        "in the manifest)")
    p.add_argument("--drafts", action="store_true",
                   help="include incidents not yet approved (marked DRAFT)")
    p.add_argument("--audit", action="store_true", help="include the dossier's audit annex")
    p.add_argument("--no-pdf", action="store_true",
                   help="leave out the PDF rendition (made with LibreOffice when installed)")
    p.add_argument("--accept-near-misses", action="store_true",
                   help="write the redacted package even though words that look like a "
                        "protected name were not replaced")
    _language_option(p)
    p.set_defaults(func=cmd_package)

    p = sub.add_parser("verify-package", help="check every file of a disclosure package "
                                               "against its manifest")
    p.add_argument("package", help="the package (.zip)")
    p.add_argument("--case", metavar="CASE",
                   help="also check it against the case's audit trail: the package's SHA-256 "
                        "and its dossier's fingerprint (the case is only read)")
    p.set_defaults(func=cmd_verify_package)

    p = sub.add_parser("protect", help="protect a person: their name replaced by a pseudonym "
                                       "in redacted editions")
    p.add_argument("case")
    p.add_argument("name", help="the name as it is usually written")
    p.add_argument("--role", required=True, choices=scales.PROTECTED_ROLE_CODES)
    p.add_argument("--spelling", action="append", default=[], metavar="S",
                   help="another spelling of the name (in another script, an alias); repeat "
                        "for more")
    p.add_argument("--note", default="", help="a note on the person, kept in the case")
    p.set_defaults(func=cmd_protect)

    p = sub.add_parser("people", help="list the protected people by pseudonym (names only "
                                      "with --names)")
    p.add_argument("case")
    p.add_argument("--names", action="store_true",
                   help="also show every spelling of each name (they are hidden otherwise)")
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("demo", help="build the worked demo case from the seed texts")
    p.add_argument("out", help="the case file to create (*.casefile)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("recover", help="salvage what can be read of a damaged case")
    p.add_argument("damaged", help="the damaged case file (only read)")
    p.add_argument("new", help="the new case file to write")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("case", help="show the case's details and the issuing block its "
                                    "dossier prints, or set them")
    p.add_argument("case")
    for name, meaning in CASE_OPTIONS:
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="TEXT", help=meaning,
                       **({"choices": scales.CLASSIFICATION_CODES}
                          if name == "classification" else {}))
    p.set_defaults(func=cmd_case)

    p = sub.add_parser("info", help="show a case's title, marking and counts")
    p.add_argument("case")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("facts", help="every fact and legal element with what its evidence "
                                     "establishes (coverage, lines, conflicts, values)")
    p.add_argument("case")
    p.add_argument("--incident", metavar="CODE", help="only this incident, e.g. INC-001")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object a fact")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("review", help="approve or return evidence spans (as --user)")
    p.add_argument("case")
    p.add_argument("decision", choices=("approve", "return"))
    p.add_argument("evidence", nargs="+", metavar="E-001", help="the spans decided")
    p.add_argument("--comment", default="", help="why (needed to return evidence)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("signoff", help="sign an incident off: approve it (as --user)")
    p.add_argument("case")
    p.add_argument("incident", metavar="INC-001")
    p.add_argument("--comment", default="",
                   help="needed when some of its elements are not supported")
    p.set_defaults(func=cmd_signoff)

    p = sub.add_parser("return-incident", help="send an incident back to its documenter")
    p.add_argument("case")
    p.add_argument("incident", metavar="INC-001")
    p.add_argument("--comment", default="", help="why it is returned (needed)")
    p.set_defaults(func=cmd_return_incident)

    p = sub.add_parser("submit", help="send an incident for review (the documenter)")
    p.add_argument("case")
    p.add_argument("incident", metavar="INC-001")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser("members", help="list who works on the case, add one, or declare a "
                                       "one-person case")
    p.add_argument("case")
    p.add_argument("--add", metavar="NAME", help="add a member by name")
    p.add_argument("--role", choices=scales.MEMBER_ROLE_CODES, help="the new member's role")
    p.add_argument("--one-person", action="store_true",
                   help="declare that one person documents and reviews (four eyes are then "
                        "not enforced, and the dossier says so)")
    p.set_defaults(func=cmd_members, usage_error=p.error)

    _add_server_parsers(sub)
    return parser


def _add_server_parsers(sub) -> None:
    p = sub.add_parser("server", help="a case on a PostgreSQL server: set up its roles, add "
                                      "members")
    commands = p.add_subparsers(dest="server_command", required=True, metavar="COMMAND")
    q = commands.add_parser("init", help="create the case in an empty database (if it holds "
                                         "none yet) and its group roles: documenter, reviewer, "
                                         "admin")
    q.add_argument("case", metavar="URL", help="postgresql://HOST[:PORT]/DB")
    q.add_argument("--title", default="", help="the case's title (default: the database's "
                                               "name)")
    q = commands.add_parser("add-member", help="let a login role work on the case")
    q.add_argument("case", metavar="URL", help="postgresql://HOST[:PORT]/DB")
    q.add_argument("role", help="the person's login role on the server (created, without a "
                                "password, when it does not exist)")
    q.add_argument("--as", dest="as_", required=True,
                   choices=("documenter", "reviewer", "admin"), help="what they may do")
    p.set_defaults(func=cmd_server)
    p = sub.add_parser("checkout", help="write a server case into a case file for offline "
                                        "work, with a manifest beside it")
    p.add_argument("case", metavar="URL", help="postgresql://HOST[:PORT]/DB")
    p.add_argument("out", metavar="OUT.casefile", help="the case file to write (new)")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt the copy with a passphrase, typed twice (or read from "
                        "--passphrase-file)")
    p.set_defaults(func=cmd_checkout)
    p = sub.add_parser("checkin", help="bring what was done offline in a checked-out case "
                                       "file back to its server case (exit 3: conflicts left)")
    p.add_argument("copy", metavar="OUT.casefile", help="the checked-out case file, its "
                                                        "manifest beside it")
    p.add_argument("case", metavar="URL", help="postgresql://HOST[:PORT]/DB")
    p.set_defaults(func=cmd_checkin)


#: The commands that write into the case (an edit, or an audit entry for what they export).
WRITING_COMMANDS = frozenset({
    "import", "export", "annotations", "import-annotations", "registers", "protect", "review",
    "signoff", "return-incident", "submit", "reindex", "package", "checkout", "checkin",
})


def _refuse_if_open_in_a_window(args: argparse.Namespace) -> None:
    """A case open in a Casefile window is written only there: its panels and undo history
    would not know of a change made from the command line."""
    if server.is_server_url(getattr(args, "case", None)):
        return  # many windows and commands write to a server case at once
    writes = args.command in WRITING_COMMANDS or (
        args.command == "members" and (args.add or args.one_person)) or (
        args.command == "case" and any(getattr(args, n) is not None for n, _ in CASE_OPTIONS))
    holder = window_lock.window_holding(args.case) if writes else None
    if holder:
        raise CaseOpenError(Path(args.case), f"is open in a Casefile window ({holder}); make "
                                             "the change there, or close the case in the "
                                             "window and run this command again")


def _start_logging() -> Path:
    """Send every log record and warning (of Casefile and of the libraries it uses: pypdf,
    trafilatura …) to the command line's log file, never to the terminal."""
    path = user_data_folder() / "logs" / "casefile-cli.log"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "casefile_cli", False)]:
        root.removeHandler(handler)
        handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                      encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: "
                                               "%(message)s"))
    except OSError:  # no writable data folder: the records are dropped, not printed
        handler = logging.NullHandler()
    handler.casefile_cli = True
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    return path


def _unexpected(args: argparse.Namespace, exc: BaseException, log_file: Path) -> int:
    """The last resort: an error nobody foresaw is one line for the user and a traceback in
    the log file (a change is one transaction: one the error cut short is not saved)."""
    logging.getLogger("desktop.cli").error("casefile %s stopped", args.command, exc_info=exc)
    print(printable(f"casefile: {args.command} stopped on an unexpected error "
                    f"({type(exc).__name__}); the details are in {log_file}"), file=sys.stderr)
    return 1


def _language_option(p: argparse.ArgumentParser) -> None:
    """--language of a command whose output is a document (the dossier's fixed wording)."""
    from desktop.services import words

    p.add_argument("--language", choices=words.LANGUAGES, default=words.environment_language(),
                   help="the language of the dossier's fixed wording (quotes stay as written); "
                        "default: the environment's (LANG=uk_UA.UTF-8 gives uk), else en")


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.services import words

    with words.in_language(words.environment_language()):  # messages, audit summaries
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    args.user = args.user or default_user()
    log_file = _start_logging()
    for stream in (sys.stdout, sys.stderr):  # a letter the terminal cannot show comes as \u0436
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 — the last resort: no traceback reaches a user
        return _unexpected(args, exc, log_file)
    except KeyboardInterrupt:
        print("casefile: interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    try:
        _refuse_if_open_in_a_window(args)
        args.status = args.func(args)
        return args.status
    except CasefileError as exc:
        print(printable(f"casefile: {exc}"), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader (`| head`) has gone: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, DatabaseError, sqlite3.DatabaseError) as exc:
        refused = server.refusal(exc) if server.is_server_url(getattr(args, "case", None)) \
            else None
        if refused:  # the server's privileges or rules: nothing was changed
            print(printable(f"casefile: {server.display_name(args.case)}: the server refused "
                            f"the change: {refused}"), file=sys.stderr)
            return 1
        if "database is locked" in str(exc):  # another writer held the case past busy_timeout
            case = Path(args.case).name if getattr(args, "case", None) else "the case"
            print(printable(f"casefile: {case}: another Casefile command or window is writing "
                            "to it; try again when it has finished"), file=sys.stderr)
            return 1
        if not files.is_disk_full(exc):
            raise
        args.disk_full_said = True
        print(f"casefile: the disk is full: `{args.command}` stopped and the change it was "
              "making was not saved; free space and try again — keep any -wal file beside "
              "the case", file=sys.stderr)
        return 1
    finally:
        _close_case(args)


def _close_case(args: argparse.Namespace) -> None:
    """Close the case; a checkpoint a full disk refused is said once, after what the command
    did (its changes are saved, in the case and its -wal file)."""
    try:
        db.close_case()
    except db.CaseNotCompacted as exc:
        if not getattr(args, "disk_full_said", False):
            finished = getattr(args, "status", None) is not None
            done = "imported; " if args.command == "import" and finished else ""
            print(printable(f"casefile: {exc.path.name}: {done}{exc.reason}"), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
