"""Dataset resolution (path or dataset_info.json name), row checks with file:line, fingerprint."""

from __future__ import annotations

import hashlib
import json

import pytest

from chisellm.train.data import load_dataset_rows, read_alpaca_rows, resolve_dataset
from chisellm.utils.errors import ChiselLLMError


def test_fixture_reads_by_path_and_by_name(fixture_jsonl):
    rows, fingerprint = load_dataset_rows(str(fixture_jsonl), "unused")
    assert len(rows) == 40 == fingerprint.rows
    assert fingerprint.sha256 == hashlib.sha256(fixture_jsonl.read_bytes()).hexdigest()
    by_name, _ = load_dataset_rows("chisel_sft", fixture_jsonl.parent, max_samples=5)
    assert [r.output for r in by_name] == [r.output for r in rows[:5]]
    assert any(r.system for r in rows) and any(r.input for r in rows)


def test_dataset_info_column_mapping(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"q": "do it", "a": "class A extends Module {}"}) + "\n")
    (tmp_path / "dataset_info.json").write_text(json.dumps(
        {"mine": {"file_name": "d.jsonl", "columns": {"prompt": "q", "response": "a"}}}))
    path, columns = resolve_dataset("mine", tmp_path)
    row = read_alpaca_rows(path, columns)[0]
    assert (row.instruction, row.output, row.input) == ("do it", "class A extends Module {}", "")


def test_unknown_name_suggests_nearest(fixture_jsonl):
    with pytest.raises(ChiselLLMError, match="did you mean `chisel_sft`"):
        resolve_dataset("chisel_stf", fixture_jsonl.parent)


@pytest.mark.parametrize("line, message", [
    ('{"instruction": "x"}', "missing or empty `output`"),
    ('{"instruction": "x", "output": 3}', "must be a string"),
    ("[1, 2]", "expected a JSON object"),
    ("{not json", "not valid JSON"),
])
def test_malformed_row_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"instruction": "ok", "output": "ok"}\n\n' + line + "\n")
    with pytest.raises(ChiselLLMError, match=message) as err:
        read_alpaca_rows(path)
    assert f"{path}:3" in str(err.value)
