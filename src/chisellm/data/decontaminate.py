"""Decontamination: overlap of every training row with the benchmark suites, and the rows the build drops.

A row's instruction is compared with every suite prompt, its answer with every Chisel reference answer the
project ships for a suite (`src/chisellm/eval/suites/*/refs`) and the hard tier's references. Two figures:
Rouge-L F1 (longest common subsequence over words, as `rouge_score` tokenizes: lower case, runs of letters and
digits) and word n-gram containment (share of the row's n-grams found in the suite). A row whose instruction's
Rouge-L with a suite prompt exceeds `max_rouge_l` is dropped, CodeV-R1's rule against VerilogEval and RTLLM; so is
one whose answer exceeds `max_rouge_l_answer` against a reference answer (Chisel boilerplate alone makes two
short modules share half their words, so answers are held to a near-copy bound). The LCS runs in
rapidfuzz's bit-parallel C++ (every pair, no prefilter): words are mapped to one character each first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.config.data import Decontaminate
from chisellm.data.leakage import code_of

HARD_SUITE = "chisellm-hard"
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The Rouge tokens of a text: lower-cased runs of letters and digits."""
    return _WORD.findall(text.lower())


class WordCodec:
    """Maps words to single characters, so an LCS over words is an LCS over strings."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, tokens: Sequence[str]) -> str:
        chars = []
        for token in tokens:
            code = 0x100 + self.ids.setdefault(token, len(self.ids))
            chars.append(chr(code + 0x800 if code >= 0xD800 else code))  # skip the surrogate block
        return "".join(chars)


def best_rouge_l(rows: Sequence[str], refs: Sequence[str]) -> list[float]:
    """For every text in `rows`, its highest Rouge-L F1 against the texts in `refs` (0 when `refs` is empty)."""
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    codec = WordCodec()
    a = [codec.encode(words(t)) for t in rows]
    b = [codec.encode(words(t)) for t in refs]
    if not a or not b:
        return [0.0] * len(a)
    lcs = process.cdist(a, b, scorer=LCSseq.similarity, workers=-1, dtype=np.int32)
    lengths = np.add.outer(np.array([len(x) for x in a]), np.array([len(y) for y in b]))
    f1 = np.divide(2.0 * lcs, lengths, out=np.zeros(lcs.shape), where=lengths > 0)
    return [float(v) for v in f1.max(axis=1)]


def rouge_l(a: str, b: str) -> float:
    """Rouge-L F1 of two texts: 2 * LCS / (len(a) + len(b)) over their words."""
    return best_rouge_l([a], [b])[0]


def ngrams(tokens: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def containment(text: str, grams: set[tuple[str, ...]], n: int) -> float:
    """Share of the text's word n-grams found in `grams` (0 for a text shorter than n words)."""
    mine = ngrams(words(text), n)
    return len(mine & grams) / len(mine) if mine else 0.0


@dataclass(frozen=True)
class SuiteText:
    """What one suite shows a model (prompts) and what it accepts (the project's reference answers)."""

    name: str
    prompts: tuple[str, ...]
    answers: tuple[str, ...]


@dataclass
class SuiteOverlap:
    """The overlap figures of the training rows with one suite."""

    suite: str
    prompts: int
    answers: int
    max_rouge_instruction: float = 0.0
    max_rouge_answer: float = 0.0
    rows_over: int = 0  # rows whose instruction or answer exceeds its threshold (dropped)
    answers_over_half: int = 0  # rows whose answer's Rouge-L exceeds 0.5 (kept unless over the answer bound)
    rows_sharing_ngram: int = 0  # rows with at least one n-gram (instruction or answer) in the suite
    mean_containment: float = 0.0  # mean over rows of the larger of instruction and answer containment
    max_containment: float = 0.0


@dataclass
class DecontaminationReport:
    """Per-suite figures, suites skipped (with why) and the ids of the rows dropped."""

    ngram: int
    max_rouge_l: float
    max_rouge_l_answer: float
    rows_checked: int = 0
    suites: list[SuiteOverlap] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    def headline(self) -> str:
        parts = [f"{s.suite}: max Rouge-L {s.max_rouge_instruction:.3f} (instruction) / "
                 f"{s.max_rouge_answer:.3f} (answer), {s.rows_sharing_ngram} rows share a {self.ngram}-gram"
                 for s in self.suites]
        return (f"{len(self.dropped)} of {self.rows_checked} rows dropped (instruction Rouge-L > {self.max_rouge_l} "
                f"or answer Rouge-L > {self.max_rouge_l_answer}); "
                + ("; ".join(parts) or "no suite compared")
                + (f"; skipped: {', '.join(sorted(self.skipped))}" if self.skipped else ""))

    def to_json(self) -> dict[str, Any]:
        return {"ngram": self.ngram, "max_rouge_l": self.max_rouge_l, "max_rouge_l_answer": self.max_rouge_l_answer,
                "rows_checked": self.rows_checked,
                "suites": [vars(s) for s in self.suites], "skipped": self.skipped, "dropped": self.dropped}


def suites_folder() -> Path:
    from chisellm.eval import suites

    return Path(suites.__file__).parent


def answer_key(suite: str) -> tuple[str, ...]:
    """The project's Chisel reference answers for an upstream suite (shipped in the repo)."""
    folder = suites_folder() / suite.replace("-", "_") / "refs"
    return tuple(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.scala")))


def load_suite_texts(cfg: Decontaminate, log: Callable[[str], None]) -> tuple[list[SuiteText], dict[str, str]]:
    """The suites to compare against, and the prompts skipped with the reason (also logged as a notice)."""
    from chisellm.eval.suites import load_suite

    texts, skipped = [], {}
    for name, path in cfg.suite_paths.by_suite().items():
        prompts: tuple[str, ...] = ()
        if path:
            tasks = load_suite(name, path)
            prompts = tuple(dict.fromkeys("\n\n".join(filter(None, (t.instruction, t.input))) for t in tasks))
        else:
            skipped[name] = "no path given: its prompts were not compared (its reference answers were)"
            log(f"decontamination notice: {name} prompts skipped, no path given; set "
                f"decontaminate.suite_paths.{name.replace('-', '_')} to a local copy of the suite to compare them")
        texts.append(SuiteText(name, prompts, answer_key(name)))
    hard = load_suite(HARD_SUITE)
    if hard:
        texts.append(SuiteText(HARD_SUITE, tuple(dict.fromkeys(t.instruction for t in hard)),
                               tuple(dict.fromkeys(t.reference_code for t in hard if t.reference_code))))
    else:
        skipped[HARD_SUITE] = "the suite has no tasks yet"
        log(f"decontamination notice: {HARD_SUITE} has no tasks yet; nothing compared")
    return texts, skipped


def decontaminate(rows: list[dict[str, Any]], suites: list[SuiteText], cfg: Decontaminate,
                  skipped: dict[str, str] | None = None) -> tuple[list[dict[str, Any]], DecontaminationReport]:
    """The rows whose instruction and answer stay within the Rouge-L bounds against every suite, and the
    figures. Rows keep their order."""
    n = cfg.ngram
    report = DecontaminationReport(ngram=n, max_rouge_l=cfg.max_rouge_l, max_rouge_l_answer=cfg.max_rouge_l_answer,
                                   rows_checked=len(rows),
                                   skipped=dict(skipped or {}))
    instructions = [r["instruction"] for r in rows]
    answers = [code_of(r["output"]) for r in rows]
    unique_answers = list(dict.fromkeys(answers))  # designs share answers across tasks
    drop: set[int] = set()
    for suite in suites:
        overlap = SuiteOverlap(suite.name, len(suite.prompts), len(suite.answers))
        best_i = best_rouge_l(instructions, suite.prompts)
        by_answer = dict(zip(unique_answers, best_rouge_l(unique_answers, suite.answers)))
        best_a = [by_answer[a] for a in answers]
        prompt_grams = set().union(*(ngrams(words(p), n) for p in suite.prompts))
        answer_grams = set().union(*(ngrams(words(a), n) for a in suite.answers))
        shares = [max(containment(i, prompt_grams, n), containment(a, answer_grams, n))
                  for i, a in zip(instructions, answers)]
        over = {k for k, (x, y) in enumerate(zip(best_i, best_a))
                if x > cfg.max_rouge_l or y > cfg.max_rouge_l_answer}
        drop |= over
        overlap.max_rouge_instruction = round(max(best_i, default=0.0), 4)
        overlap.max_rouge_answer = round(max(best_a, default=0.0), 4)
        overlap.rows_over = len(over)
        overlap.answers_over_half = sum(y > 0.5 for y in best_a)
        overlap.rows_sharing_ngram = sum(s > 0 for s in shares)
        overlap.mean_containment = round(sum(shares) / len(shares), 4) if shares else 0.0
        overlap.max_containment = round(max(shares, default=0.0), 4)
        report.suites.append(overlap)
    report.dropped = sorted(rows[k]["id"] for k in drop)
    return [r for k, r in enumerate(rows) if k not in drop], report
