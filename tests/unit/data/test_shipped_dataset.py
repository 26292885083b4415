"""The released files obey the data contract (no toolchain: counts, fields, names, hashes, eval format)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from chisellm.data.inspect import EVAL_FIELDS, TRAIN_FIELDS, load_rows, static_problems
from chisellm.hdl import Vectors

ROOT = Path(__file__).resolve().parents[3]
TRAIN = ROOT / "dataset" / "chisel_sft_merged_10550.jsonl"
EVAL = ROOT / "eval" / "eval_set_v1.jsonl"
pytestmark = pytest.mark.skipif(not TRAIN.exists(), reason="the dataset has not been built in this checkout")


@pytest.fixture(scope="module")
def train_rows() -> list[dict]:
    kind, rows = load_rows(TRAIN)
    assert kind == "train"
    return rows


@pytest.fixture(scope="module")
def eval_rows() -> list[dict]:
    kind, rows = load_rows(EVAL)
    assert kind == "eval"
    return rows


def test_exactly_10550_unique_rows_with_every_field(train_rows: list[dict]) -> None:
    assert len(train_rows) == 10550
    assert all(set(TRAIN_FIELDS) <= set(r) for r in train_rows)
    assert len({r["id"] for r in train_rows}) == len(train_rows)
    assert len({(r["instruction"], r["input"], r["output"]) for r in train_rows}) == len(train_rows)
    assert all(r["verified"]["compile"] and r["verified"]["simulate"] and r["verified"]["vectors"] > 0
               for r in train_rows)


def test_levels_and_tasks_all_present_and_spec2chisel_leads(train_rows: list[dict]) -> None:
    levels = Counter(r["level"] for r in train_rows)
    tasks = Counter(r["task"] for r in train_rows)
    assert set(levels) == {"L1", "L2", "L3", "L4", "Util"}
    assert set(tasks) == {"spec2chisel", "verilog2chisel", "repair", "complete"}
    assert tasks.most_common(1)[0][0] == "spec2chisel"


def test_class_names_match_and_carry_no_suffix(train_rows: list[dict]) -> None:
    bad = [(r["id"], p) for r in train_rows for p in static_problems(r)]
    assert not bad, bad[:5]
    assert not any(re.search(r"_\d+$", r["module_name"]) for r in train_rows)


def test_no_training_row_uses_a_held_out_family(train_rows: list[dict], eval_rows: list[dict]) -> None:
    held = {r["family"] for r in eval_rows if r["held_out"]}
    assert len(held) >= 5
    assert not held & {r["family"] for r in train_rows}


def test_eval_set_format(eval_rows: list[dict]) -> None:
    assert len(eval_rows) >= 400
    for row in eval_rows:
        assert set(EVAL_FIELDS) <= set(row) and {"family", "task", "held_out", "category"} <= set(row)
        tc = row["test_config"]
        assert tc["require_compile"] and tc["require_elaborate"] and tc["require_simulate"]
        assert re.search(rf"\bclass\s+{tc['module_name']}\b", row["reference_code"])
    for row in eval_rows[::40]:
        vectors = Vectors.from_json(row["test_config"]["vectors"], source=row["id"])
        assert vectors.cycles > 0


def test_manifest_hashes_match() -> None:
    manifest = json.loads((ROOT / "dataset" / "manifest.json").read_text())
    assert "dataset/chisel_sft_merged_10550.jsonl" in manifest["files"]
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == entry["sha256"], name


def test_dataset_info_is_llama_factory_format() -> None:
    info = json.loads((ROOT / "dataset" / "dataset_info.json").read_text())
    entry = info["chisel_sft"]
    assert entry["file_name"] == TRAIN.name
    assert entry["columns"] == {"prompt": "instruction", "query": "input", "response": "output"}
