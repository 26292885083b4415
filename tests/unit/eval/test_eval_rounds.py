"""Per-round metrics of repair rounds, the reports that show them, and the scripted backend's replay."""

import pytest

from chisellm.eval.backends.base import first_turn
from chisellm.eval.backends.scripted import ScriptedBackend
from chisellm.eval.design import design_task
from chisellm.eval.grade import GradedAnswer
from chisellm.eval.html_report import render_html
from chisellm.eval.metrics import summarize
from chisellm.eval.report import render_markdown
from chisellm.utils.errors import ChiselLLMError

TASKS = [design_task("spec", "A", task_id="a"), design_task("spec", "B", task_id="b")]


def g(task_id, sample, round_, verdict):
    ok = verdict == "ok"
    return GradedAnswer(task_id, sample, verdict, passed=ok, compiled=verdict != "compile_error", elaborated=ok,
                        round=round_)


# Task a: sample 0 passes in round 1, sample 1 in round 3. Task b: fails all three rounds.
GRADED = [g("a", 0, 1, "ok"), g("a", 1, 1, "compile_error"), g("a", 1, 2, "sim_mismatch"), g("a", 1, 3, "ok"),
          g("b", 0, 1, "compile_error"), g("b", 1, 1, "compile_error"), g("b", 0, 2, "compile_error"),
          g("b", 1, 2, "sim_mismatch"), g("b", 0, 3, "timeout"), g("b", 1, 3, "sim_mismatch")]


def test_pass_after_each_round_and_the_verdict_mix_of_each_round():
    summary = summarize(TASKS, GRADED, [1, 2], {"source": "scripted"})
    rounds = summary.rounds
    assert [r["round"] for r in rounds] == [1, 2, 3]
    assert [r["answers"] for r in rounds] == [4, 3, 3]  # only chains still failing get another round
    assert [r["pass@1"] for r in rounds] == [0.25, 0.25, 0.5]  # mean over tasks of (passed chains / 2)
    assert [r["pass@2"] for r in rounds] == [0.5, 0.5, 0.5]
    assert rounds[0]["verdicts"] == {"compile_error": 3, "ok": 1}
    assert rounds[1]["verdicts"] == {"sim_mismatch": 2, "compile_error": 1}
    assert rounds[2]["verdicts"] == {"ok": 1, "timeout": 1, "sim_mismatch": 1}
    # The headline stays zero-shot: first answers only.
    assert summary.overall["answers"] == 4 and summary.overall["pass@1"] == 0.25
    assert summary.verdicts == {"compile_error": 3, "ok": 1}


def test_reports_show_the_rounds_table_only_with_rounds():
    with_rounds = summarize(TASKS, GRADED, [1], {"source": "scripted"})
    markdown = render_markdown(with_rounds)
    assert "## Repair rounds" in markdown
    assert "| 3 | 3 | 50.0% | 50.0% | ok: 1, timeout: 1, sim_mismatch: 1 |" in markdown
    assert "pass@k after each round" in render_html(with_rounds)
    first_only = summarize(TASKS, [x for x in GRADED if x.round == 1], [1], {"source": "scripted"})
    assert "Repair rounds" not in render_markdown(first_only) and "Repair rounds" not in render_html(first_only)


def test_scripted_backend_replays_by_task_and_round_and_records_what_it_read():
    backend = ScriptedBackend([{"task_id": "a", "round": 1, "completion": "a1"},
                               {"task_id": "a", "round": 3, "completion": "a3"}, {"completion": "any"}])
    start = first_turn(TASKS[0], "")
    second = start.reply("a1", "it failed")
    third = second.reply("a1 again", "still failing")
    assert (start.round, second.round, third.round) == (1, 2, 3)
    assert backend.chat([start, second, third, first_turn(TASKS[1], "")], 2) == [
        ["a1", "a1"], ["a1", "a1"], ["a3", "a3"], ["any", "any"]]  # round 2 repeats the latest scripted round
    assert backend.seen[2].messages[-1] == {"role": "user", "content": "still failing"}


def test_scripted_backend_rejects_bad_rows_naming_the_row():
    with pytest.raises(ChiselLLMError, match="script:2: `round` must be an integer >= 1"):
        ScriptedBackend([{"completion": "x"}, {"completion": "y", "round": 0}])
    with pytest.raises(ChiselLLMError, match="no answer for task `b`"):
        ScriptedBackend([{"task_id": "a", "completion": "x"}]).answer("b", 1)
