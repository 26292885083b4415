"""Verification results cached on disk by content hash (source, top, vectors, toolchain version)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from chisellm.hdl.results import Result, Verdict
from chisellm.utils.io import atomic_write_text

# Verdicts that depend on machine load or on our own bugs are never cached.
UNCACHED = {Verdict.TIMEOUT, Verdict.INTERNAL_ERROR}


def default_cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chisellm" / "verify"


class ResultCache:
    """A folder of `<key>.json` files, two-level fan-out."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Result | None:
        path = self._path(key)
        try:
            result = Result.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError):
            return None
        result.cached = True
        return result

    def put(self, key: str, result: Result) -> None:
        if result.verdict in UNCACHED:
            return
        atomic_write_text(self._path(key), json.dumps(result.to_json(with_verilog=True)))
