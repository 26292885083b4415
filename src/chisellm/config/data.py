"""Schema of `chisellm data build`: how many rows, the level and task mix, the eval split, verification
limits and where outputs go. Loaded from configs/data/*.yaml with `load_config(DataConfig, path, overrides)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

LEVEL_NAMES = ("L1", "L2", "L3", "L4", "Util")
TASK_NAMES = ("spec2chisel", "verilog2chisel", "repair", "complete")


def _check_mix(mix: object, group: str) -> None:
    values = [getattr(mix, f.name) for f in fields(mix)]  # type: ignore[arg-type]
    if any(v < 0 for v in values) or sum(values) <= 0:
        raise ValueError(f"{group}: shares must be >= 0 and not all 0, got {values}")


@dataclass
class LevelMix:
    """Relative share of training rows per level (normalized to sum 1)."""

    L1: float = 0.16
    L2: float = 0.24
    L3: float = 0.24
    L4: float = 0.16
    Util: float = 0.20

    def __post_init__(self) -> None:
        _check_mix(self, "level_mix")

    def shares(self) -> dict[str, float]:
        total = sum(getattr(self, n) for n in LEVEL_NAMES)
        return {n: getattr(self, n) / total for n in LEVEL_NAMES}


@dataclass
class TaskMix:
    """Relative share of training rows per task within every level (normalized to sum 1)."""

    spec2chisel: float = 0.42
    verilog2chisel: float = 0.20
    repair: float = 0.12
    complete: float = 0.26

    def __post_init__(self) -> None:
        _check_mix(self, "task_mix")

    def shares(self) -> dict[str, float]:
        total = sum(getattr(self, n) for n in TASK_NAMES)
        return {n: getattr(self, n) / total for n in TASK_NAMES}


@dataclass
class EvalSplit:
    """The held-out eval set: unseen parameter combinations of training families plus held-out families."""

    per_training_family: int = 5  # eval designs drawn from each training family (parameters unseen in training)
    per_held_out_family: int = 24  # eval designs drawn from each held-out family
    task_mix: TaskMix = field(default_factory=lambda: TaskMix(0.75, 0.15, 0.0, 0.10))
    out: str = "eval/eval_set_v1.jsonl"

    def __post_init__(self) -> None:
        if self.per_training_family < 0 or self.per_held_out_family < 0:
            raise ValueError("eval.per_training_family and eval.per_held_out_family must be >= 0")


@dataclass
class VerifyConfig:
    """How candidates go through the engine."""

    chunk: int = 64  # candidates per verify_many call; results are cached after each chunk
    workers: int = 1  # processes verifying chunks at once, each with its own compile server (~1 GB and a core each)
    max_reject_rate: float = 0.05  # a family whose reference designs fail more often than this fails the build
    repair_attempts: int = 4  # broken candidates (mutants, syntax slips) tried per repair row, one round each

    def __post_init__(self) -> None:
        if self.chunk < 1 or self.workers < 1 or not 0 <= self.max_reject_rate <= 1 or self.repair_attempts < 1:
            raise ValueError("verify.chunk >= 1, verify.workers >= 1, verify.max_reject_rate in [0, 1], "
                             "verify.repair_attempts >= 1")


@dataclass
class SuitePaths:
    """Local copies of the public suites (they live outside the repository; a build never fetches them).
    "" skips a suite's prompts, with a notice."""

    verilog_eval_v2: str = ""  # the `dataset_spec-to-rtl` folder of NVlabs/verilog-eval (or the checkout)
    rtllm_v2: str = ""  # the root of an RTLLM 2.0 checkout

    def by_suite(self) -> dict[str, str]:
        """Suite name (as `chisellm eval --suite` spells it) -> path."""
        return {"verilog-eval-v2": self.verilog_eval_v2, "rtllm-v2": self.rtllm_v2}


@dataclass
class Decontaminate:
    """Overlap of training rows with the benchmark suites; rows above the Rouge-L bounds are dropped."""

    suite_paths: SuitePaths = field(default_factory=SuitePaths)
    max_rouge_l: float = 0.5  # CodeV-R1's rule: drop a row whose instruction's Rouge-L F1 with a suite prompt exceeds it
    # Chisel answers share their boilerplate (imports, `extends Module`, `IO(new Bundle`), so half the words of
    # any two short modules match: an answer is dropped only as a near copy of a suite's reference answer.
    max_rouge_l_answer: float = 0.8
    ngram: int = 10  # n of the word n-gram overlap the card reports

    def __post_init__(self) -> None:
        if not (0 < self.max_rouge_l <= 1 and 0 < self.max_rouge_l_answer <= 1) or self.ngram < 1:
            raise ValueError("decontaminate.max_rouge_l and max_rouge_l_answer must be in (0, 1], ngram >= 1")


@dataclass
class DataConfig:
    """One dataset build."""

    seed: int = 0
    train_rows: int = 10550  # exactly this many rows are written (the build fails if it cannot reach them)
    out: str = "dataset/chisel_sft_merged_10550.jsonl"
    dataset_name: str = "chisel_sft"  # the entry in dataset_info.json
    build_dir: str = "build/data"  # verification cache, rejects, progress (resumable)
    families: list[str] = field(default_factory=list)  # empty: every registered family
    exclude_families: list[str] = field(default_factory=list)  # families left out (e.g. one that fails)
    oversample: float = 1.04  # designs verified per needed design, so rejects can be replaced
    rows_per_design: float = 2.5  # average rows (of different tasks) sharing one verified design
    max_misses: int = 60  # draws in a row without a new unique design before a family counts as exhausted
    write_card: bool = True  # dataset card, plots, dataset_info.json and manifest next to `out`
    level_mix: LevelMix = field(default_factory=LevelMix)
    task_mix: TaskMix = field(default_factory=TaskMix)
    eval: EvalSplit = field(default_factory=EvalSplit)
    verify: VerifyConfig = field(default_factory=VerifyConfig)
    decontaminate: Decontaminate = field(default_factory=Decontaminate)

    def __post_init__(self) -> None:
        if self.train_rows < 1:
            raise ValueError(f"train_rows must be >= 1, got {self.train_rows}")
        if self.oversample < 1 or self.rows_per_design < 1:
            raise ValueError(f"oversample and rows_per_design must be >= 1, got {self.oversample}, {self.rows_per_design}")
