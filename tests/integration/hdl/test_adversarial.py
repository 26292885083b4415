"""The adversarial corpus: every program gets its expected verdict, nothing escapes the sandbox, and good
candidates verified right after still pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chisellm.hdl import Candidate, Verdict
from chisellm.hdl.engine import Engine, EngineOptions

CORPUS = Path(__file__).parent / "adversarial"
GOOD = """import chisel3._
class Good extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  io.y := RegNext(io.a, 0.U)
}
"""
ESCAPES = [Path("/tmp/chisellm_pwned"), Path("/tmp/chisellm_pwned_exec"), Path("/tmp/chisellm_pwned_pb"),
           Path("/tmp/chisellm_pwned_sys")]


def load_corpus() -> list[tuple[str, Candidate, set[str]]]:
    cases = []
    for path in sorted(CORPUS.glob("*.scala")):
        raw = path.read_bytes()
        head = raw[:200].decode("ascii", "replace")
        expect = set(re.search(r"// expect: (\S+)", head).group(1).split("|"))
        top = re.search(r"// top: (\S+)", head).group(1)
        cases.append((path.stem, Candidate(raw.decode("utf-8", "surrogateescape"), top), expect))
    return cases


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    for path in ESCAPES:
        path.unlink(missing_ok=True)
    cases = load_corpus()
    options = EngineOptions(cache_dir=None, elaborate_timeout_s=5, jvm_heap_mb=1024, batch_size=16)
    with Engine(options) as engine:
        results = engine.verify_many([c for _, c, _ in cases] + [Candidate(GOOD, "Good")])
        after = engine.verify_many([Candidate(GOOD.replace("Good", f"Good{i}"), f"Good{i}") for i in range(3)])
        restarts = engine.server.restarts
    return cases, results, after, restarts


@pytest.mark.toolchain
@pytest.mark.slow
def test_corpus_is_large_enough():
    assert len(load_corpus()) >= 30


@pytest.mark.toolchain
@pytest.mark.slow
def test_every_program_gets_its_verdict(verdicts):
    cases, results, _, _ = verdicts
    wrong = [f"{name}: expected {'|'.join(sorted(expect))}, got {res.verdict.value}: {res.message[:200]}"
             for (name, _, expect), res in zip(cases, results) if res.verdict.value not in expect]
    assert not wrong, "\n".join(wrong)


@pytest.mark.toolchain
@pytest.mark.slow
def test_good_candidates_still_pass(verdicts):
    _, results, after, restarts = verdicts
    assert results[-1].verdict is Verdict.OK, results[-1].message
    assert all(r.ok for r in after), [r.summary() for r in after]
    assert restarts >= 1  # timeouts killed and restarted the JVM, and work went on


@pytest.mark.toolchain
@pytest.mark.slow
def test_nothing_escapes(verdicts):
    assert not [p for p in ESCAPES if p.exists()]
    assert not list(Path.cwd().glob("chisellm_pwned*"))


@pytest.mark.toolchain
@pytest.mark.slow
def test_violation_messages_name_the_act(verdicts):
    cases, results, _, _ = verdicts
    by_name = {name: res for (name, _, _), res in zip(cases, results)}
    assert "/etc/passwd" in by_name["08_read_etc_passwd"].message
    assert "exit" in by_name["20_system_exit"].message.lower()
    assert "network" in by_name["16_network_server_socket"].message
    assert by_name["40_non_utf8"].diagnostics[0].line == 4
