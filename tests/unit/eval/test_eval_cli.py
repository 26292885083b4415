"""`chisellm eval` / `eval/run_eval.py` command lines: flags reach the config, user errors exit 2 without a traceback."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "eval" / "run_eval.py"), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_run_eval_wrapper_is_chisellm_eval():
    shown = run("--help")
    assert shown.returncode == 0
    for flag in ("--model", "--adapter", "--api", "--api-model", "--eval-set", "--answers", "--oracle", "-n", "-k",
                 "--temperature", "--out"):
        assert flag in shown.stdout, flag
    assert "compare" in shown.stdout


def test_user_errors_exit_2_with_a_fix_and_no_traceback(tmp_path):
    no_source = run("--eval-set", "tests/fixtures/eval/eval_ours.jsonl")
    assert no_source.returncode == 2 and "exactly one answer source" in no_source.stderr and "fix:" in no_source.stderr
    assert "Traceback" not in no_source.stderr
    bad_answers = tmp_path / "a.jsonl"
    bad_answers.write_text('{"task_id": "missing_task", "completion": "x"}\n')
    unknown = run("--eval-set", "tests/fixtures/eval/eval_ours.jsonl", "--answers", str(bad_answers),
                  "--out", str(tmp_path / "out"))
    assert unknown.returncode == 2 and "a.jsonl:1: task `missing_task`" in unknown.stderr
    assert not (tmp_path / "out").exists()  # nothing created for a run that could not start
