"""Named suites: the registry, the VerilogEval v2 loader (prompt note, answer key, black-box flag), the config
rules for --suite, and the shipped answer key and card agreeing with each other."""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from chisellm.config import ConfigError, load_config
from chisellm.config.eval import EvalConfig
from chisellm.eval import grade
from chisellm.eval.extract import extract_chisel
from chisellm.eval.suites import SUITES, load_suite, suite_module
from chisellm.eval.suites import verilog_eval_v2 as ve
from chisellm.hdl import Candidate
from chisellm.utils.errors import ChiselLLMError

ROOT = Path(__file__).resolve().parents[3]
PROBLEMS = ROOT / "tests" / "fixtures" / "eval" / "verilog_eval"


def test_unknown_and_unavailable_suites_are_clear_errors():
    with pytest.raises(ChiselLLMError, match="unknown suite `verilogeval`") as info:
        suite_module("verilogeval")
    assert "verilog-eval-v2" in info.value.hint and "rtllm-v2" in SUITES


def test_fixture_suite_loads_with_its_own_answer_key():
    tasks = load_suite("verilog-eval-v2", PROBLEMS)
    assert [t.id for t in tasks] == ["Prob001_zero", "Prob002_vector_and", "Prob003_dff8"]
    for task in tasks:
        assert task.module_name == "TopModule" and task.bench is not None and not task.allow_blackbox
        assert task.reference_code == (PROBLEMS / "refs" / f"{task.id}.scala").read_text()
        assert "extends `RawModule`" in task.prompt and "withClockAndReset" in task.prompt
        assert "black box" not in task.prompt.lower()
    assert set(ve.wrong_answers(PROBLEMS)) == {t.id for t in tasks}


def test_blackbox_problems_are_flagged_and_told(tmp_path):
    for file in PROBLEMS.glob("Prob001_zero_*"):
        shutil.copy(file, tmp_path / file.name.replace("Prob001_zero", "Prob028_m2014_q4a"))
    task = ve.load_folder(tmp_path)[0]
    assert task.allow_blackbox and "HasBlackBoxInline" in task.prompt
    assert task.reference_code == (ve.ANSWER_KEY / "refs" / "Prob028_m2014_q4a.scala").read_text()


def test_unexpressible_problems_are_left_out_of_the_suite_only(tmp_path):
    for file in PROBLEMS.glob("Prob001_zero_*"):
        shutil.copy(file, tmp_path / file.name.replace("Prob001_zero", "Prob034_dff8"))
    assert [t.id for t in ve.load_folder(tmp_path)] == ["Prob034_dff8"]
    assert ve.load(tmp_path) == []


def test_candidate_gets_allow_blackbox_only_when_the_engine_knows_it(monkeypatch, tmp_path):
    for file in PROBLEMS.glob("Prob001_zero_*"):
        shutil.copy(file, tmp_path / file.name.replace("Prob001_zero", "Prob028_m2014_q4a"))
    task = ve.load_folder(tmp_path)[0]
    extraction = extract_chisel(task.reference_code, "TopModule", allow_other_top=False)
    candidate = grade.candidate_for(task, extraction)
    assert isinstance(candidate, Candidate) and candidate.bench is task.bench

    @dataclass(frozen=True)
    class NewerCandidate(Candidate):
        allow_blackbox: bool = False

    monkeypatch.setattr(grade, "Candidate", NewerCandidate)
    monkeypatch.setattr(grade, "_CANDIDATE_FIELDS", {"allow_blackbox", "source"})
    assert grade.candidate_for(task, extraction).allow_blackbox is True


@pytest.mark.parametrize("overrides,message", [
    (["suite=verilog-eval-v2", "eval_set=x.jsonl", "oracle=true"], "exactly one of eval_set"),
    (["oracle=true"], "exactly one of eval_set"),
    (["eval_set=x.jsonl", "suite_path=/tmp/x", "oracle=true"], "suite_path needs suite"),
])
def test_config_takes_one_of_suite_and_eval_set(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(EvalConfig, None, overrides)
    assert load_config(EvalConfig, None, ["suite=verilog-eval-v2", "oracle=true"]).suite == "verilog-eval-v2"


def test_answer_key_is_complete_and_matches_the_card():
    refs = {p.stem for p in (ve.ANSWER_KEY / "refs").glob("*.scala")}
    wrong = {p.stem for p in (ve.ANSWER_KEY / "wrong").glob("*.scala")}
    assert refs == wrong and len(refs) >= 148
    assert all(re.fullmatch(r"Prob\d{3}_\w+", name) for name in refs)
    assert not refs & set(ve.UNEXPRESSIBLE) and set(ve.BLACKBOX) <= refs
    for name in refs:
        ref, bad = ((ve.ANSWER_KEY / folder / f"{name}.scala").read_text() for folder in ("refs", "wrong"))
        assert "class TopModule extends RawModule" in ref and "class TopModule extends RawModule" in bad, name
        assert ref != bad, name
    card = (ve.ANSWER_KEY / "CARD.md").read_text()
    for name in [*ve.BLACKBOX, *ve.UNEXPRESSIBLE, *ve.UPSTREAM_DEFECTS]:
        assert f"| {name} |" in card, name
    assert f"black box ({len(ve.BLACKBOX)})" in card
    assert f"checks them ({len(ve.UNEXPRESSIBLE)} of" in card
    assert f"Upstream defects ({len(ve.UPSTREAM_DEFECTS)} of" in card


def test_bench_answers_of_a_suite_are_its_answer_key():
    from chisellm.eval.grading_bench import FAILS, suite_tasks_and_answers

    tasks, answers, intended = suite_tasks_and_answers("verilog-eval-v2", str(PROBLEMS))
    assert len(tasks) == 3 and [a.sample for a in answers] == [0, 0, 0, 1, 1, 1]
    assert intended == ["ok"] * 3 + [FAILS] * 3
    assert (PROBLEMS / "wrong" / "Prob003_dff8.scala").read_text() in answers[5].completion
