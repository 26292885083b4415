"""Code normalization for deduplication and the leakage check.

Two answers are near duplicates when they are equal after comments and whitespace are dropped and the
module's own name is replaced by a placeholder (a design renamed is the same design)."""

from __future__ import annotations

import hashlib
import re

_LINE_COMMENT = re.compile(r"//[^\n]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+|\S")


def strip_comments(code: str) -> str:
    """The code without `//` and `/* */` comments (string literals in Chisel answers carry no `//`)."""
    return _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", code))


def tokens(code: str, module_name: str = "") -> list[str]:
    """Identifier/number/punctuation tokens of the code without comments; `module_name` becomes `<TOP>`."""
    out = _TOKEN.findall(strip_comments(code))
    return ["<TOP>" if module_name and t == module_name else t for t in out]


def normalized(code: str, module_name: str = "") -> str:
    """The canonical form two near-duplicate sources share."""
    return " ".join(tokens(code, module_name))


def code_key(code: str, module_name: str = "") -> str:
    """A short hash of the normalized form."""
    return hashlib.sha256(normalized(code, module_name).encode()).hexdigest()[:20]


def ngrams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    """The set of token n-grams (the whole sequence as one gram when it is shorter than n)."""
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}
