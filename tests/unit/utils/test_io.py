import pytest

from chisellm.utils import ChiselLLMError, append_jsonl, atomic_write_text, read_jsonl, read_text
from chisellm.utils.io import JsonlAppender, repair_torn_tail


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


def test_torn_tail_is_cut_before_the_next_append(tmp_path, capsys):
    path = tmp_path / "rows.jsonl"
    append_jsonl(path, {"a": 1})
    with path.open("ab") as handle:
        handle.write(b'{"a": 2, "long')  # a kill in the middle of a write
    assert list(read_jsonl(path, skip_truncated_tail=True)) == [{"a": 1}]
    assert "rows.jsonl: dropped an unfinished last line (14 bytes" in capsys.readouterr().err
    append_jsonl(path, {"a": 3})
    assert path.read_text() == '{"a": 1}\n{"a": 3}\n'  # not glued onto the fragment
    assert list(read_jsonl(path)) == [{"a": 1}, {"a": 3}]


def test_appender_writes_whole_lines_only(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"a": 1}\n{"a"')
    with JsonlAppender(path) as appender:
        assert appender.dropped == 4
        for i in range(3):
            appender.append({"i": i, "text": "x" * 100_000})
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and [len(line) for line in lines[1:-1]] == [len(lines[1])] * 3
    assert repair_torn_tail(path) == 0


def test_read_jsonl_checks_field_types_with_the_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"code": "x"}\n\n{"code": 3}\n')
    with pytest.raises(ChiselLLMError, match=r"rows.jsonl:3: field `code` must be a string, got a number 3"):
        list(read_jsonl(path, types={"code": str}))
    path.write_text('{"n": true}\n')
    with pytest.raises(ChiselLLMError, match="`n` must be an integer, got a boolean"):
        list(read_jsonl(path, types={"n": int}))


def test_non_utf8_text_names_the_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: caf\xe9\n")
    with pytest.raises(ChiselLLMError, match=r"config.yaml:3: not UTF-8 text \(byte 0xe9\)") as err:
        read_text(path)
    assert "UTF-8" in err.value.hint
    path.write_bytes(b'{"a": 1}\n{"b": "\xff"}\n')
    with pytest.raises(ChiselLLMError, match=r"config.yaml:2: not UTF-8"):
        list(read_jsonl(path))
