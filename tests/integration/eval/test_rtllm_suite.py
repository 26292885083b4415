"""The RTLLM fixture end to end: Chisel answers through the engine with the fixture's own testbench and data
file, judged by the pass criterion read from the testbench."""

from pathlib import Path

import pytest

from chisellm.eval.suites.rtllm_v2 import load_rtllm_suite
from chisellm.hdl import Candidate, Verdict
from chisellm.hdl.engine import Engine, EngineOptions

pytestmark = pytest.mark.toolchain
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "eval" / "rtllm"

ADDER = """import chisel3._
class tiny_adder extends RawModule {
  val a = IO(Input(UInt(4.W)))
  val b = IO(Input(UInt(4.W)))
  val s = IO(Output(UInt(5.W)))
  s := a +& b
}
"""
COUNTER = """import chisel3._
class tiny_counter extends RawModule {
  val clk = IO(Input(Clock()))
  val rst_n = IO(Input(Bool()))
  val en = IO(Input(Bool()))
  val q = IO(Output(UInt(3.W)))
  withClockAndReset(clk, (!rst_n).asAsyncReset) {
    val count = RegInit(0.U(3.W))
    when(en) { count := count + 1.U }
    q := count
  }
}
"""
# (design, answer, passes): right answers pass; a lost carry and an ignored enable fail in simulation.
CASES = [
    ("tiny_adder", ADDER, True),
    ("tiny_adder", ADDER.replace("a +& b", "a + b"), False),
    ("tiny_counter", COUNTER, True),
    ("tiny_counter", COUNTER.replace("when(en) { count := count + 1.U }", "count := count + 1.U"), False),
]


def test_fixture_answers_pass_or_fail_their_testbench(tmp_path):
    tasks = {t.id.removeprefix("rtllm-"): t for t in load_rtllm_suite(FIXTURE)}
    with Engine(EngineOptions(cache_dir=tmp_path / "cache")) as engine:
        results = engine.verify_many([Candidate(source, tasks[design].module_name, bench=tasks[design].bench)
                                      for design, source, _ in CASES])
    for (design, _, passes), result in zip(CASES, results):
        assert result.ok is passes, f"{design}: {result.verdict.value}: {result.message}"
        if not passes:
            assert result.verdict is Verdict.SIM_MISMATCH and "did not pass" in result.message


@pytest.mark.slow
def test_rtllm_answer_key_on_the_real_designs():
    import os

    from chisellm.eval.suites import rtllm_v2
    from chisellm.eval.suites.check import check_answer_key

    beside = Path(__file__).resolve().parents[3].parent / "shared/benchmarks/rtllm"
    path = os.environ.get("CHISELLM_RTLLM_PATH") or (str(beside) if beside.exists() else "")
    if not path or not Path(path).exists():
        pytest.skip("set CHISELLM_RTLLM_PATH to a checkout of RTLLM 2.0")
    tasks = rtllm_v2.load(Path(path))
    result = check_answer_key(tasks, rtllm_v2.wrong_answers(Path(path)))
    assert not [(p.task_id, p.problem) for p in result.failures]
    assert len(result.validated) >= 44
