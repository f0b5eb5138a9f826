"""`casefile …`: the command line. Thin: parses arguments, calls services, prints results.

Exit codes: 0 done, 1 a user error (a one-line message on stderr), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import __version__
from desktop.domain import db, scales
from desktop.domain.errors import CasefileError
from desktop.services import case, importing, search, sources


def default_user() -> str:
    """Who is acting when --user is not given: $CASEFILE_USER, else the login name."""
    return os.environ.get("CASEFILE_USER") or getpass.getuser()


def _progress_printer(total: int):
    interactive = sys.stderr.isatty()
    step = max(1, total // 20)

    def report(done: int, _total: int, name: str) -> None:
        if interactive:
            print(f"\r[{done:>{len(str(total))}}/{total}] {name[:60]:<60}", end="",
                  file=sys.stderr, flush=True)
        elif done % step == 0 or done == total:
            print(f"[{done}/{total}] {name}", file=sys.stderr)

    return report


def cmd_new(args: argparse.Namespace) -> int:
    db.new_case(args.case, args.title or Path(args.case).stem, actor=args.user,
                reference=args.reference, classification=args.classification)
    print(f"Created {args.case}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    files = importing.expand_paths(args.files)
    if not files:
        print("casefile: no importable files given", file=sys.stderr)
        return 1
    db.open_case(args.case)
    progress = _progress_printer(len(files)) if len(files) > 1 else None
    report = sources.import_files(files, actor=args.user, kind=args.kind, progress=progress)
    if progress and sys.stderr.isatty():
        print(file=sys.stderr)
    for path, source_id in report.imported:
        print(f"imported   S-{source_id:03d}  {path}")
    for path, title in report.duplicates:
        print(f"duplicate  {path}  (same bytes as “{title}”, not imported again)")
    for _path, message in report.failed:
        print(f"failed     {message}", file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, "
          f"{len(report.failed)} failed")
    return 1 if report.failed else 0


def cmd_sources(args: argparse.Namespace) -> int:
    db.open_case(args.case)
    rows = sources.list_sources()
    for source_id, title, publisher, published, reliability, sha in rows:
        print(f"S-{source_id:03d}  {reliability}  {published or '----------':10}  "
              f"{sha[:12]}  {publisher[:24]:24}  {title}")
    if not rows:
        print("No sources yet: add some with `casefile import CASE FILES…`.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    db.open_case(args.case)
    hits = search.search(args.query, limit=args.limit)
    for hit in hits:
        snippet = hit.snippet
        for start, end in reversed(hit.highlights):
            snippet = f"{snippet[:start]}[{snippet[start:end]}]{snippet[end:]}"
        print(f"S-{hit.source_id:03d}  {hit.title}\n        {' '.join(snippet.split())}")
    print(f"{len(hits)} source{'s' if len(hits) != 1 else ''} found")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    db.open_case(args.case)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="casefile", description="Build and inspect case files.")
    parser.add_argument("--version", action="version", version=f"casefile {__version__}")
    parser.add_argument("--user", default=None,
                        help="your name, recorded in the audit trail (default: $CASEFILE_USER "
                             "or your login name)")
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
