"""summary.json round-trips through the typed record; anything else is an error naming the file."""

import json

import pytest

from chisellm.config.eval_summary import EvalSummary, TaskScore, read_eval_summary
from chisellm.utils.errors import ChiselLLMError


def test_round_trip_through_the_file(tmp_path):
    task = TaskScore(id="t", level="L1", category="c", task="spec2chisel", family="f", split="held_in",
                     simulates=True, n=2, passed=1, compiled=2, elaborated=2, extraction_failed=0,
                     verdicts={"ok": 1, "sim_mismatch": 1})
    summary = EvalSummary(run={"source": "oracle"}, k=[1], overall={"pass@1": 0.5}, tasks=[task])
    (tmp_path / "summary.json").write_text(json.dumps(summary.to_json()))
    assert read_eval_summary(tmp_path) == summary  # a run folder works as well as the file


def test_other_json_is_named_as_not_a_summary(tmp_path):
    path = tmp_path / "eval_results.json"
    path.write_text(json.dumps({"metadata": {}, "statistics": {}, "results": []}))  # the reference layout
    with pytest.raises(ChiselLLMError, match="eval_results.json: not an eval summary \\(no `overall` and no `tasks`\\)"):
        read_eval_summary(path)
    path.write_text("{")
    with pytest.raises(ChiselLLMError, match="eval_results.json:1: not valid JSON"):
        read_eval_summary(path)
