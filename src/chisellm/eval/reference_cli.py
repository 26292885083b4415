"""`python eval/run_eval.py`: the reference project's evaluation script, flag for flag, on our engine.

Its flags keep their meaning there: `-n/--limit` is the number of cases (not samples per task), `-e` the eval
set, `-m` the model, `-q` the bitsandbytes quantization, `--levels` a level filter, `--no-verify` generation
only, `-o` the results path, `--results FILE --stats-only` statistics of a saved results file, `-v` one line
per case. Every run writes a timestamped results JSON in the reference layout (`metadata`, `statistics`,
`results`) beside a folder with our own reports, so a second run never collides with the first.
`chisellm eval` keeps our own flags (samples per task, pass@k, resume, ...).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chisellm.utils.errors import ChiselLLMError

REFERENCE_DEFAULT_MODEL = "Qwen/Qwen2.5-Coder-14B-Instruct"


def build_parser() -> argparse.ArgumentParser:
    """The reference script's argument parser (same flags, same defaults)."""
    parser = argparse.ArgumentParser(
        prog="run_eval.py",
        description="Evaluate a model's Chisel answers "
        "(reference-compatible flags; `chisellm eval --help` has the full set).",
    )
    parser.add_argument("--eval-set", "-e", help="Eval set (JSONL).")
    parser.add_argument("--results", "-r", help="A results JSON written earlier (with --stats-only).")
    parser.add_argument(
        "--model",
        "-m",
        default=None,
        help=f"Model or adapter folder (default {REFERENCE_DEFAULT_MODEL}, from the local cache).",
    )
    parser.add_argument("--api", help="OpenAI-compatible endpoint, e.g. http://localhost:8000/v1.")
    parser.add_argument(
        "--quantization",
        "-q",
        choices=["none", "4bit", "8bit"],
        default=None,
        help="bitsandbytes quantization of a local model (default 4bit on a CUDA GPU, none on a CPU).",
    )
    parser.add_argument("--no-verify", action="store_true", help="Only generate code; do not compile or simulate.")
    parser.add_argument("--limit", "-n", type=int, help="Number of cases to evaluate (the first N after --levels).")
    parser.add_argument("--levels", nargs="+", help="Only cases whose level contains one of these, e.g. L1 L2.")
    parser.add_argument("--output", "-o", help="Results JSON path (default eval/eval_results_<timestamp>.json).")
    parser.add_argument("--stats-only", action="store_true", help="Print statistics of --results and exit.")
    parser.add_argument("--verbose", "-v", action="store_true", help="One line per case.")
    return parser


def main(argv: Sequence[str] | None = None, default_dir: Path | None = None) -> int:
    """Run the reference script's command line; returns the exit status.

    Args:
        argv: Arguments without the program name (None: `sys.argv[1:]`).
        default_dir: Where timestamped results go without `-o` (the reference used the script's folder).
    """
    args = build_parser().parse_args(argv)
    try:
        if args.stats_only:
            if not args.results:
                raise ChiselLLMError(
                    "--stats-only needs --results FILE", hint="pass the results JSON of an earlier run"
                )
            print_statistics(compute_statistics(load_results(Path(args.results))))
            return 0
        return _evaluate(args, default_dir or Path("eval"))
    except ChiselLLMError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  fix: {exc.hint}", file=sys.stderr)
        return 2


def output_paths(output: str | None, default_dir: Path, stamp: str) -> tuple[Path, Path]:
    """(results JSON, run folder): `X.json` gives folder `X/`; a path without `.json` is the folder itself."""
    if output is None:
        json_path = default_dir / f"eval_results_{stamp}.json"
        suffix = 1
        while json_path.exists() or json_path.with_suffix("").exists():  # two runs in one second
            suffix += 1
            json_path = default_dir / f"eval_results_{stamp}_{suffix}.json"
    elif output.endswith(".json"):
        json_path = Path(output)
    else:
        return Path(output) / "eval_results.json", Path(output)
    return json_path, json_path.with_suffix("")


def _evaluate(args: argparse.Namespace, default_dir: Path) -> int:
    from chisellm.config import load_config
    from chisellm.config.eval import EvalConfig
    from chisellm.eval.runner import run_eval

    if not args.eval_set:
        raise ChiselLLMError("no eval set given", hint="pass --eval-set (or -e) eval/eval_set_v1.jsonl")
    stamp = time.strftime("%Y%m%d_%H%M%S")
    json_path, run_dir = output_paths(args.output, default_dir, stamp)
    values: dict[str, Any] = {"eval_set": args.eval_set, "out": str(run_dir), "verify": not args.no_verify}
    if args.limit:
        values["limit"] = args.limit
    if args.levels:
        values["levels"] = list(args.levels)
    if args.api:
        values["api.url"] = args.api
        values["api.model"] = args.model or _served_model(args.api)
    else:
        values["model"] = args.model or REFERENCE_DEFAULT_MODEL
        values["quantization"] = args.quantization or _default_quantization()
    settings = load_config(EvalConfig, None, [f"{key}={json.dumps(value)}" for key, value in values.items()])
    outcome = run_eval(settings, log=lambda line: print(line, file=sys.stderr))
    rows = reference_rows(outcome.out_dir, settings)
    stats = compute_statistics(rows)
    if args.verbose:
        for i, row in enumerate(rows, start=1):
            mark = "PASS" if row["passed"] else ("----" if row["passed"] is None else "FAIL")
            print(f"[{i}/{len(rows)}] {row['id']} {mark} ({row['failed_stage'] or 'passed'})")
    print_statistics(stats)
    metadata = {
        "eval_set": args.eval_set,
        "model": args.api or values.get("model"),
        "timestamp": stamp,
        "verify": not args.no_verify,
        "run_folder": str(run_dir),
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps({"metadata": metadata, "statistics": stats, "results": rows}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"\nresults: {json_path}\nreports: {run_dir}")
    return 0


def _default_quantization() -> str:
    """The reference loads 4-bit; bitsandbytes needs CUDA, so a CPU run loads full precision and says so."""
    try:
        import torch

        if torch.cuda.is_available():
            return "4bit"
    except ImportError:
        pass
    print("no CUDA GPU: loading the model unquantized (-q none)", file=sys.stderr)
    return "none"


def _served_model(url: str) -> str:
    """The first model an OpenAI-compatible server lists (what the reference sent), else `default`."""
    from chisellm.eval.backends.openai_api import list_models

    models = list_models(url)
    return models[0] if models else "default"


def reference_rows(run_dir: Path, settings: Any) -> list[dict[str, Any]]:
    """One reference-layout row per task (sample 0) from a run folder's completions and results."""
    from chisellm.eval.extract import extract_chisel
    from chisellm.eval.store import ResultStore
    from chisellm.eval.tasks import load_eval_set

    store = ResultStore(run_dir)
    completions, graded = store.completions(), store.graded()
    rows = []
    for task in load_eval_set(settings.eval_set):
        answer = completions.get((task.id, 0, 1))
        if answer is None:
            continue
        extraction = extract_chisel(answer.completion, task.module_name, allow_other_top=False)
        row: dict[str, Any] = {
            "id": task.id,
            "level": task.level,
            "category": task.category,
            "instruction": task.instruction,
            "raw_output": answer.completion,
            "extracted_code": extraction.code or "",
            "passed": None,
            "failed_stage": None,
            "verify_result": None,
        }
        result = graded.get((task.id, 0, 1))
        if result is not None:
            row["passed"] = result.passed
            row["failed_stage"] = None if result.passed else result.verdict
            row["verify_result"] = {
                "success": result.passed,
                "stage": "passed" if result.passed else result.verdict,
                "error_log": result.message,
                "mismatch": result.mismatch,
            }
        rows.append(row)
    return rows


def load_results(path: Path) -> list[dict[str, Any]]:
    """The rows of a results JSON: the reference layout (`{"results": [...]}`) or a bare list of rows."""
    if not path.is_file():
        raise ChiselLLMError(f"{path}: results file not found", hint="pass the JSON an earlier run_eval.py wrote")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ChiselLLMError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg})",
            hint="pass the results JSON run_eval.py wrote (metadata, statistics, results)",
        ) from None
    rows = data.get("results") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ChiselLLMError(
            f'{path}: expected {{"results": [...]}} or a list of result rows',
            hint="pass the results JSON run_eval.py wrote",
        )
    return rows


def compute_statistics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and pass rates overall, by level, by category and by failed stage (the reference's statistics)."""

    def group(key: str) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for row in rows:
            cell = out.setdefault(str(row.get(key, "unknown")), {"total": 0, "passed": 0})
            cell["total"] += 1
            cell["passed"] += bool(row.get("passed"))
        for cell in out.values():
            cell["pass_rate"] = cell["passed"] / cell["total"]
        return out

    passed = sum(bool(r.get("passed")) for r in rows)
    failed_stages = Counter(str(r.get("failed_stage") or "not_verified") for r in rows if not r.get("passed"))
    return {
        "total": len(rows),
        "passed": passed,
        "failed": len(rows) - passed,
        "pass_rate": passed / len(rows) if rows else 0.0,
        "by_level": group("level"),
        "by_category": group("category"),
        "by_failed_stage": dict(failed_stages.most_common()),
    }


def print_statistics(stats: dict[str, Any]) -> None:
    """The statistics as the reference printed them: overall, per level, per category, failed stages."""
    print(f"\noverall: {stats['passed']}/{stats['total']} ({stats['pass_rate']:.1%})")
    for title, key, width in (("by level", "by_level", 20), ("by category", "by_category", 10)):
        print(f"\n{title}:")
        for name, cell in sorted(stats[key].items()):
            filled = int(cell["pass_rate"] * width)
            print(
                f"  {name:20s} {'#' * filled}{'.' * (width - filled)} {cell['passed']:2d}/{cell['total']:2d} "
                f"({cell['pass_rate']:.0%})"
            )
    if stats["by_failed_stage"]:
        print("\nfailed stages:")
        for stage, count in stats["by_failed_stage"].items():
            print(f"  {stage:20s}: {count}")
