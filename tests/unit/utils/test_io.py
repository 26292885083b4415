import pytest

from chisellm.utils import ChiselLLMError, append_jsonl, atomic_write_text, read_jsonl


def test_read_jsonl_names_file_and_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"a": 1}\n\n{"a": 2\n')
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:3: not valid JSON"):
        list(read_jsonl(path))
    path.write_text('{"a": 1}\n[1]\n')
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:2: expected a JSON object"):
        list(read_jsonl(path))
    path.write_text('{"a": 1}\n{"b": 1}\n')
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:2: missing field\(s\) a"):
        list(read_jsonl(path, required=("a",)))


def test_truncated_tail_is_skipped_when_asked(tmp_path):
    path = tmp_path / "rows.jsonl"
    append_jsonl(path, {"a": 1})
    with path.open("a") as handle:
        handle.write('{"a": ')
    assert list(read_jsonl(path, skip_truncated_tail=True)) == [{"a": 1}]


def test_atomic_write_leaves_no_temp_files(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "hello")
    atomic_write_text(target, "again")
    assert target.read_text() == "again"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_atomic_write_makes_readable_files_and_keeps_modes(tmp_path):
    target = tmp_path / "info.json"
    atomic_write_text(target, "{}")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o600)
    atomic_write_text(target, "{}")
    assert target.stat().st_mode & 0o777 == 0o600
