"""Dataset resolution (path or dataset_info.json name), row checks with file:line, fingerprint."""

from __future__ import annotations

import hashlib
import json

import pytest

from chisellm.train.data import load_dataset_rows, read_alpaca_rows, resolve_dataset
from chisellm.utils.errors import ChiselLLMError

pytestmark = pytest.mark.train


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


def test_comma_list_and_alpaca_json_array(tmp_path):
    import json

    rows = [{"instruction": f"write M{i}", "input": "", "output": f"class M{i}"} for i in range(3)]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (tmp_path / "b.json").write_text(json.dumps(rows[:2], indent=2))  # LLaMA-Factory's alpaca JSON array
    both, fingerprint = load_dataset_rows("a.jsonl, b.json", tmp_path, max_samples=2)
    assert [r.output for r in both] == ["class M0", "class M1", "class M0", "class M1"]  # max_samples per dataset
    assert fingerprint.rows == 5 and fingerprint.path.count(",") == 1
    assert load_dataset_rows("a.jsonl", tmp_path)[1].sha256 != fingerprint.sha256
    (tmp_path / "c.json").write_text('[{"instruction": "x", "output": 3}]')
    with pytest.raises(ChiselLLMError, match="c.json: item 1: field `output` must be a string"):
        load_dataset_rows("c.json", tmp_path)
