"""Suites through the real engine: on a fixture suite of our own, `suite-check` passes every reference and fails
every wrong answer, notices a wrong answer that passes, and `--suite ... --oracle` scores 100%; optionally
(slow) the whole VerilogEval v2 answer key on a local copy named by CHISELLM_VERILOG_EVAL_PATH."""

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chisellm.cli.main import app
from chisellm.eval.suites import verilog_eval_v2 as ve
from chisellm.eval.suites.check import check_answer_key

pytestmark = pytest.mark.toolchain
ROOT = Path(__file__).resolve().parents[3]
PROBLEMS = ROOT / "tests" / "fixtures" / "eval" / "verilog_eval"
SUITE = ["--suite", "verilog-eval-v2", "--suite-path"]


def test_suite_check_passes_references_and_fails_wrong_answers(tmp_path):
    result = CliRunner().invoke(app, ["eval", "suite-check", *SUITE, str(PROBLEMS), "--out", str(tmp_path / "c.json")])
    assert result.exit_code == 0, result.output
    assert "3/3 problems validated" in result.output and "0 failing" in result.output


def test_suite_check_reports_a_wrong_answer_that_passes(tmp_path):
    copy = tmp_path / "suite"
    shutil.copytree(PROBLEMS, copy)
    shutil.copy(copy / "refs" / "Prob002_vector_and.scala", copy / "wrong" / "Prob002_vector_and.scala")
    result = CliRunner().invoke(app, ["eval", "suite-check", *SUITE, str(copy)])
    assert result.exit_code == 1
    assert "FAIL Prob002_vector_and: wrong answer passed" in result.output and "2/3 problems validated" in result.output


def test_suite_oracle_scores_100_percent(tmp_path):
    result = CliRunner().invoke(app, ["eval", *SUITE, str(PROBLEMS), "--oracle", "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert re.search(r"^all\s+3/3\s+100\.0%", result.output, re.M)  # the summary table's first row


@pytest.mark.slow
def test_verilog_eval_answer_key_on_the_real_problems():
    # The upstream problems sit beside the checkout in CI (../shared/benchmarks); anywhere else, name a copy.
    beside = Path(__file__).resolve().parents[3].parent / "shared/benchmarks/verilog-eval/dataset_spec-to-rtl"
    path = os.environ.get("CHISELLM_VERILOG_EVAL_PATH") or (str(beside) if beside.exists() else "")
    if not path or not Path(path).exists():
        pytest.skip("set CHISELLM_VERILOG_EVAL_PATH to a copy of VerilogEval v2 dataset_spec-to-rtl")
    tasks = ve.load(Path(path))
    result = check_answer_key(tasks, ve.wrong_answers(Path(path)))
    assert not [(p.task_id, p.problem) for p in result.failures]
    assert len(result.validated) >= 148
