"""Eval inputs: the three eval-set formats, answers files, configs (shipped YAML included), the results store."""

import json
from pathlib import Path

import pytest

from chisellm.config import ConfigError, load_config
from chisellm.config.eval import EvalConfig
from chisellm.eval.answers_file import read_answers
from chisellm.eval.grade import Answer, GradedAnswer
from chisellm.eval.store import ResultStore
from chisellm.eval.suites.verilog_eval_v2 import TOP as VERILOG_EVAL_TOP
from chisellm.eval.tasks import load_eval_set
from chisellm.utils.errors import ChiselLLMError

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "eval"


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_our_format_keeps_vectors_split_and_top_args():
    tasks = {t.id: t for t in load_eval_set(FIXTURES / "eval_ours.jsonl")}
    delay = tasks["l4_delay_reg"]
    assert delay.top_args == "8" and delay.vectors is not None and delay.requires.simulate and delay.split == "held_out"
    assert tasks["l1_mux2"].vectors is None and not tasks["l1_mux2"].requires.simulate
    assert "Adder8" in tasks["l2_adder8"].prompt


def test_reference_format_rows_get_defaults():
    tasks = load_eval_set(FIXTURES / "eval_reference_format.jsonl")
    assert [t.id for t in tasks] == ["row1", "row2"]
    assert tasks[1].requires.compile and not tasks[1].requires.elaborate
    assert tasks[0].level == "unknown" and "Mux2" in tasks[0].prompt and tasks[0].split == "unspecified"


def test_simulate_without_vectors_falls_back_to_compile_and_elaborate(tmp_path):
    path = write(tmp_path / "e.jsonl", [{"reference_code": "x", "test_config": {
        "require_simulate": True, "module_name": "Foo"}}])
    task = load_eval_set(path)[0]
    assert not task.requires.simulate and task.requires.elaborate and not task.simulates


def test_verilog_eval_folder():
    tasks = load_eval_set(FIXTURES / "verilog_eval")
    assert [t.id for t in tasks] == ["Prob001_zero", "Prob002_vector_and", "Prob003_dff8"]
    dff = tasks[2]
    assert dff.bench is not None and "RefModule" in dff.bench.ref_sv and "Mismatches" in dff.bench.test_sv
    assert dff.module_name == VERILOG_EVAL_TOP and "8 D flip-flops" in dff.prompt and dff.reference_code


@pytest.mark.parametrize("row,message", [
    ({"test_config": {"module_name": "A"}}, "missing field"),
    ({"reference_code": "x", "test_config": {"module_name": "not a name"}}, "module_name"),
    ({"reference_code": "x", "test_config": {"module_name": "A", "require_compile": "yes"}}, "require_compile"),
    ({"reference_code": "x", "test_config": {"module_name": "A", "vectors": {"inputs": []}}}, "vectors"),
    ({"reference_code": "x", "held_out": "no", "test_config": {"module_name": "A"}}, "held_out"),
])
def test_bad_rows_name_file_line_and_key(tmp_path, row, message):
    path = write(tmp_path / "bad.jsonl", [{"reference_code": "ok", "test_config": {"module_name": "Ok"}}, row])
    with pytest.raises(ChiselLLMError, match=message) as info:
        load_eval_set(path)
    assert "bad.jsonl:2" in str(info.value)


def test_duplicate_ids_and_missing_bench_files_are_errors(tmp_path):
    row = {"id": "same", "reference_code": "x", "test_config": {"module_name": "A"}}
    with pytest.raises(ChiselLLMError, match="duplicate task id `same`"):
        load_eval_set(write(tmp_path / "d.jsonl", [row, row]))
    (tmp_path / "ve").mkdir()
    (tmp_path / "ve" / "Prob009_x_prompt.txt").write_text("spec")
    with pytest.raises(ChiselLLMError, match="Prob009_x_ref.sv"):
        load_eval_set(tmp_path / "ve")


def test_answers_file_numbers_samples_per_task(tmp_path):
    tasks = load_eval_set(FIXTURES / "eval_ours.jsonl")
    path = write(tmp_path / "a.jsonl", [{"task_id": "l2_adder8", "completion": "a"}, {"id": "l1_mux2", "completion": "b"},
                                        {"task_id": "l2_adder8", "completion": "c"}])
    assert read_answers(path, tasks) == [Answer("l2_adder8", 0, "a"), Answer("l1_mux2", 0, "b"), Answer("l2_adder8", 1, "c")]
    with pytest.raises(ChiselLLMError, match="a2.jsonl:1: task `nope`"):
        read_answers(write(tmp_path / "a2.jsonl", [{"task_id": "nope", "completion": "x"}]), tasks)


@pytest.mark.parametrize("config", sorted((ROOT / "configs" / "eval").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_configs_load(config):
    overrides = [] if "oracle" in config.name else (
        ["api.url=http://127.0.0.1:1/v1", "api.model=m"] if "api" in config.name else ["model=some/model"])
    settings = load_config(EvalConfig, config, overrides)
    assert settings.eval_set == "eval/eval_set_v1.jsonl" and settings.out.startswith("outputs/eval/")


def test_config_rejects_ambiguous_or_missing_sources():
    with pytest.raises(ConfigError, match="exactly one answer source"):
        load_config(EvalConfig, None, ["eval_set=x.jsonl"])
    with pytest.raises(ConfigError, match="got model, oracle"):
        load_config(EvalConfig, None, ["eval_set=x.jsonl", "model=m", "oracle=true"])
    # --api without --api-model is fine: the backend asks the server for its first model.
    assert load_config(EvalConfig, None, ["eval_set=x.jsonl", "api.url=http://h/v1"]).api.model == ""
    with pytest.raises(ConfigError, match="generation.temperatur"):
        load_config(EvalConfig, None, ["eval_set=x.jsonl", "oracle=true", "generation.temperatur=1"])
    settings = load_config(EvalConfig, None, ["eval_set=x.jsonl", "oracle=true", "k=[1, 5]"])
    assert settings.k == [1, 5] and settings.source == "oracle"


def test_store_resumes_only_the_same_run_and_drops_a_half_written_row(tmp_path):
    store = ResultStore(tmp_path)
    assert store.open({"model": "typo", "samples": 1}) is False
    assert store.open({"model": "a", "samples": 1}) is False  # nothing written yet: the folder can be reused
    store.add_completion(Answer("t1", 0, "x"))
    store.add_graded(GradedAnswer("t1", 0, "ok", True, True, True))
    with store.results_file.open("a") as handle:
        handle.write('{"task_id": "t2", "sam')  # interrupted mid-write
    assert set(store.graded()) == {("t1", 0, 1)}
    store.drop_partial_tails()
    store.add_graded(GradedAnswer("t2", 0, "compile_error", False, False, False))
    assert set(ResultStore(tmp_path).graded()) == {("t1", 0, 1), ("t2", 0, 1)}
    assert ResultStore(tmp_path).open({"model": "a", "samples": 1}) is True
    with pytest.raises(ChiselLLMError, match="differs in model"):
        ResultStore(tmp_path).open({"model": "b", "samples": 1})


def test_vllm_backend_is_optional(tmp_path):
    from chisellm.eval.backends import make_backend
    from chisellm.eval.backends.vllm_backend import is_vllm_available

    if is_vllm_available():
        pytest.skip("vllm is installed here")
    (tmp_path / "config.json").write_text("{}")
    config = load_config(EvalConfig, None, ["eval_set=x.jsonl", f"model={tmp_path}", "backend=vllm"])
    with pytest.raises(ChiselLLMError, match="needs the vllm package"):
        make_backend(config)
