"""Eval through the real engine: the oracle scores 100% on every fixture format, a mutated oracle does not,
answers files give pass@k, interrupted runs resume, and the CLI writes reports and compares runs."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chisellm.cli.main import app
from chisellm.config import load_config
from chisellm.config.eval import EvalConfig
from chisellm.eval.grade import Answer, GradedAnswer
from chisellm.eval.runner import run_eval
from chisellm.eval.store import ResultStore
from chisellm.eval.tasks import load_eval_set

pytestmark = pytest.mark.toolchain
ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "eval"
OURS = FIXTURES / "eval_ours.jsonl"

# (task, text in the reference, replacement, verdict the mutant must get)
MUTATIONS = [
    ("l2_adder8", "io.a +& io.b", "io.a + io.b", "sim_mismatch"),  # loses the carry bit
    ("l3_en_counter", "value + 1.U", "value + 2.U", "sim_mismatch"),
    ("l4_delay_reg", "RegNext(io.in, 0.U(width.W))", "io.in", "sim_mismatch"),  # no delay
    ("l1_mux2", "io.b, io.a)", "io.b, io.c)", "compile_error"),  # no vectors: only compile/elaborate can fail
    ("Prob001_zero", "false.B", "true.B", "sim_mismatch"),
    ("Prob002_vector_and", "a & b", "a | b", "sim_mismatch"),
    ("Prob003_dff8", "withClock(clk) { RegNext(d) }", "d", "sim_mismatch"),
]


def evaluate(tmp_path: Path, eval_set: Path, *overrides: str, name: str = "run"):
    config = load_config(EvalConfig, None, [f"eval_set={eval_set}", f"out={tmp_path / name}", *overrides])
    return run_eval(config, log=lambda line: None)


@pytest.mark.parametrize("eval_set", [OURS, FIXTURES / "eval_reference_format.jsonl", FIXTURES / "verilog_eval"],
                         ids=["ours", "reference_format", "verilog_eval"])
def test_oracle_scores_100_percent(tmp_path, eval_set):
    outcome = evaluate(tmp_path, eval_set, "oracle=true")
    overall = outcome.summary.overall
    assert overall["answered_tasks"] == len(load_eval_set(eval_set))
    failures = [(g.task_id, g.verdict, g.message[:500]) for g in ResultStore(tmp_path / "run").graded().values() if not g.passed]
    assert overall["pass@1"] == 1.0 and overall["compile_rate"] == 1.0, failures
    assert set(outcome.summary.verdicts) == {"ok"}


def mutant_answers(folder: Path) -> tuple[Path, Path]:
    """Answers files (ours, VerilogEval) holding each reference with one behaviour-changing edit."""
    tasks = {t.id: t for t in load_eval_set(OURS) + load_eval_set(FIXTURES / "verilog_eval")}
    files = {"ours": folder / "mutants_ours.jsonl", "ve": folder / "mutants_ve.jsonl"}
    for path in files.values():
        path.write_text("")
    for task_id, old, new, _ in MUTATIONS:
        assert old in tasks[task_id].reference_code, (task_id, old)
        row = {"task_id": task_id, "completion": "```scala\n" + tasks[task_id].reference_code.replace(old, new) + "```"}
        with files["ve" if task_id.startswith("Prob") else "ours"].open("a") as handle:
            handle.write(json.dumps(row) + "\n")
    return files["ours"], files["ve"]


def test_mutated_oracle_does_not_pass(tmp_path):
    ours_answers, ve_answers = mutant_answers(tmp_path)
    ours = evaluate(tmp_path, OURS, f"answers={ours_answers}", name="ours").summary
    verilog_eval = evaluate(tmp_path, FIXTURES / "verilog_eval", f"answers={ve_answers}", name="ve").summary
    for summary in (ours, verilog_eval):
        assert summary.overall["pass@1"] == 0.0
    verdicts = {t.id: t.verdicts for t in ours.tasks + verilog_eval.tasks}
    for task_id, _, _, verdict in MUTATIONS:
        assert verdicts[task_id] == {verdict: 1}, task_id
    assert all(g.mismatches > 0 for g in ResultStore(tmp_path / "ve").graded().values())
    assert ours.top_compile_errors and ours.top_compile_errors[0]["example_task"] == "l1_mux2"


def test_answers_file_pass_at_k_and_extraction_failures(tmp_path):
    tasks = {t.id: t for t in load_eval_set(OURS)}
    good = "```scala\n" + tasks["l2_adder8"].reference_code + "```"
    bad = good.replace("+&", "+")
    rows = [("l2_adder8", good), ("l2_adder8", bad), ("l2_adder8", "Sorry, I only write VHDL."),
            ("l3_en_counter", "```scala\n" + tasks["l3_en_counter"].reference_code.replace("EnCounter", "Counter") + "```")]
    path = tmp_path / "answers.jsonl"
    path.write_text("".join(json.dumps({"task_id": t, "completion": c}) + "\n" for t, c in rows))
    summary = evaluate(tmp_path, OURS, f"answers={path}", "k=[1, 2, 3]").summary
    adder = next(t for t in summary.tasks if t.id == "l2_adder8")
    assert (adder.n, adder.passed) == (3, 1)
    assert adder.verdicts == {"ok": 1, "sim_mismatch": 1, "extraction_failed": 1}
    assert summary.by_level["L2"]["pass@1"] == pytest.approx(1 / 3)
    assert summary.by_level["L2"]["pass@2"] == pytest.approx(2 / 3)
    assert summary.by_level["L2"]["pass@3"] == 1.0
    assert summary.by_level["L3"]["pass@1"] == 0.0 and summary.by_level["L3"]["pass@2"] is None
    assert summary.verdicts["extraction_failed"] == 2  # the VHDL excuse and the misnamed class


def test_interrupted_run_resumes_without_redoing_rows(tmp_path):
    out = tmp_path / "run"
    first = evaluate(tmp_path, OURS, "oracle=true", "limit=2")
    assert first.summary.run["throughput"]["graded"] == 2
    # Simulate an interruption of a full run: two rows graded, one generated but not graded, one half-written.
    config = load_config(EvalConfig, None, [f"eval_set={OURS}", f"out={out}", "oracle=true"])
    tasks = load_eval_set(OURS)
    store = ResultStore(out)
    store.run_file.unlink()
    from chisellm.eval.runner import run_identity

    store.open(run_identity(config, tasks))
    store.results_file.write_text("")
    for task in tasks[:2]:
        store.add_graded(GradedAnswer(task.id, 0, "ok", True, True, True))
    store.add_completion(Answer(tasks[2].id, 0, "```scala\n" + tasks[2].reference_code + "```"))
    with store.results_file.open("a") as handle:
        handle.write('{"task_id": "l1_mux2", "sample": 0, "verd')
    resumed = run_eval(config, log=lambda line: None)
    assert resumed.resumed
    throughput = resumed.summary.run["throughput"]
    assert throughput["graded"] == 2 and throughput["generated"] == 1  # task 3 graded from its saved completion
    assert resumed.summary.overall["answers"] == 4 and resumed.summary.overall["pass@1"] == 1.0
    again = run_eval(config, log=lambda line: None)
    assert again.summary.run["throughput"]["graded"] == 0
    with pytest.raises(Exception, match="another run"):
        evaluate(tmp_path, OURS, "oracle=true", "limit=1")


def test_cli_eval_writes_reports_and_compare_prints_deltas(tmp_path):
    runner = CliRunner()
    answers = tmp_path / "weak.jsonl"
    tasks = load_eval_set(OURS)
    answers.write_text("".join(json.dumps({"task_id": t.id, "completion": "no code"}) + "\n" for t in tasks[:3])
                       + json.dumps({"task_id": tasks[3].id, "completion": "```scala\n" + tasks[3].reference_code + "```"}) + "\n")
    weak = runner.invoke(app, ["eval", "--eval-set", str(OURS), "--answers", str(answers), "--out", str(tmp_path / "a")])
    strong = runner.invoke(app, ["eval", "--eval-set", str(OURS), "--oracle", "--out", str(tmp_path / "b"), "-k", "1"])
    assert weak.exit_code == 0 and strong.exit_code == 0, weak.output + strong.output
    assert "report.html" in strong.output and (tmp_path / "b" / "report.md").exists()
    compared = runner.invoke(app, ["eval", "compare", str(tmp_path / "a" / "summary.json"), str(tmp_path / "b"),
                                   "--out", str(tmp_path / "cmp.json")])
    assert compared.exit_code == 0, compared.output
    assert "+100.0" in compared.output and "all" in compared.output
    rows = {r["group"]: r for r in json.loads((tmp_path / "cmp.json").read_text())["rows"]}
    assert rows["all"]["b_better"] == 3 and rows["all"]["a_better"] == 0 and rows["all"]["p_value"] == 0.25


@pytest.mark.slow
def test_shipped_eval_set_oracle_scores_100_percent(tmp_path):
    shipped = ROOT / "eval" / "eval_set_v1.jsonl"
    if not shipped.exists():
        pytest.skip("eval/eval_set_v1.jsonl is not built yet")
    summary = evaluate(tmp_path, shipped, "oracle=true").summary
    failing = [t.id for t in summary.tasks if t.passed < t.n]
    assert summary.overall["pass@1"] == 1.0, f"{len(failing)} rows fail their own reference: {failing[:10]}"


def test_consecutive_runs_in_one_process_keep_a_working_engine(tmp_path):
    """Grading runs on a worker thread; the JVM it starts must outlive each run (a fresh source each time, so
    the result cache cannot hide a dead compile server)."""
    import uuid

    task = {t.id: t for t in load_eval_set(OURS)}["l1_mux2"]
    for run in range(2):
        answers = tmp_path / f"answers{run}.jsonl"
        code = task.reference_code + f"\n// {uuid.uuid4()}\n"
        answers.write_text(json.dumps({"task_id": "l1_mux2", "completion": f"```scala\n{code}```"}) + "\n")
        summary = evaluate(tmp_path, OURS, f"answers={answers}", name=f"run{run}").summary
        assert summary.verdicts == {"ok": 1}, ResultStore(tmp_path / f"run{run}").graded()
