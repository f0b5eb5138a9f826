"""Casefile's benchmarks: `make bench` (BENCH_ARGS="--quick" for a smoke run).

Every figure is printed beside a baseline measured in the same run, and compared as a ratio:
machines are noisy, ratios much less so. A target that is not met prints FAIL, but the exit
code stays 0: this is a report, not a test. To add figures, add a function returning `Row`s to
a module's BENCHES (or a new module to MODULES); `--only NAME` runs one of them.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import peewee  # noqa: E402

from tests.bench import (  # noqa: E402
    bench_encryption,
    bench_export,
    bench_foundation,
    bench_integrity,
    bench_ocr,
    bench_package,
    bench_redaction,
    bench_server,
    bench_source_view,
    bench_sources,
    bench_start,
    bench_web,
    bench_workspace,
)
from tests.bench.context import Context  # noqa: E402
from tests.bench.table import Row, print_table  # noqa: E402

MODULES = (bench_foundation, bench_source_view, bench_workspace, bench_start, bench_export,
           bench_redaction, bench_encryption, bench_integrity, bench_package, bench_sources,
           bench_web,
           bench_ocr, bench_server)


def machine() -> str:
    return (f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; "
            f"SQLite {sqlite3.sqlite_version}; peewee {peewee.__version__}")


def main(argv: list[str] | None = None) -> int:
    benches = {name: fn for module in MODULES for name, fn in module.BENCHES.items()}
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smaller corpus: a smoke run of a few seconds")
    parser.add_argument("--only", metavar="NAME", action="append", choices=sorted(benches),
                        help=f"run only this benchmark (repeatable): {', '.join(benches)}")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch folder (the case files) and print where it is")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="casefile-bench-"))
    ctx = Context(workdir=workdir, quick=args.quick)
    rows: list[Row] = []
    try:
        for name, bench in benches.items():
            if args.only and name not in args.only:
                continue
            rows.extend(bench(ctx))
    finally:
        if args.keep:
            print(f"Scratch folder kept: {workdir}", file=sys.stderr)
        else:
            for path in sorted(workdir.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() else path.unlink()
            workdir.rmdir()

    print()
    print(machine())
    print(f"Run: {'quick' if args.quick else 'full'}, {time.perf_counter() - ctx.started:.0f} s;"
          " ratio = Casefile / baseline (time, or size over raw bytes)")
    print()
    print_table(rows)
    for module in MODULES:
        lines = module.details(ctx) if hasattr(module, "details") else []
        if lines:
            print()
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
