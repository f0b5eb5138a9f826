"""What every benchmark gets: the run's options, a scratch folder, and shared fixtures."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Context:
    """One run of the benchmarks. `quick` asks for a smaller corpus (a smoke run)."""

    workdir: Path
    quick: bool = False
    started: float = field(default_factory=time.perf_counter)
    _cache: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, build: Callable[[], Any]) -> Any:
        """A fixture built once per run (say a large case) and reused by every benchmark."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._cache.get(key, default)

    def put(self, key: str, value: Any) -> None:
        self._cache[key] = value

    def log(self, message: str) -> None:
        """Progress on stderr, so the report on stdout stays a clean table."""
        print(f"[{time.perf_counter() - self.started:6.1f}s] {message}", file=sys.stderr,
              flush=True)
