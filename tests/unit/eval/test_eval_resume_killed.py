"""A real interruption: `chisellm eval --api` is killed mid-run; the rerun asks the server only for what it
never saved, and grades every task once."""

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))
from canned_chat_server import CannedServer  # noqa: E402

OURS = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "eval_ours.jsonl"


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_killed_run_resumes_without_asking_again(tmp_path):
    out = tmp_path / "run"
    command = [sys.executable, "-m", "chisellm.cli.main", "eval", "--eval-set", str(OURS), "--out", str(out),
               "--set", "generation.batch_size=1", "--set", "api.concurrency=1"]
    with CannedServer(delay_s=0.4) as server:
        command += ["--api", server.url, "--api-model", "canned"]
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not lines(out / "completions.jsonl") and time.monotonic() < deadline:
            time.sleep(0.05)
        run.kill()
        run.wait()
        saved = len(lines(out / "completions.jsonl"))
        asked = len(server.requests)
        assert 1 <= saved < 4 and not (out / "summary.json").exists()

        rerun = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert rerun.returncode == 0, rerun.stderr
        assert "resuming" in rerun.stderr
        assert len(server.requests) == asked + (4 - saved)  # only the tasks without a saved answer are asked again
    completions = lines(out / "completions.jsonl")
    assert sorted(c["task_id"] for c in completions) == sorted(json.loads(l)["id"] for l in OURS.read_text().splitlines())
    results = lines(out / "results.jsonl")
    assert len(results) == 4 and {r["verdict"] for r in results} == {"extraction_failed"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["overall"]["answers"] == 4 and summary["run"]["throughput"]["generated"] == 4 - saved
