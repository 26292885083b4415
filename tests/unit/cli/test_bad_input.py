"""Every bad input of issue 15 as a user would type it: exit code 2, a message naming the file/line/key and a
fix, and nothing run past the check (the `cli` fixture trips on the engine, the toolchain and training)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
EVAL_FIXTURE = REPO / "tests" / "fixtures" / "eval" / "eval_ours.jsonl"
TRAIN_ROW = json.loads((REPO / "dataset" / "chisel_sft_merged_10550.jsonl").open().readline())
TRAIN_KEYS = "model_name_or_path: m\noutput_dir: o\ndataset: d\n"
VECTORS = {"clocked": False, "inputs": [{"name": "a", "width": 8, "signed": False}],
           "outputs": [{"name": "y", "width": 8, "signed": False}], "stimulus": [[1], [2]], "expected": [[1], [2]]}


def rejected(outcome, *needles: str) -> str:
    """Assert exit 2 with an error and a fix that mention every needle; returns stderr."""
    assert outcome.code == 2, (outcome.code, outcome.stdout, outcome.stderr)
    assert "error:" in outcome.stderr and "fix:" in outcome.stderr, outcome.stderr
    for needle in needles:
        assert needle in outcome.stderr, (needle, outcome.stderr)
    return outcome.stderr


@pytest.mark.parametrize("command", [("data", "build", "-c"), ("train",)], ids=["data-build", "train"])
def test_non_utf8_yaml(cli, tmp_path, command):
    config = tmp_path / "latin1.yaml"
    config.write_bytes("seed: 1\n# caf\u00e9\n".encode("latin-1"))
    rejected(cli(*command, config), f"{config}:2: not UTF-8", "save the file as UTF-8")


def test_empty_data_build_config_is_refused(cli, tmp_path):
    for text in ("", "{}\n", "# only a comment\n"):
        config = tmp_path / "empty.yaml"
        config.write_text(text)
        rejected(cli("data", "build", "-c", config), f"{config}: the config file is empty")


@pytest.mark.parametrize("line, key", [("learning_rate: -1e-4", "learning_rate"), ("learning_rate: 0", "learning_rate"),
                                       ("num_train_epochs: -1", "num_train_epochs"), ("max_steps: 0", "max_steps"),
                                       ("per_device_train_batch_size: 0", "per_device_train_batch_size"),
                                       ("eval_steps: -5", "eval_steps"), ("save_total_limit: 0", "save_total_limit"),
                                       ("warmup_ratio: 1.5", "warmup_ratio")])
def test_train_values_checked_at_config_time(cli, tmp_path, line, key):
    config = tmp_path / "train.yaml"
    config.write_text(TRAIN_KEYS + line + "\n")
    rejected(cli("train", config), f"{config}:4:", key)


def test_verify_non_utf8_and_out_of_range_vectors(cli, tmp_path):
    source = tmp_path / "A.scala"
    source.write_text("class A\n")
    vectors = tmp_path / "v.json"
    vectors.write_bytes(b'{"inputs": [],\n "outputs": [{"name": "y\xe9", "width": 8}]}')
    rejected(cli("verify", source, "--top", "A", "--vectors", vectors), f"{vectors}:2: not UTF-8")
    vectors.write_text(json.dumps({**VECTORS, "stimulus": [[1], [300]]}))
    rejected(cli("verify", source, "--top", "A", "--vectors", vectors),
             str(vectors), "cycle 1: input `a` = 300 does not fit 8 bits unsigned (0..255)")
    vectors.write_text(json.dumps({**VECTORS, "stimulus": [], "expected": []}))
    rejected(cli("verify", source, "--top", "A", "--vectors", vectors), str(vectors), "0 cycles")


@pytest.mark.parametrize("row, message", [({"code": 5, "top": "A"}, "field `code` must be a string, got a number"),
                                          ({"code": "class A", "top": ["A"]}, "field `top` must be a string, got a list"),
                                          ({"code": "class A", "top": "A", "vectors": [1]}, "field `vectors` must be an object")])
def test_verify_batch_row_types(cli, tmp_path, row, message):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"code": "class B", "top": "B"}) + "\n\n" + json.dumps(row) + "\n")
    rejected(cli("verify", "--batch", batch), f"{batch}:3: {message}")


@pytest.mark.parametrize("command", ["stats", "verify"])
def test_data_rows_with_a_number_for_output(cli, tmp_path, command):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(TRAIN_ROW) + "\n" + json.dumps({**TRAIN_ROW, "output": 42}) + "\n")
    rejected(cli("data", command, rows), f"{rows}:2: field `output` must be a string, got a number 42")


def test_data_verify_negative_sample(cli, tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps(TRAIN_ROW) + "\n")
    rejected(cli("data", "verify", rows, "--sample", "-3"), "--sample -3", "N >= 1")


def test_data_verify_hand_edited_draw(cli, tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({**TRAIN_ROW, "draw": "seven"}) + "\n")
    rejected(cli("data", "verify", rows), f"{rows}:1 ({TRAIN_ROW['id']})", "`params`/`draw`")


def test_export_out_is_a_file(cli, tmp_path):
    target = tmp_path / "model.bin"
    target.write_text("not a folder")
    rejected(cli("export", "--adapter", tmp_path / "adapter", "--out", target), f"--out {target} is an existing file")


@pytest.mark.parametrize("text, message", [("{not json", "not valid JSON"), ('{"overall": 3}', "no `overall` metrics"),
                                           ('{"overall": {"pass@1": "high"}}', "`overall.pass@1` must be a number")])
def test_export_checks_eval_summary_before_the_model(cli, tmp_path, text, message):
    summary = tmp_path / "summary.json"
    summary.write_text(text)
    out = tmp_path / "merged"
    rejected(cli("export", "--adapter", tmp_path / "no-adapter", "--out", out, "--eval-summary", summary),
             str(summary), message)  # the summary is checked first: before the (missing) adapter
    assert not out.exists()


def summary(ids: list[str], digest: str, eval_set: str) -> dict:
    return {"run": {"eval_set": eval_set, "eval_set_digest": digest}, "k": [1], "overall": {},
            "tasks": [{"id": i, "level": "L1", "n": 1, "passed": 1} for i in ids]}


def test_compare_warns_about_different_eval_sets(cli, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(summary(["t1", "t2", "t3"], "aaaa", "set_a.jsonl")))
    b.write_text(json.dumps(summary(["t1", "t4"], "bbbb", "set_b.jsonl")))
    outcome = cli("eval", "compare", a, b)
    assert outcome.code == 0
    assert "warning: the runs used different eval sets (set_a.jsonl digest aaaa vs set_b.jsonl digest bbbb)" in outcome.stderr
    assert "2 task(s) only in A and 1 only in B are left out; 1 task(s) are in both" in outcome.stderr
    b.write_text(json.dumps(summary(["t1", "t2", "t3"], "aaaa", "set_a.jsonl")))
    assert "warning" not in cli("eval", "compare", a, b).stderr


def test_compare_rejects_malformed_task_entries(cli, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    good = summary(["t1"], "aaaa", "s")
    a.write_text(json.dumps(good))
    b.write_text(json.dumps({**good, "tasks": [{"id": "t1", "level": "L1", "n": "one", "passed": 1}]}))
    rejected(cli("eval", "compare", a, b), f"{b}: tasks[0]: `n` must be an integer")


def test_eval_set_rows_and_answers_are_typed(cli, tmp_path):
    rows = [json.loads(line) for line in EVAL_FIXTURE.read_text().splitlines()]
    bad_set = tmp_path / "set.jsonl"
    bad_set.write_text("\n".join(json.dumps(r) for r in rows[:2]) + "\n" + json.dumps({**rows[2], "reference_code": 7}) + "\n")
    rejected(cli("eval", "--eval-set", bad_set, "--oracle", "--out", tmp_path / "o1"),
             f"{bad_set}:3: field `reference_code` must be a string or null")
    answers = tmp_path / "answers.jsonl"
    answers.write_text("")
    rejected(cli("eval", "--eval-set", EVAL_FIXTURE, "--answers", answers, "--out", tmp_path / "o2"), f"{answers}: no answers")


def test_eval_out_with_a_damaged_run_description(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "run.json").write_bytes(b"\xff{")
    (out / "results.jsonl").write_text('{"task_id": "x"}\n')
    rejected(cli("eval", "--eval-set", EVAL_FIXTURE, "--oracle", "--out", out), f"{out / 'run.json'}:1: not UTF-8")
