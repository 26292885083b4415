"""Validate the RTLLM 2.0 suite: every shipped reference answer must pass its upstream testbench and every
wrong answer must fail it.

    PYTHONPATH=src python scripts/validate_rtllm.py RTLLM_DIR [--design NAME ...] [--json OUT.json]

Each answer goes through the engine (compile, elaborate, firtool) for its Verilog; this script then runs
`iverilog -g2012` + `vvp` with the upstream testbench and data files itself and applies the design's pass
criterion. Exit code 0 when all checks hold, 1 when one does not, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Check:
    design: str
    kind: str  # "ref" or "wrong"
    verdict: str  # engine verdict
    passed: bool  # passed the testbench
    detail: str

    @property
    def holds(self) -> bool:
        return self.passed == (self.kind == "ref")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite_path", type=Path, help="an RTLLM 2.0 checkout (or one design folder)")
    parser.add_argument("--design", action="append", default=[], help="only this design (repeatable)")
    parser.add_argument("--json", type=Path, help="write the checks as JSON here")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per iverilog or vvp run")
    parser.add_argument("--no-cache", action="store_true", help="verify every answer afresh (for timing)")
    args = parser.parse_args(argv)

    from chisellm.eval.suites.rtllm_run import run_bench
    from chisellm.eval.suites.rtllm_v2 import EXCLUDED, WRONG_DIR, load_rtllm_suite
    from chisellm.hdl import Candidate
    from chisellm.hdl.engine import Engine, EngineOptions
    from chisellm.utils.errors import ChiselLLMError

    try:
        tasks = load_rtllm_suite(args.suite_path, include_excluded=True)
    except ChiselLLMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    known = {t.rtllm.design for t in tasks}
    unknown = sorted(set(args.design) - known)
    if unknown:
        print(f"error: no design named {', '.join(unknown)} in {args.suite_path}", file=sys.stderr)
        return 2
    if args.design:
        tasks = [t for t in tasks if t.rtllm.design in args.design]
    jobs = []  # (task, kind, source)
    for task in tasks:
        design = task.rtllm.design
        wrong = WRONG_DIR / f"{design}.scala"
        if task.reference_code is not None:
            jobs.append((task, "ref", task.reference_code))
        if wrong.is_file():
            jobs.append((task, "wrong", wrong.read_text(encoding="utf-8")))
    t0 = time.perf_counter()
    with Engine(EngineOptions(cache_dir=None) if args.no_cache else None) as engine:
        results = engine.verify_many([Candidate(source, task.module_name) for task, _, source in jobs])
    t_engine = time.perf_counter() - t0
    checks = []
    for (task, kind, _), result in zip(jobs, results):
        if not result.ok:
            checks.append(Check(task.rtllm.design, kind, result.verdict.value, False, result.message[:300]))
            continue
        run = run_bench(result.verilog, task.rtllm, args.timeout)
        tail = run.output.strip().splitlines()[-1:] or [""]
        checks.append(Check(task.rtllm.design, kind, result.verdict.value, run.passed, f"{run.stage}: {tail[0][:200]}"))
    t_total = time.perf_counter() - t0

    by_design: dict[str, dict[str, Check]] = {}
    for check in checks:
        by_design.setdefault(check.design, {})[check.kind] = check
    failures = 0
    for task in tasks:
        design = task.rtllm.design
        got = by_design.get(design, {})
        status = []
        for kind in ("ref", "wrong"):
            check = got.get(kind)
            if check is None:
                status.append(f"{kind}: none")
                failures += design not in EXCLUDED
            else:
                # A wrong answer should fail in simulation, not earlier: say where it failed.
                where = "" if kind == "ref" or not check.holds else \
                    f" ({'testbench' if check.verdict == 'ok' else check.verdict})"
                status.append(f"{kind}: {'ok' if check.holds else 'BAD'}{where}")
                failures += not check.holds and design not in EXCLUDED  # excluded designs are reported only
        line = f"{design:28s} {'  '.join(status)}"
        bad = [c for c in got.values() if not c.holds]
        if bad:
            line += "   " + " | ".join(f"{c.kind} {c.verdict} {c.detail}" for c in bad)
        if design in EXCLUDED:
            line += f"   (excluded: {EXCLUDED[design]})"
        print(line)
    validated = sum(1 for name, d in by_design.items() if name not in EXCLUDED
                    and all(kind in d and d[kind].holds for kind in ("ref", "wrong")))
    excluded = sum(1 for t in tasks if t.rtllm.design in EXCLUDED)
    print(f"\n{validated} of {len(tasks)} designs validated (reference passes, wrong answer fails), "
          f"{excluded} excluded; engine {t_engine:.1f} s, total {t_total:.1f} s")
    if args.json:
        args.json.write_text(json.dumps([c.__dict__ | {"holds": c.holds} for c in checks], indent=2) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
