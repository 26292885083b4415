"""`chisellm verify` as a user runs it: a file, JSON output, a batch, and clean errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.toolchain
SOURCE = """import chisel3._
class Inverter extends RawModule {
  val a = IO(Input(UInt(2.W)))
  val y = IO(Output(UInt(2.W)))
  y := ~a
}
"""
VECTORS = {"clocked": False, "inputs": [{"name": "a", "width": 2}], "outputs": [{"name": "y", "width": 2}],
           "stimulus": [[0], [1], [2], [3]], "expected": [[3], [2], [1], [0]]}


def chisellm(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "chisellm.cli.main", *args], capture_output=True, text=True, cwd=cwd)


def test_verify_file_with_vectors_and_json(tmp_path):
    (tmp_path / "Inverter.scala").write_text(SOURCE)
    (tmp_path / "vec.json").write_text(json.dumps(VECTORS))
    proc = chisellm("verify", str(tmp_path / "Inverter.scala"), "--top", "Inverter", "--vectors", str(tmp_path / "vec.json"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "ok"
    (tmp_path / "Bad.scala").write_text(SOURCE.replace("~a", "a"))
    proc = chisellm("verify", str(tmp_path / "Bad.scala"), "--top", "Inverter", "--vectors", str(tmp_path / "vec.json"))
    assert proc.returncode == 1 and "sim_mismatch: cycle 0: y expected 3, got 0" in proc.stdout


def test_verify_batch_writes_one_result_per_row(tmp_path):
    rows = [{"id": "good", "code": SOURCE, "top": "Inverter", "vectors": VECTORS},
            {"id": "broken", "code": SOURCE.replace(":=", "=:"), "top": "Inverter"}]
    (tmp_path / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    proc = chisellm("verify", "--batch", str(tmp_path / "rows.jsonl"), "--out", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(o["id"], o["verdict"]) for o in out] == [("good", "ok"), ("broken", "compile_error")]


def test_bad_input_is_a_clean_error(tmp_path):
    proc = chisellm("verify", str(tmp_path / "missing.scala"), "--top", "X")
    assert proc.returncode == 2 and "no such file" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "rows.jsonl").write_text('{"code": "x", "top": "X"}\n{"code": 1\n')
    proc = chisellm("verify", "--batch", str(tmp_path / "rows.jsonl"))
    assert proc.returncode == 2 and "rows.jsonl:2" in proc.stderr and "Traceback" not in proc.stderr
