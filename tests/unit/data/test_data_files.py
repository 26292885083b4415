"""Reading, checking and registering dataset files, the result cache and the leakage check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chisellm.data.inspect import static_problems, stats_text, stratified_sample
from chisellm.data.leakage import check_leakage
from chisellm.data.register import register_dataset
from chisellm.data.verifier import VerifyCache
from chisellm.hdl import Result, Verdict
from chisellm.utils.errors import ChiselLLMError

CODE = "import chisel3._\n\nclass Passer extends Module {\n  val io = IO(new Bundle {\n    val a = Input(UInt(4.W))\n    val y = Output(UInt(4.W))\n  })\n  io.y := io.a\n}\n"


def train_row(i: int, level: str = "L1", family: str = "wire", code: str = CODE, name: str = "Passer") -> dict:
    return {"instruction": f"Write `{name}` number {i}.", "input": "", "output": f"```scala\n{code}```",
            "id": f"r{i}", "level": level, "family": family, "task": "spec2chisel", "module_name": name,
            "features": [], "verified": {"compile": True, "simulate": True, "vectors": 1, "toolchain": "t"}}


def test_malformed_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(train_row(0)) + "\n{not json\n")
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:2"):
        stats_text(path)
    row = train_row(1)
    del row["module_name"]
    path.write_text(json.dumps(train_row(0)) + "\n" + json.dumps(row) + "\n")
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:2: missing field\(s\) module_name"):
        stats_text(path)


def test_static_checks_catch_suffixes_and_wrong_names() -> None:
    assert static_problems(train_row(0)) == []
    suffixed = train_row(1, code=CODE.replace("Passer", "Passer_697"))
    assert any("numeric suffix" in p for p in static_problems(suffixed))
    assert any("no `class Passer`" in p for p in static_problems(suffixed))


def test_stratified_sample_covers_every_stratum() -> None:
    rows = [train_row(i, level="L1" if i % 10 else "L2", family=f"f{i % 3}") for i in range(100)]
    sample = stratified_sample(rows, 6, seed=1)
    assert len(sample) == 6
    assert {(r["level"], r["family"]) for r in sample} == {(r["level"], r["family"]) for r in rows}
    assert sample == stratified_sample(rows, 6, seed=1)


def test_register_merges_into_llama_factory(tmp_path: Path) -> None:
    dataset = tmp_path / "dataset"
    dataset.mkdir()
    (dataset / "x.jsonl").write_text(json.dumps(train_row(0)) + "\n")
    (dataset / "dataset_info.json").write_text(json.dumps({"chisel_sft": {"file_name": "x.jsonl"}}))
    lf = tmp_path / "LLaMA-Factory"
    (lf / "data").mkdir(parents=True)
    (lf / "data" / "dataset_info.json").write_text(json.dumps({"alpaca_en": {"file_name": "alpaca.json"}}))
    info = json.loads(register_dataset(lf, dataset).read_text())
    assert set(info) == {"alpaca_en", "chisel_sft"}
    assert (lf / "data" / "x.jsonl").read_text() == (dataset / "x.jsonl").read_text()
    with pytest.raises(ChiselLLMError, match="not a LLaMA-Factory checkout"):
        register_dataset(tmp_path / "nowhere", dataset)
    # a pip-installed LLaMA-Factory reads any folder named as its dataset_dir
    own = register_dataset(None, dataset, data_dir=tmp_path / "my_data")
    assert own == tmp_path / "my_data" / "dataset_info.json" and (tmp_path / "my_data" / "x.jsonl").is_file()


def test_cache_survives_a_truncated_tail(tmp_path: Path) -> None:
    cache = VerifyCache(tmp_path / "cache.jsonl")
    cache.add("ab" * 32, Result(Verdict.OK, cycles=3, verilog="module m; endmodule"))
    cache.add("cd" * 32, Result(Verdict.TIMEOUT))  # load-dependent: not persisted
    cache.close()
    with (tmp_path / "cache.jsonl").open("a") as handle:
        handle.write('{"key": "ef')  # an interrupted append
    again = VerifyCache(tmp_path / "cache.jsonl")
    assert set(again.results) == {"ab" * 32} and again.results["ab" * 32].verilog


def test_leakage_flags_exact_and_partial_overlap() -> None:
    train = [train_row(0)]
    same = {"id": "e0", "reference_code": CODE.replace("Passer", "Other"), "held_out": False,
            "test_config": {"module_name": "Other"}}
    different = {"id": "e1", "held_out": True, "test_config": {"module_name": "Adder"},
                 "reference_code": "import chisel3._\nclass Adder extends RawModule { val s = IO(Output(UInt(3.W))); s := 5.U }\n"}
    report = check_leakage(train, [same, different])
    assert report.exact_matches == 1 and report.exact_match_ids == ["e0"]
    assert report.containment["e0"] == 1.0 and report.containment["e1"] < 0.5
    assert report.mean_containment["held_out"] < report.mean_containment["seen_family"]


def test_cache_resumes_after_a_kill_mid_write(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cache.jsonl"
    killed = VerifyCache(path)
    killed.add("ab" * 32, Result(Verdict.OK, cycles=3))
    killed.close()
    with path.open("ab") as handle:
        handle.write(b'{"key": "cdcd", "result": {"verd')  # what a SIGKILL during a write leaves
    resumed = VerifyCache(path)
    assert set(resumed.results) == {"ab" * 32}
    resumed.add("ef" * 32, Result(Verdict.SIM_MISMATCH, cycles=5))
    resumed.close()
    assert "dropped an unfinished last line" in capsys.readouterr().err
    third = VerifyCache(path)  # crashed with a JSONDecodeError before: the row was glued onto the fragment
    assert set(third.results) == {"ab" * 32, "ef" * 32}
    assert path.read_bytes().count(b"\n") == 2


def test_cache_skips_and_reports_an_unreadable_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cache.jsonl"
    cache = VerifyCache(path)
    cache.add("ab" * 32, Result(Verdict.OK, cycles=3))
    cache.close()
    with path.open("ab") as handle:
        handle.write(b'{"key": "cd{"key": "ef", "result": {}}\n')  # glued by an older version
    assert set(VerifyCache(path).results) == {"ab" * 32}
    assert "skipped 1 unreadable cache line(s)" in capsys.readouterr().err
