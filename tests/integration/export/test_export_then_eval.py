"""Export a tiny adapter, then evaluate the merged model and the adapter itself with the local backend:
the whole train-output -> export -> eval path on CPU (the tiny random model's answers fail, which is the point:
they are generated, saved, extracted and graded)."""

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))
from tiny_qwen import build_adapter, build_base  # noqa: E402

from chisellm.cli.main import app  # noqa: E402

pytestmark = [pytest.mark.toolchain, pytest.mark.train]
EVAL_SET = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "eval_ours.jsonl"


def test_export_then_eval_merged_and_adapter(tmp_path):
    base = build_base(tmp_path / "base")
    adapter = build_adapter(base, tmp_path / "adapter")
    runner = CliRunner()
    exported = runner.invoke(app, ["export", "--adapter", str(adapter), "--out", str(tmp_path / "merged"),
                                   "--shard-size", "1MB"])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "merged" / "model.safetensors.index.json").exists()
    for name, flag, path in (("merged", "--model", tmp_path / "merged"), ("adapter", "--model", adapter)):
        out = tmp_path / f"eval_{name}"
        result = runner.invoke(app, ["eval", flag, str(path), "--eval-set", str(EVAL_SET), "--limit", "2",
                                     "--out", str(out), "--set", "generation.max_new_tokens=8", "--set", "device=cpu",
                                     "--set", "cpu_threads=1"])
        assert result.exit_code == 0, result.output
        summary = json.loads((out / "summary.json").read_text())
        assert summary["overall"]["answers"] == 2 and summary["run"]["model"] == str(path)
        assert summary["run"]["throughput"]["generated"] == 2
        completions = [json.loads(line) for line in (out / "completions.jsonl").read_text().splitlines()]
        assert [c["task_id"] for c in completions] == ["l2_adder8", "l3_en_counter"]
        assert (out / "report.html").exists()
