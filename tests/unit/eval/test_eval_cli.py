"""`eval/run_eval.py` takes the reference script's flags with their meaning; user errors exit 2 without a
traceback. (Grading through the engine is covered by the integration tests; here answers are only generated.)"""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))

from canned_chat_server import CannedServer  # noqa: E402

from chisellm.eval.reference_cli import compute_statistics, main, output_paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
OURS = str(ROOT / "tests" / "fixtures" / "eval" / "eval_ours.jsonl")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "eval" / "run_eval.py"), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_help_lists_the_reference_flags():
    shown = run("--help")
    assert shown.returncode == 0
    for flag in ("--eval-set", "-e", "--model", "-m", "--api", "--quantization", "-q", "--no-verify", "--limit", "-n",
                 "--levels", "--output", "-o", "--results", "--stats-only", "--verbose", "-v"):
        assert f" {flag}" in shown.stdout, flag


def test_n_is_the_number_of_cases_and_levels_filter(tmp_path, capsys):
    levels = sorted({json.loads(line)["level"] for line in Path(OURS).read_text().splitlines()})
    with CannedServer() as server:
        assert main(["-e", OURS, "--api", server.url, "--no-verify", "-n", "2", "-o", str(tmp_path / "r.json")]) == 0
        assert main(["-e", OURS, "--api", server.url, "--no-verify", "--levels", levels[0],
                     "-o", str(tmp_path / "l.json")]) == 0
    assert {r["model"] for r in server.requests} == {"canned-model"}  # the served model, as the reference asked
    two = json.loads((tmp_path / "r.json").read_text())
    assert set(two) == {"metadata", "statistics", "results"} and two["metadata"]["verify"] is False
    assert len(two["results"]) == 2 and all(r["passed"] is None and r["raw_output"] for r in two["results"])
    assert (tmp_path / "r" / "completions.jsonl").is_file()  # our run folder beside the JSON
    by_level = json.loads((tmp_path / "l.json").read_text())["results"]
    assert by_level and all(levels[0] in r["level"] for r in by_level)


def test_runs_without_output_get_distinct_timestamped_files(tmp_path):
    first, _ = output_paths(None, tmp_path, "20250101_120000")
    first.write_text("{}")
    second, second_dir = output_paths(None, tmp_path, "20250101_120000")
    assert first.name == "eval_results_20250101_120000.json" and second != first and not second_dir.exists()


def test_stats_only_reads_a_reference_results_file(tmp_path):
    rows = [{"id": "a", "level": "L1", "category": "x", "passed": True, "failed_stage": None},
            {"id": "b", "level": "L2", "category": "x", "passed": False, "failed_stage": "compilation"}]
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"metadata": {}, "statistics": {}, "results": rows}))
    shown = run("--results", str(path), "--stats-only")
    assert shown.returncode == 0 and "overall: 1/2 (50.0%)" in shown.stdout and "compilation" in shown.stdout
    stats = compute_statistics(rows)
    assert stats["by_level"]["L2"] == {"total": 1, "passed": 0, "pass_rate": 0.0}


def test_user_errors_exit_2_with_a_fix_and_no_traceback(tmp_path):
    missing = run("--stats-only")
    assert missing.returncode == 2 and "--stats-only needs --results" in missing.stderr and "fix:" in missing.stderr
    no_set = run("--api", "http://127.0.0.1:9/v1", "--no-verify")
    assert no_set.returncode == 2 and "no eval set" in no_set.stderr and "Traceback" not in no_set.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    shown = run("--results", str(bad), "--stats-only")
    assert shown.returncode == 2 and "bad.json:1: not valid JSON" in shown.stderr
