"""Repair rounds through the real engine with the scripted backend: the diagnostic of a failed answer goes back as
the next turn, the new answer is regraded, and eval reports pass@1 after each round; `chisellm agent` too."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chisellm.cli.main import app
from chisellm.config import load_config
from chisellm.config.eval import EvalConfig
from chisellm.eval.backends.scripted import ScriptedBackend
from chisellm.eval.repair import Feedback, Final, Generated, RepairSettings, Verified, repair_loop
from chisellm.eval.runner import run_eval
from chisellm.eval.tasks import load_eval_set

pytestmark = pytest.mark.toolchain
ROOT = Path(__file__).resolve().parents[3]
OURS = ROOT / "tests" / "fixtures" / "eval" / "eval_ours.jsonl"
EXAMPLE = ROOT / "examples" / "repair"


def fenced(code: str) -> str:
    return f"```scala\n{code}```\n"


def script_rows() -> list[dict]:
    """adder8: compile error, then right. en_counter: counts by 2 (mismatch), then right. delay_reg: right at once."""
    ref = {t.id: t.reference_code for t in load_eval_set(OURS)}
    return [
        {"task_id": "l2_adder8", "round": 1, "completion": fenced(ref["l2_adder8"].replace("io.a +& io.b", "io.a +& io.q"))},
        {"task_id": "l2_adder8", "round": 2, "completion": fenced(ref["l2_adder8"])},
        {"task_id": "l3_en_counter", "round": 1, "completion": fenced(ref["l3_en_counter"].replace("value + 1.U", "value + 2.U"))},
        {"task_id": "l3_en_counter", "round": 2, "completion": fenced(ref["l3_en_counter"])},
        {"task_id": "l4_delay_reg", "round": 1, "completion": fenced(ref["l4_delay_reg"])},
    ]


def test_two_round_repair_feeds_back_the_engine_diagnostic_and_regrades():
    tasks = [t for t in load_eval_set(OURS) if t.id in ("l2_adder8", "l3_en_counter", "l4_delay_reg")]
    backend = ScriptedBackend(script_rows())
    steps = list(repair_loop(backend, tasks, RepairSettings(rounds=2, chunk=2)))
    verified = {(s.graded.task_id, s.graded.round): s.graded for s in steps if isinstance(s, Verified)}
    assert {k: v.verdict for k, v in verified.items()} == {
        ("l2_adder8", 1): "compile_error", ("l3_en_counter", 1): "sim_mismatch", ("l4_delay_reg", 1): "ok",
        ("l2_adder8", 2): "ok", ("l3_en_counter", 2): "ok"}
    feedback = {s.task_id: s.text for s in steps if isinstance(s, Feedback)}
    assert set(feedback) == {"l2_adder8", "l3_en_counter"}
    first_error = verified[("l2_adder8", 1)].diagnostics[0]
    assert f"line {first_error['line']}, column {first_error['column']}:" in feedback["l2_adder8"]
    assert "io.a +& io.q" in feedback["l2_adder8"]  # the offending source line is quoted
    mismatch = verified[("l3_en_counter", 1)].mismatch
    assert (f"cycle {mismatch['cycle']}, port `{mismatch['port']}`: expected {mismatch['expected']}, "
            f"got {mismatch['got']}") in feedback["l3_en_counter"]
    assert f"{verified[('l3_en_counter', 1)].mismatches} check(s) mismatched" in feedback["l3_en_counter"]
    # Round 2's conversation is prompt, first answer, feedback: exactly what a model would have read.
    second = next(c for c in backend.seen if c.task.id == "l2_adder8" and c.round == 2)
    assert [m["role"] for m in second.messages] == ["user", "assistant", "user"]
    assert second.messages[2]["content"] == feedback["l2_adder8"]
    finals = {s.task_id: s for s in steps if isinstance(s, Final)}
    assert {k: (f.rounds, f.passed) for k, f in finals.items()} == {
        "l2_adder8": (2, True), "l3_en_counter": (2, True), "l4_delay_reg": (1, True)}
    assert "module Adder8" in finals["l2_adder8"].verilog
    assert sum(isinstance(s, Generated) for s in steps) == 5


def test_eval_rounds_report_pass_at_1_per_round_and_resume(tmp_path):
    script = tmp_path / "script.jsonl"
    script.write_text("".join(json.dumps(r) + "\n" for r in script_rows()))
    config = load_config(EvalConfig, None, [f"eval_set={OURS}", f"out={tmp_path / 'run'}", f"scripted={script}",
                                            "rounds=2", "limit=3"])
    summary = run_eval(config, log=lambda line: None).summary
    rounds = summary.rounds
    assert [(r["round"], r["answers"]) for r in rounds] == [(1, 3), (2, 2)]
    assert rounds[0]["pass@1"] == pytest.approx(1 / 3) and rounds[1]["pass@1"] == 1.0
    assert rounds[0]["verdicts"] == {"compile_error": 1, "sim_mismatch": 1, "ok": 1}
    assert rounds[1]["verdicts"] == {"ok": 2}
    assert summary.overall["pass@1"] == pytest.approx(1 / 3)  # the headline is the first answers'
    report = (tmp_path / "run" / "report.md").read_text()
    assert "## Repair rounds" in report and "| 2 | 2 | 100.0% |" in report
    again = run_eval(config, log=lambda line: None)  # everything graded: resumed, nothing regenerated
    assert again.resumed and again.summary.run["throughput"]["generated"] == 0
    assert again.summary.rounds == rounds


def test_agent_command_prints_final_chisel_verilog_and_verdict():
    result = CliRunner().invoke(app, ["agent", str(EXAMPLE / "adder8_spec.txt"), "--top", "Adder8",
                                      "--vectors", str(EXAMPLE / "adder8_vectors.json"),
                                      "--scripted", str(EXAMPLE / "adder8_script.jsonl"), "--rounds", "3"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "io.sum := io.a +& io.b" in out and "module Adder8(" in out
    assert out.rstrip().endswith("verdict: ok after 3 round(s): PASS")
    assert "round 1: compile_error" in result.stderr and "round 2: sim_mismatch" in result.stderr
    failed = CliRunner().invoke(app, ["agent", str(EXAMPLE / "adder8_spec.txt"), "--top", "Adder8",
                                      "--vectors", str(EXAMPLE / "adder8_vectors.json"),
                                      "--scripted", str(EXAMPLE / "adder8_script.jsonl"), "--rounds", "2"])
    assert failed.exit_code == 1 and "verdict: sim_mismatch after 2 round(s): FAIL" in failed.stdout
