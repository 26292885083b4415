"""The release files next to the training set: LLaMA-Factory's dataset_info.json, the dataset card with its
plots, and a manifest of file hashes. Everything here is a function of the rows, so same rows -> same bytes."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

from chisellm.config.data import LEVEL_NAMES, TASK_NAMES, DataConfig
from chisellm.data import mix
from chisellm.data.leakage import code_of, plot_leakage
from chisellm.utils.io import atomic_write_text

if TYPE_CHECKING:
    from chisellm.data.build import BuildReport


def dataset_info(cfg: DataConfig) -> dict[str, Any]:
    """The LLaMA-Factory entry for the training file (alpaca format)."""
    return {cfg.dataset_name: {"file_name": Path(cfg.out).name,
                               "columns": {"prompt": "instruction", "query": "input", "response": "output"}}}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def plot_answer_lengths(train_rows: list[dict[str, Any]], path: Path) -> None:
    """Histogram of answer lengths (lines of code) per level."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
    data = [[len(code_of(r["output"]).strip().splitlines()) for r in train_rows if r["level"] == lv]
            for lv in LEVEL_NAMES]
    ax.hist(data, bins=30, stacked=True, label=list(LEVEL_NAMES))
    ax.set_xlabel("answer length (lines of Chisel)")
    ax.set_ylabel("training rows")
    ax.set_title("Answer length distribution")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def card_text(cfg: DataConfig, train_rows: list[dict[str, Any]], eval_rows: list[dict[str, Any]],
              report: BuildReport, config_path: str) -> str:
    """The dataset card (README.md) in Markdown."""
    from chisellm.hdl import toolchain

    by_level_task = Counter((r["level"], r["task"]) for r in train_rows)
    target = mix.largest_remainder(cfg.train_rows, cfg.level_mix.shares())
    level_rows = [[lv, *[by_level_task[(lv, t)] for t in TASK_NAMES], sum(by_level_task[(lv, t)] for t in TASK_NAMES),
                   target[lv]] for lv in LEVEL_NAMES]
    level_rows.append(["all", *[sum(by_level_task[(lv, t)] for lv in LEVEL_NAMES) for t in TASK_NAMES], len(train_rows),
                       cfg.train_rows])
    by_family = Counter((r["family"], r["task"]) for r in train_rows)
    family_level = {r["family"]: r["level"] for r in train_rows}
    family_rows = [[f, family_level[f], *[by_family[(f, t)] for t in TASK_NAMES], sum(by_family[(f, t)] for t in TASK_NAMES)]
                   for f in sorted(family_level, key=lambda f: (LEVEL_NAMES.index(family_level[f]), f))]
    eval_group = Counter((r["level"], "held-out family" if r["held_out"] else "training family, unseen parameters")
                         for r in eval_rows)
    eval_rows_table = [[lv, g, n] for (lv, g), n in sorted(eval_group.items(), key=lambda x: (LEVEL_NAMES.index(x[0][0]), x[0][1]))]
    held = sorted({r["family"] for r in eval_rows if r["held_out"]})
    eval_tasks = Counter(r["task"] for r in eval_rows)
    lines = [len(code_of(r["output"]).strip().splitlines()) for r in train_rows]
    chars = [len(r["output"]) for r in train_rows]
    leak = report.leakage
    return f"""# ChiseLLM Chisel SFT dataset

`{Path(cfg.out).name}`: {len(train_rows)} instruction-tuning rows for Chisel 7 (chisel3 API), every answer
compiled, elaborated, lowered by firtool and simulated against vectors from a Python golden model before it
was kept. `{Path(cfg.eval.out).name}`: {len(eval_rows)} held-out eval tasks with vectors.

Built with (`--workers N` verifies in N processes at once; the output is the same):

```
chisellm data build --config {config_path}
```

Toolchain: Chisel {toolchain.CHISEL_VERSION}, Scala {toolchain.SCALA_VERSION}, firtool {toolchain.tool_version('firtool')},
Icarus Verilog {toolchain.tool_version('iverilog')} (fingerprint `{report.toolchain}`). Seed {cfg.seed}.

## Row format

Alpaca fields plus metadata (LLaMA-Factory ignores the extra keys; the entry `{cfg.dataset_name}` in
`dataset_info.json` maps `instruction`/`input`/`output`):
`instruction, input, output, id, level, family, task, module_name, features, verified, params, draw`.
`output` is the answer in a ```` ```scala ```` block; the class in it has exactly the `module_name` the
instruction asks for. `params` and `draw` let `chisellm data verify` regenerate the row's vectors.

Tasks: `spec2chisel` (a specification naming the module and every port), `verilog2chisel` (input: the Verilog
firtool emitted for the design), `repair` (input: a broken candidate, from a family mutant or a one-token
slip, with the engine's real compiler error or first simulation mismatch; answer: the fix), `complete`
(input: a skeleton with the ports declared; answer: the whole module).

## Mix

{mix.__doc__.strip()}

Level shares: {', '.join(f'{k} {v:.2f}' for k, v in cfg.level_mix.shares().items())}. Task shares:
{', '.join(f'{k} {v:.2f}' for k, v in cfg.task_mix.shares().items())}.

{_table(["level", *TASK_NAMES, "rows", "target"], level_rows)}

Where a level's families run out of unique designs (most L4 generators are one generic class whatever their
parameters, so they yield few distinct answers) its rows move to the other levels by rule 4.

## Per family

{_table(["family", "level", *TASK_NAMES, "rows"], family_rows)}

## Answer length

Lines of Chisel per answer: median {median(lines):.0f}, min {min(lines)}, max {max(lines)}; characters:
median {median(chars):.0f}, max {max(chars)}.

![answer lengths](answer_lengths.png)

## Quality gates

- Deduplication before counting: {report.discarded_draws} sampled designs discarded because their normalized
  code repeated an earlier design's (or they used an eval parameter combination), and
  {report.duplicates_removed} further exact or normalized-code near duplicates removed across families and rows
  (comments, whitespace and the module name normalized away).
- {report.rejects} candidates rejected by the engine (references that failed their own vectors); verdicts in
  the build folder's `rejects.jsonl`. A family whose reject rate exceeds {cfg.verify.max_reject_rate:.0%} fails
  the build.

## Eval set

{len(eval_rows)} rows in the DESIGN.md eval format (`test_config.vectors` holds the golden vectors). Tasks:
{', '.join(f'{t} {eval_tasks[t]}' for t in TASK_NAMES if eval_tasks[t])}. Held-out families (never in training,
`"held_out": true`): {', '.join(held) or 'none'}. Training-family rows use parameter combinations that no
training row uses.

{_table(["level", "group", "rows"], eval_rows_table)}

## Leakage

{leak.headline() if leak else 'not computed'}. Share of eval rows with {leak.ngram if leak else 13}-gram
containment >= 0.5 / 0.8 / 1.0: {', '.join(f'{v:.3f}' for v in leak.share_above.values()) if leak else '-'}.

![leakage](leakage.png)
""" + decontamination_section(report)


def decontamination_section(report: BuildReport) -> str:
    """The card's section on overlap with the benchmark suites."""
    dec = report.decontamination
    if dec is None:
        return "\n## Decontamination\n\nnot computed\n"
    rows = [[s.suite, s.prompts, s.answers, f"{s.max_rouge_instruction:.3f}", f"{s.max_rouge_answer:.3f}",
             s.answers_over_half, s.rows_sharing_ngram, f"{s.mean_containment:.4f}", f"{s.max_containment:.3f}",
             s.rows_over] for s in dec.suites]
    n = dec.ngram
    table = _table(["suite", "prompts", "answers", "max Rouge-L instruction", "max Rouge-L answer",
                    "answers > 0.5", f"rows sharing a {n}-gram", f"mean {n}-gram overlap", f"max {n}-gram overlap",
                    "dropped"], rows)
    shown = ", ".join(dec.dropped[:10]) + (", ..." if len(dec.dropped) > 10 else "")
    dropped = f"{len(dec.dropped)} rows" + (f" ({shown})" if dec.dropped else "")
    skipped = "".join(f"\n- {name}: {why}." for name, why in sorted(dec.skipped.items()))
    return f"""
## Decontamination

Every candidate training row ({dec.rows_checked}: the quota plus spares) was compared with each suite: its
instruction with the suite's prompts, its answer with the project's Chisel reference answers for the suite.
Rouge-L is the F1 of the longest common subsequence of words; the n-gram overlap is the share of the row's word
{n}-grams found in the suite (the larger of instruction and answer). Rows whose instruction's Rouge-L exceeds
{dec.max_rouge_l} (CodeV-R1's rule) or whose answer's exceeds {dec.max_rouge_l_answer} (a near copy: Chisel
boilerplate alone gives two short modules half their words in common) were dropped before the mix was cut:
{dropped}.

{table}
""" + (f"\nNot compared:{skipped}\n" if skipped else "")


def write_release(cfg: DataConfig, train_rows: list[dict[str, Any]], eval_rows: list[dict[str, Any]],
                  report: BuildReport, config_path: str = "configs/data/default.yaml") -> None:
    """dataset_info.json, README.md, the two plots and manifest.json next to the training file."""
    folder = Path(cfg.out).parent
    atomic_write_text(folder / "dataset_info.json", json.dumps(dataset_info(cfg), indent=2) + "\n")
    plot_answer_lengths(train_rows, folder / "answer_lengths.png")
    if report.leakage is not None:
        plot_leakage(report.leakage, eval_rows, str(folder / "leakage.png"))
    atomic_write_text(folder / "README.md", card_text(cfg, train_rows, eval_rows, report, config_path))
    atomic_write_text(folder / "leakage.json", json.dumps(report.leakage.to_json() if report.leakage else {}, indent=2) + "\n")
    decontamination = report.decontamination.to_json() if report.decontamination else {}
    atomic_write_text(folder / "decontamination.json", json.dumps(decontamination, indent=2) + "\n")
    files = [Path(cfg.out), folder / "dataset_info.json", folder / "README.md", folder / "answer_lengths.png",
             folder / "leakage.png", folder / "leakage.json", folder / "decontamination.json", Path(cfg.eval.out)]
    manifest = {"files": {p.as_posix(): {"sha256": sha256_file(p), "bytes": p.stat().st_size}
                          for p in files if p.exists()}}
    atomic_write_text(folder / "manifest.json", json.dumps(manifest, indent=2) + "\n")
