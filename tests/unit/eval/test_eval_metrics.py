"""Grading decisions from engine results, metrics and breakdowns, reports and the paired comparison."""

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from chisellm.config.eval_summary import EvalSummary, TaskScore
from chisellm.eval.compare import compare_summaries, format_comparison, sign_test_p
from chisellm.eval.extract import Extraction
from chisellm.eval.grade import EXTRACTION_FAILED, Answer, GradedAnswer, graded_from_result
from chisellm.eval.metrics import normalize_error, summarize, top_compile_errors
from chisellm.eval.report import write_reports
from chisellm.eval.tasks import load_eval_set
from chisellm.hdl import Diagnostic, Mismatch, Result, Verdict

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def tasks():
    return load_eval_set(FIXTURES / "eval_ours.jsonl") + load_eval_set(FIXTURES / "eval_reference_format.jsonl")


def by_id(tasks):
    return {t.id: t for t in tasks}


def grade(task, verdict, sample=0, timings=None, diagnostics=()):
    result = Result(verdict=verdict, diagnostics=list(diagnostics), timings=timings or {},
                    mismatch=Mismatch(3, "io_sum", 4, "5") if verdict is Verdict.SIM_MISMATCH else None)
    return graded_from_result(task, Answer(task.id, sample, "..."), Extraction("code", task.module_name), result)


def test_requirements_decide_pass(tasks):
    t = by_id(tasks)
    assert grade(t["l2_adder8"], Verdict.OK).passed
    mismatch = grade(t["l2_adder8"], Verdict.SIM_MISMATCH)
    assert not mismatch.passed and mismatch.compiled and mismatch.elaborated and mismatch.mismatch["port"] == "io_sum"
    assert not grade(t["l2_adder8"], Verdict.ELABORATION_ERROR).passed
    # row2 requires compile only: an elaboration error still passes, a compile error does not.
    assert grade(t["row2"], Verdict.ELABORATION_ERROR).passed
    assert not grade(t["row2"], Verdict.COMPILE_ERROR).passed
    # A timeout after elaboration counts as elaborated; it passes a compile+elaborate row, not a simulating one.
    late_timeout = {"compile": 1.0, "elaborate": 0.2, "simulate": 30.0}
    assert grade(t["l1_mux2"], Verdict.TIMEOUT, timings=late_timeout).passed
    assert not grade(t["l2_adder8"], Verdict.TIMEOUT, timings=late_timeout).passed
    assert not grade(t["l1_mux2"], Verdict.TIMEOUT, timings={"compile": 180.0}).passed


def test_extraction_failure_is_its_own_verdict(tasks):
    task = by_id(tasks)["l2_adder8"]
    graded = graded_from_result(task, Answer(task.id, 0, "no code"), Extraction("", "Adder8", "no Scala code"), None)
    assert graded.verdict == EXTRACTION_FAILED and not graded.passed and not graded.compiled
    assert GradedAnswer.from_json(json.loads(json.dumps(graded.to_json()))) == graded


def test_summary_breakdowns_and_rates(tasks):
    t = by_id(tasks)
    graded = [grade(t["l2_adder8"], Verdict.OK, 0), grade(t["l2_adder8"], Verdict.SIM_MISMATCH, 1),
              grade(t["l3_en_counter"], Verdict.COMPILE_ERROR, 0,
                    diagnostics=[Diagnostic(3, 5, "error", "value foo is not a member of chisel3.UInt")]),
              grade(t["l3_en_counter"], Verdict.COMPILE_ERROR, 1,
                    diagnostics=[Diagnostic(4, 1, "error", "value bar is not a member of chisel3.UInt")]),
              grade(t["l4_delay_reg"], Verdict.OK, 0), grade(t["l4_delay_reg"], Verdict.OK, 1)]
    summary = summarize(tasks, graded, [1, 2], {"source": "test"})
    overall = summary.overall
    assert overall["tasks"] == 6 and overall["answered_tasks"] == 3 and overall["answers"] == 6
    assert overall["pass@1"] == pytest.approx((0.5 + 0 + 1) / 3)
    assert overall["pass@2"] == pytest.approx((1 + 0 + 1) / 3)
    assert overall["compile_rate"] == pytest.approx(4 / 6)
    assert overall["functional_pass_rate"] == pytest.approx(3 / 6)
    assert summary.by_level["L3"]["pass@1"] == 0.0
    assert summary.by_split["held_out"]["pass@1"] == 1.0
    assert summary.by_split["held_in"]["pass@1"] == pytest.approx(0.25)
    assert summary.by_level["L1"]["answered_tasks"] == 0 and summary.by_level["L1"]["pass@1"] is None
    assert summary.top_compile_errors == [
        {"error": "value _ is not a member of chisel3.UInt", "count": 2, "example_task": "l3_en_counter"}]
    assert summary.verdicts == {"ok": 3, "compile_error": 2, "sim_mismatch": 1}


def test_normalize_error_merges_names_and_numbers():
    assert normalize_error("not found: value cnt\n  cnt := 1") == "not found: value _"
    assert normalize_error("type mismatch; found : Int(3) required: `UInt`") == "type mismatch; found : Int(N) required: _"
    assert top_compile_errors([]) == []


def test_reports_are_written_and_self_contained(tasks, tmp_path):
    t = by_id(tasks)
    graded = [grade(t["l2_adder8"], Verdict.OK), grade(t["l3_en_counter"], Verdict.SIM_MISMATCH)]
    summary = summarize(tasks, graded, [1], {"source": "oracle", "eval_set": "x.jsonl", "samples": 1})
    paths = write_reports(summary, tmp_path)
    assert json.loads(paths["json"].read_text())["overall"]["pass@1"] == 0.5
    markdown = paths["markdown"].read_text()
    assert "| L3 | 1/1 | 1 | 0.0% |" in markdown and "l3_en_counter" in markdown
    page = paths["html"].read_text()
    assert page.count("<svg") >= 3 and "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")
    charts = re.findall(r"<svg.*?</svg>", page, re.S)
    for chart in charts:
        ElementTree.fromstring(chart)  # well-formed, text escaped
    # The L2 task passed and L3 failed: the rates chart has a full-height bar (180 px) for L2's pass@1.
    assert re.search(r'height="180\.0" fill="[^"]+"><title>L2 pass@1: 100\.0%</title>', charts[0])
    assert re.search(r'height="0\.0" fill="[^"]+"><title>L3 pass@1: 0\.0%</title>', charts[0])


def test_sign_test_matches_exact_binomial():
    assert sign_test_p(0, 0) == 1.0
    assert sign_test_p(6, 0) == pytest.approx(2 / 64)
    assert sign_test_p(5, 1) == pytest.approx(2 * 7 / 64)
    assert sign_test_p(3, 3) == 1.0


def _summary(passes: dict[str, tuple[str, int, int]]) -> EvalSummary:
    return EvalSummary(run={}, k=[1], overall={}, tasks=[
        TaskScore(id=tid, level=lv, category="c", task="t", family="f", split="held_in", simulates=True, n=n,
                  passed=c, compiled=n, elaborated=n, extraction_failed=0, verdicts={}) for tid, (lv, n, c) in passes.items()])


def test_compare_is_paired_by_task():
    a = _summary({f"t{i}": ("L1" if i < 8 else "L2", 1, 0) for i in range(10)})
    b = _summary({f"t{i}": ("L1" if i < 8 else "L2", 1, 1 if i < 8 else 0) for i in range(10)} | {"new": ("L1", 1, 1)})
    rows = {r.group: r for r in compare_summaries(a, b)}
    assert rows["L1"].tasks == 8 and rows["L1"].wins == 8 and rows["L1"].losses == 0
    assert rows["L1"].delta == pytest.approx(1.0) and rows["L1"].p_value == pytest.approx(2 / 256)
    assert rows["L2"].delta == 0 and rows["L2"].p_value == 1.0
    assert rows["all"].tasks == 10  # `new` is only in B: not paired
    text = format_comparison(list(rows.values()), "base", "tuned")
    assert "+100.0" in text and "0.00781" in text
