"""Grade a folder of Chisel answers to VerilogEval v2 spec-to-RTL problems in one batched engine call.

    PYTHONPATH=src python scripts/grade_verilog_eval_answers.py ANSWERS_DIR --suite-path DATASET_DIR \
        [--expect pass|fail] [--only Prob079-Prob156] [--skip Prob151,Prob156] [--no-cache]

ANSWERS_DIR holds `ProbNNN_name.scala` files (class `TopModule`); DATASET_DIR is the upstream
`dataset_spec-to-rtl` folder (`*_prompt.txt`, `*_ref.sv`, `*_test.sv`). Prints one line per answer (pass or
the verdict and message) and the timings. With `--expect`, exits 1 when any answer does not do as expected:
reference answers must all pass, wrong answers must all fail. `--skip` leaves out problems that no answer can
pass with the upstream files as they are (see the suite's notes).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from chisellm.eval.tasks import VERILOG_EVAL_TOP, load_verilog_eval_folder
from chisellm.hdl.candidate import Candidate
from chisellm.hdl.engine import EngineOptions, verify_many
from chisellm.utils.errors import ChiselLLMError

_RANGE = re.compile(r"^Prob(\d{3})-Prob(\d{3})$")


def _parse_range(text: str) -> tuple[int, int]:
    found = _RANGE.match(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"`{text}` is not a range such as Prob079-Prob156")
    return int(found.group(1)), int(found.group(2))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("answers", type=Path, help="folder of ProbNNN_name.scala answers")
    parser.add_argument("--suite-path", type=Path, required=True, help="the upstream dataset_spec-to-rtl folder")
    parser.add_argument("--expect", choices=("pass", "fail"), help="exit 1 unless every answer passes / fails")
    parser.add_argument("--only", type=_parse_range, help="grade only problems in this range, e.g. Prob079-Prob156")
    parser.add_argument("--skip", default="", help="comma-separated problem numbers to leave out, e.g. Prob151,Prob156")
    parser.add_argument("--no-cache", action="store_true", help="verify everything again (for timings)")
    args = parser.parse_args(argv)

    try:
        tasks = {task.id: task for task in load_verilog_eval_folder(args.suite_path)}
    except ChiselLLMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not tasks:
        print(f"error: {args.suite_path}: no *_prompt.txt files; point --suite-path at dataset_spec-to-rtl",
              file=sys.stderr)
        return 2
    answers = sorted(args.answers.glob("Prob*.scala"))
    if args.only:
        low, high = args.only
        answers = [a for a in answers if low <= int(a.name[4:7]) <= high]
    skip = {item.strip() for item in args.skip.split(",") if item.strip()}
    bad_skip = sorted(item for item in skip if not re.fullmatch(r"Prob\d{3}", item))
    if bad_skip:
        print(f"error: --skip: `{bad_skip[0]}` is not a problem number such as Prob151", file=sys.stderr)
        return 2
    skipped = [a for a in answers if a.name[:7] in skip]
    answers = [a for a in answers if a.name[:7] not in skip]
    for answer in skipped:
        print(f"{answer.stem:40s} skipped")
    unknown = [a.name for a in answers if a.stem not in tasks]
    if unknown:
        print(f"error: {args.answers}: no upstream problem for {', '.join(unknown)} (names must match "
              "ProbNNN_name of the dataset)", file=sys.stderr)
        return 2
    if not answers:
        print(f"error: {args.answers}: no Prob*.scala answers", file=sys.stderr)
        return 2

    candidates = [Candidate(a.read_text(encoding="utf-8"), VERILOG_EVAL_TOP, bench=tasks[a.stem].bench)
                  for a in answers]
    options = EngineOptions(cache_dir=None) if args.no_cache else None
    t0 = time.perf_counter()
    results = verify_many(candidates, options)
    wall = time.perf_counter() - t0

    unexpected = 0
    for answer, result in zip(answers, results):
        status = "pass" if result.ok else f"FAIL {result.verdict.value}"
        detail = "" if result.ok else ": " + " ".join(result.message.split())[:160]
        surprise = args.expect is not None and result.ok != (args.expect == "pass")
        unexpected += surprise
        print(f"{'!! ' if surprise else ''}{answer.stem:40s} {status}{detail}")
    passed = sum(r.ok for r in results)
    stages: dict[str, float] = {}
    for result in results:
        for stage, seconds in result.timings.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    print(f"{passed}/{len(results)} passed in {wall:.1f} s wall")
    if args.no_cache:  # cached results carry the timings of the run that made them
        print("summed over answers: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
        slowest = sorted(zip(answers, results), key=lambda ar: -ar[1].timings.get("simulate", 0.0))[:3]
        print("slowest simulations: " + ", ".join(f"{a.stem[:7]} {r.timings.get('simulate', 0.0):.1f} s"
                                                  for a, r in slowest))
    if args.expect:
        print(f"{unexpected} answer(s) did not {args.expect}" if unexpected else f"all answers {args.expect} as expected")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
