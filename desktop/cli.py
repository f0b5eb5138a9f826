"""`casefile …`: the command line. Thin: parses arguments, calls services, prints results.

Exit codes: 0 done, 1 a user error (a one-line message on stderr), 2 wrong usage. Each command
imports the services it uses when it runs, so `casefile search` loads no exporter or importer.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.domain import db, encryption, scales
from desktop.domain.errors import CasefileError, CaseOpenError
from desktop.domain.refs import evidence_ref, source_ref


def default_user() -> str:
    """Who is acting when --user is not given: $CASEFILE_USER, else the login name."""
    return os.environ.get("CASEFILE_USER") or getpass.getuser()


def _progress_printer():
    """Progress on stderr: one updating line in a terminal, a line per 5% otherwise."""
    interactive = sys.stderr.isatty()

    def report(done: int, total: int, name: str) -> None:
        if interactive:
            print(f"\r[{done:>{len(str(total))}}/{total}] {name[:60]:<60}", end="",
                  file=sys.stderr, flush=True)
        elif done % max(1, total // 20) == 0 or done == total:
            print(f"[{done}/{total}] {name}", file=sys.stderr)

    return report


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _passphrase(args: argparse.Namespace, path: Path) -> str:
    """The passphrase of an encrypted case: from --passphrase-file, else asked (not echoed)."""
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\n")
        except OSError as exc:
            raise CaseOpenError(Path(args.passphrase_file),
                                f"cannot be read: {exc.strerror}") from exc
    if not sys.stdin.isatty():
        raise CaseOpenError(path, "is encrypted; give its passphrase with --passphrase-file")
    return getpass.getpass(f"Passphrase for {path.name}: ")


def _open(args: argparse.Namespace) -> None:
    """Open the case named on the command line, asking for its passphrase when encrypted."""
    path = Path(args.case)
    try:
        db.open_case(path)
    except encryption.PassphraseRequired:
        db.open_case(path, _passphrase(args, path))


def cmd_new(args: argparse.Namespace) -> int:
    db.new_case(args.case, args.title or Path(args.case).stem, actor=args.user,
                reference=args.reference, classification=args.classification)
    print(f"Created {args.case}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.services import importing, sources

    files = importing.expand_paths(args.files)
    if not files:
        print("casefile: no importable files given", file=sys.stderr)
        return 1
    _open(args)
    progress = _progress_printer() if len(files) > 1 else None
    report = sources.import_files(files, actor=args.user, kind=args.kind, progress=progress)
    if progress:
        _end_progress()
    for path, source_id in report.imported:
        print(f"imported   {source_ref(source_id)}  {path}")
    for path, title in report.duplicates:
        print(f"duplicate  {path}  (same bytes as “{title}”, not imported again)")
    for _path, message in report.failed:
        print(f"failed     {message}", file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, "
          f"{len(report.failed)} failed")
    return 1 if report.failed else 0


def cmd_sources(args: argparse.Namespace) -> int:
    from desktop.services import sources

    _open(args)
    rows = sources.list_sources()
    for source_id, title, publisher, published, reliability, sha in rows:
        print(f"{source_ref(source_id)}  {reliability}  {published or '----------':10}  "
              f"{sha[:12]}  {publisher[:24]:24}  {title}")
    if not rows:
        print("No sources yet: add some with `casefile import CASE FILES…`.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from desktop.services import search

    _open(args)
    hits = search.search(args.query, limit=args.limit)
    for hit in hits:
        snippet = hit.snippet
        for start, end in reversed(hit.highlights):
            snippet = f"{snippet[:start]}[{snippet[start:end]}]{snippet[end:]}"
        print(f"{source_ref(hit.source_id)}  {hit.title}\n        {' '.join(snippet.split())}")
    print(f"{len(hits)} source{'s' if len(hits) != 1 else ''} found")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from desktop.services import case

    _open(args)
    about = case.summary()
    counts = about.evidence_by_status
    detail = ", ".join(f"{counts[g.code]} {g.code}" for g in scales.VERIFICATION_STATUSES
                       if counts.get(g.code))
    print(f"Case            {about.title}")
    print(f"Reference       {about.reference or '—'}")
    print(f"Classification  {scales.label(scales.CLASSIFICATIONS, about.classification)}")
    print(f"Standard        {about.standard_of_proof}")
    print(f"File format     {db.SCHEMA_VERSION}")
    print(f"Sources         {about.sources}")
    print(f"Incidents       {about.incidents}")
    print(f"Evidence        {about.evidence}" + (f" ({detail})" if detail else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.services import export, incidents

    _open(args)
    which = "selected" if args.incident else ("drafts" if args.drafts else "approved")
    found = {code: incidents.incident_id_by_code(code) for code in set(args.incident or [])}
    chosen = tuple(sorted(i for i in found.values() if i is not None))
    missing = {code for code, incident_id in found.items() if incident_id is None}
    if missing:
        print(f"casefile: no incident {', '.join(sorted(missing))} in this case",
              file=sys.stderr)
        return 1
    options = export.DossierOptions(incidents=which, selected=chosen,
                                    edition="redacted" if args.redacted else "full",
                                    audit_annex=args.audit)
    result = export.export_dossier(Path(args.out), options, actor=args.user,
                                   progress=_progress_printer())
    _end_progress()
    print(f"Wrote {result.path} ({result.incidents} incidents, {result.evidence} evidence, "
          f"{result.edition} edition)\nSHA-256 {result.sha256}")
    return 0


def _read_manifest(path: Path) -> dict:
    """A hand-over manifest (JSON), or a one-line error naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CaseOpenError(path, f"cannot be read: {exc.strerror}") from exc
    except ValueError as exc:
        raise CaseOpenError(path, f"is not a hand-over manifest (not JSON: {exc})") from exc
    if not isinstance(data, dict):
        raise CaseOpenError(path, "is not a hand-over manifest")
    return data


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop.services import integrity

    _open(args)
    report = integrity.verify_case(progress=_progress_printer())
    _end_progress()
    if args.manifest:
        integrity.verify_against_manifest(_read_manifest(Path(args.manifest)), report)
    for problem in report.problems:
        print(problem)
    print(report.summary() if report.ok else
          f"Verification FAILED: {len(report.problems)} problem(s) in {Path(args.case).name}.")
    return 0 if report.ok else 1


def cmd_annotations(args: argparse.Namespace) -> int:
    from desktop.services import incidents
    from desktop.services.interchange import w3c

    _open(args)
    incident_id = None
    if args.incident:
        incident_id = incidents.incident_id_by_code(args.incident)
        if incident_id is None:
            print(f"casefile: no incident {args.incident} in this case", file=sys.stderr)
            return 1
    count = w3c.write_annotations(Path(args.out), actor=args.user, incident_id=incident_id)
    print(f"Wrote {count} annotation(s) to {args.out}")
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    from desktop.services.interchange import hypothesis, w3c

    _open(args)
    if args.hypothesis:
        data = hypothesis.read_hypothesis_file(Path(args.file))
        report = hypothesis.import_hypothesis(data, actor=args.user, min_score=args.min_score)
    else:
        data = w3c.read_annotation_file(Path(args.file))
        report = w3c.import_annotations(data, actor=args.user, min_score=args.min_score,
                                        keep_review=args.keep_review)
    for item in report.anchored:
        score = f" {item.score:.2f}" if item.method == "fuzzy" else ""
        print(f"{item.method + score:<12} {item.annotation_id}  {evidence_ref(item.evidence_id)}")
    for item in report.unplaced:
        print(f"{'not placed':<12} {item.annotation_id}  {item.reason}")
    print(report.summary())
    return 0


def cmd_registers(args: argparse.Namespace) -> int:
    from desktop.services import tabular

    _open(args)
    written = tabular.export_csv(Path(args.folder), args.stem or Path(args.case).stem,
                                 actor=args.user)
    for path in written:
        print(f"Wrote {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services import demo

    report = demo.build_demo(Path(args.out))
    print(report.summary())
    for item in report.annotations.unplaced:
        print(f"not placed  {item.annotation_id}: {item.reason}")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    from desktop.services import recovery

    report = recovery.recover_case(Path(args.damaged), Path(args.new), actor=args.user,
                                   progress=_progress_printer())
    _end_progress()
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casefile", description="Build and inspect case files.")
    parser.add_argument("--version", action="version", version=f"casefile {__version__}")
    parser.add_argument("--user", default=None,
                        help="your name, recorded in the audit trail (default: $CASEFILE_USER "
                             "or your login name)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read an encrypted case's passphrase from FILE (else it is asked)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("new", help="create a new, empty case file")
    p.add_argument("case", help="the case file to create (*.casefile)")
    p.add_argument("--title", default="", help="case title (default: the file name)")
    p.add_argument("--reference", default="", help="reference number")
    p.add_argument("--classification", default="confidential",
                   choices=scales.CLASSIFICATION_CODES, help="classification marking")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("import", help="import source files (or folders of them) into a case")
    p.add_argument("case")
    p.add_argument("files", nargs="+", help="files (.txt .md .docx .html .pdf) or folders")
    p.add_argument("--kind", default="other", choices=scales.SOURCE_KIND_CODES,
                   help="kind of source (default: other)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("sources", help="list the sources of a case")
    p.add_argument("case")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("search", help="full-text search over the sources of a case")
    p.add_argument("case")
    p.add_argument("query", help='words, or FTS5 syntax: "a phrase", AND, OR, NOT, prefix*')
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
    p.add_argument("--audit", action="store_true", help="include the audit annex")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify", help="check the audit trail and every source's fingerprints")
    p.add_argument("case")
    p.add_argument("--manifest", metavar="FILE",
                   help="also check the trail against a hand-over manifest (*.manifest.json)")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("annotations", help="export the evidence as W3C Web Annotations (JSON-LD)")
    p.add_argument("case")
    p.add_argument("out", help="the .jsonld file to write")
    p.add_argument("--incident", metavar="CODE", help="only this incident's evidence")
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("import-annotations",
                       help="import W3C Web Annotations (or Hypothesis JSON) as evidence")
    p.add_argument("case")
    p.add_argument("file", help="an AnnotationCollection (.jsonld/.json)")
    p.add_argument("--hypothesis", action="store_true", help="the file is a Hypothesis export")
    p.add_argument("--min-score", type=float, default=0.8,
                   help="lowest fuzzy-match score accepted (0–1, default 0.8)")
    p.add_argument("--keep-review", action="store_true",
                   help="take over the review decisions in the file (only for a copy of this "
                        "case's own data; otherwise imported spans wait for review)")
    p.set_defaults(func=cmd_import_annotations)

    p = sub.add_parser("registers", help="export incidents and evidence as two CSV files")
    p.add_argument("case")
    p.add_argument("folder", help="the folder to write into")
    p.add_argument("--stem", default="", help="file name start (default: the case's name)")
    p.set_defaults(func=cmd_registers)

    p = sub.add_parser("demo", help="build the worked demo case from the seed texts")
    p.add_argument("out", help="the case file to create (*.casefile)")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("recover", help="salvage what can be read of a damaged case")
    p.add_argument("damaged", help="the damaged case file (only read)")
    p.add_argument("new", help="the new case file to write")
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser("info", help="show a case's title, marking and counts")
    p.add_argument("case")
    p.set_defaults(func=cmd_info)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.user = args.user or default_user()
    try:
        return args.func(args)
    except CasefileError as exc:
        print(f"casefile: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close_case()


if __name__ == "__main__":
    sys.exit(main())
