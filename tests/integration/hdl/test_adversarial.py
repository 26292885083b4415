"""The adversarial corpus: every program gets its expected verdict whatever ran before it, nothing escapes the
sandbox, no planted secret reaches a result, nothing outlives the engine, and good neighbours in the same
batches keep their verdicts."""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path

import pytest

from chisellm.hdl import Candidate, Port, Vectors, Verdict
from chisellm.hdl.engine import Engine, EngineOptions

pytestmark = [pytest.mark.toolchain, pytest.mark.slow]

CORPUS = Path(__file__).parent / "adversarial"
GOOD = """import chisel3._
class Good extends Module {
  val io = IO(new Bundle { val a = Input(UInt(8.W)); val y = Output(UInt(8.W)) })
  io.y := RegNext(io.a, 0.U)
}
"""
ESCAPES = [Path("/tmp/chisellm_pwned"), Path("/tmp/chisellm_pwned_exec"), Path("/tmp/chisellm_pwned_pb"),
           Path("/tmp/chisellm_pwned_sys"), Path("/tmp/chisellm_pwned_bb"), Path("/tmp/chisellm_pwned_vcd")]
SECRET = f"chisellm-secret-{secrets.token_hex(12)}"
SECRET_FILE = Path(f"/tmp/chisellm_secret_{secrets.token_hex(4)}")


def good(i: int) -> Candidate:
    rows = [({"reset": int(c == 0), "io_a": (c * 37 + i) % 256},
             {"io_y": None if c == 0 else 0 if c == 1 else ((c - 1) * 37 + i) % 256}) for c in range(24)]
    vectors = Vectors.from_cycles([Port("reset", 1), Port("io_a", 8)], [Port("io_y", 8)], rows)
    return Candidate(GOOD.replace("Good", f"Good{i}"), f"Good{i}", vectors)


def load_corpus() -> list[tuple[str, Candidate, set[str]]]:
    cases = []
    for path in sorted(CORPUS.glob("*.scala")):
        raw = path.read_bytes()
        head = raw[:300].decode("ascii", "replace")
        expect = set(re.search(r"// expect: (\S+)", head).group(1).split("|"))
        top = re.search(r"// top: (\S+)", head).group(1)
        allow = "// allow_blackbox: true" in head
        cases.append((path.stem, Candidate(raw.decode("utf-8", "surrogateescape"), top, allow_blackbox=allow), expect))
    return cases


def interleaved(cases, goods):
    """Hostile programs with a good candidate after every third one, so that every batch holds both."""
    out = []
    for index, (_, cand, _) in enumerate(cases):
        out.append(cand)
        if index % 3 == 2:
            out.append(goods[index // 3])
    return out


def worker_processes() -> set[str]:
    """Live processes of the engine's JVMs (compile server and elaboration workers), as `pid: command`."""
    found = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if "chisellm.server." in cmd:
            found.add(f"{proc.name}: {cmd[:160]}")
    return found


@pytest.fixture(scope="module")
def runs():
    for path in ESCAPES:
        path.unlink(missing_ok=True)
    SECRET_FILE.write_text(SECRET)
    os.environ["CHISELLM_TEST_SECRET"] = SECRET
    cases = load_corpus()
    before = worker_processes()
    options = EngineOptions(cache_dir=None, jvm_heap_mb=1024, batch_size=16)
    try:
        # First run: the corpus in order, a good candidate after every third program.
        goods = [good(i) for i in range(len(cases) // 3 + 1)]
        with Engine(options) as engine:
            first_all = engine.verify_many(interleaved(cases, goods))
        # Second run: 20 good candidates first, then the corpus in reverse, so every program meets another history.
        with Engine(options) as engine:
            warm = engine.verify_many([good(100 + i) for i in range(20)])
            second = engine.verify_many([c for _, c, _ in reversed(cases)])[::-1]
        left = worker_processes() - before
    finally:
        del os.environ["CHISELLM_TEST_SECRET"]
        SECRET_FILE.unlink(missing_ok=True)
    first, neighbours, it = [], [], iter(first_all)
    for index in range(len(cases)):
        first.append(next(it))
        if index % 3 == 2:
            neighbours.append(next(it))
    return cases, first, second, neighbours + warm, left


def test_corpus_is_large_enough():
    assert len(load_corpus()) >= 70


def test_every_program_gets_its_verdict(runs):
    cases, first, _, _, _ = runs
    wrong = [f"{name}: expected {'|'.join(sorted(expect))}, got {res.verdict.value}: {res.message[:300]}"
             for (name, _, expect), res in zip(cases, first) if res.verdict.value not in expect]
    assert not wrong, "\n".join(wrong)


def test_verdicts_do_not_depend_on_what_ran_before(runs):
    cases, first, second, _, _ = runs
    differ = [f"{name}: {a.verdict.value} in order, {b.verdict.value} reversed after 20 others ({b.message[:200]})"
              for (name, _, _), a, b in zip(cases, first, second) if a.verdict is not b.verdict]
    assert not differ, "\n".join(differ)


def test_good_neighbours_keep_their_verdicts(runs):
    _, _, _, neighbours, _ = runs
    assert neighbours and all(r.ok for r in neighbours), [r.summary() for r in neighbours if not r.ok]


def test_nothing_escapes_and_no_secret_leaks(runs):
    cases, first, second, _, _ = runs
    assert not [p for p in ESCAPES if p.exists()]
    assert not list(Path.cwd().glob("chisellm_pwned*"))
    for res in first + second:
        text = json.dumps(res.to_json(with_verilog=True))
        assert SECRET not in text
        assert "/proc/self/mountinfo" not in text and " - overlay " not in text


def test_nothing_outlives_the_engine(runs):
    *_, left = runs
    assert not left


def test_violation_messages_name_the_act(runs):
    cases, first, _, _, _ = runs
    by_name = {name.split("_", 1)[1]: res for (name, _, _), res in zip(cases, first)}
    assert "scala.io.Source" in by_name["read_etc_passwd"].message
    assert "exit" in by_name["system_exit"].message.lower()
    assert "java.net" in by_name["network_server_socket"].message
    assert by_name["non_utf8"].diagnostics[0].line == 4
    assert "$display" in by_name["allowed_blackbox_display_report"].message
    assert "force" in by_name["allowed_blackbox_force_errors"].message
    assert "hierarchical" in by_name["allowed_blackbox_hier_expected"].message
    assert "Chisel" in by_name["blackbox_display_report"].message
    assert "RefModule" in by_name["extmodule_binds_refmodule"].message
    assert "65,536" in by_name["hundred_million_bit_port"].message
