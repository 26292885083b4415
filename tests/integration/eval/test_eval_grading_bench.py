"""`chisellm bench eval` measures real grading: every bench answer gets the verdict it was built for."""

import json

import pytest
from typer.testing import CliRunner

from chisellm.cli.main import app

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]  # starts its own cache-less JVM: ~35-50 s


def test_bench_eval_grades_as_intended_and_writes_json(tmp_path):
    out = tmp_path / "eval_grading.json"
    result = CliRunner().invoke(app, ["bench", "eval", "--answers", "12", "--warmup", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["answers"] == 12 and report["as_intended"] == 12, report
    assert report["graded_per_s"] > 0 and report["machine"]["cpus"] >= 1
    assert "graded answers / s" in result.output
