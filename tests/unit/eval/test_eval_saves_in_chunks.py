"""An eval run saves its graded answers chunk by chunk (a kill loses one small chunk, not the run)."""

import json
from pathlib import Path

from chisellm.config.eval import EvalConfig
from chisellm.eval.runner import GRADE_CHUNK, run_eval

OURS = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "eval_ours.jsonl"


def test_graded_answers_are_on_disk_after_each_chunk(tmp_path):
    ids = [json.loads(line)["id"] for line in OURS.read_text().splitlines()]
    answers = tmp_path / "answers.jsonl"  # 60 answers without code: graded without the toolchain
    answers.write_text("".join(json.dumps({"task_id": ids[i % len(ids)], "completion": "no code"}) + "\n" for i in range(60)))
    results = tmp_path / "out" / "results.jsonl"
    on_disk = []

    def log(line: str) -> None:
        if line.startswith("graded"):
            on_disk.append(len(results.read_text().splitlines()))

    run_eval(EvalConfig(eval_set=str(OURS), answers=str(answers), out=str(tmp_path / "out")), log=log)
    assert GRADE_CHUNK <= 24
    assert on_disk == list(range(GRADE_CHUNK, 60, GRADE_CHUNK)) + [60]
