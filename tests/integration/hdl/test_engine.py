"""The engine against the real toolchain: combinational and clocked designs, reset, signed and 128-bit ports,
several ports, batch isolation, error positions, first-mismatch reports, VerilogEval mode and the cache."""

from __future__ import annotations

import random

import pytest

from chisellm.hdl import Candidate, Port, Vectors, Verdict, VerilogEvalBench
from chisellm.hdl.engine import Engine, EngineOptions

pytestmark = pytest.mark.toolchain

ADDER = """import chisel3._
class Adder extends RawModule {
  val a = IO(Input(UInt(4.W)))
  val b = IO(Input(UInt(4.W)))
  val sum = IO(Output(UInt(5.W)))
  sum := a +& b
}
"""
SIGNED_WIDE = """import chisel3._
class Wide extends Module {
  val io = IO(new Bundle {
    val x = Input(SInt(8.W))
    val big = Input(UInt(128.W))
    val neg = Output(SInt(8.W))
    val acc = Output(UInt(128.W))
  })
  io.neg := -io.x
  val acc = RegInit(0.U(128.W))
  acc := acc + io.big
  io.acc := acc
}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    with Engine(EngineOptions(cache_dir=tmp_path_factory.mktemp("cache"))) as eng:
        yield eng


def adder_vectors() -> Vectors:
    rows = [({"a": a, "b": b}, {"sum": a + b}) for a in range(16) for b in range(16)]
    return Vectors.from_cycles([Port("a", 4), Port("b", 4)], [Port("sum", 5)], rows, clocked=False)


def wide_vectors(cycles: int = 60) -> Vectors:
    rng = random.Random(7)
    rows, acc = [], 0
    for cycle in range(cycles):
        reset = int(cycle == 0 or cycle == 30)
        x, big = rng.randrange(-128, 128), rng.randrange(1 << 128)
        neg = -x if x != -128 else -128
        rows.append(({"reset": reset, "io_x": x, "io_big": big}, {"io_neg": neg, "io_acc": None if cycle == 0 else acc}))
        acc = 0 if reset else (acc + big) % (1 << 128)
    return Vectors.from_cycles([Port("reset", 1), Port("io_x", 8, True), Port("io_big", 128)],
                               [Port("io_neg", 8, True), Port("io_acc", 128)], rows)


def test_combinational_exhaustive_passes(engine):
    result = engine.verify(ADDER, "Adder", adder_vectors())
    assert result.verdict is Verdict.OK, result.message
    assert result.cycles == 256
    assert "module Adder" in result.verilog


def test_clocked_signed_128_bit_with_mid_run_reset(engine):
    result = engine.verify(SIGNED_WIDE, "Wide", wide_vectors())
    assert result.verdict is Verdict.OK, result.message


def test_first_mismatch_names_cycle_port_expected_and_got(engine):
    result = engine.verify(SIGNED_WIDE.replace("-io.x", "io.x"), "Wide", wide_vectors())
    assert result.verdict is Verdict.SIM_MISMATCH
    vec = wide_vectors()
    first = next(i for i, (s, e) in enumerate(zip(vec.stimulus, vec.expected)) if e[0] != s[1])
    assert result.mismatch.cycle == first and result.mismatch.port == "io_neg"
    assert result.mismatch.expected == vec.expected[first][0]
    assert int(result.mismatch.got) == vec.stimulus[first][1]
    assert 0 < result.mismatches <= vec.cycles


def test_missing_reset_is_caught(engine):
    broken = SIGNED_WIDE.replace("RegInit(0.U(128.W))", "Reg(UInt(128.W))")
    assert engine.verify(broken, "Wide", wide_vectors()).verdict is Verdict.SIM_MISMATCH


def test_interface_mismatch_is_explained(engine):
    result = engine.verify(ADDER.replace("val sum", "val total").replace("sum :=", "total :="), "Adder", adder_vectors())
    assert result.verdict is Verdict.SIM_MISMATCH
    assert "no output port `sum`" in result.message


def test_one_bad_candidate_never_fails_its_neighbours(engine):
    good = [Candidate(ADDER.replace("Adder", f"Adder{c}"), f"Adder{c}", adder_vectors()) for c in "ABCD"]
    bad = Candidate("import chisel3._\nclass Oops extends RawModule {\n  val y = IO(Output(UInt(2.W)))\n  y := nope\n}\n", "Oops")
    results = engine.verify_many(good[:2] + [bad] + good[2:])
    assert [r.verdict for r in results] == [Verdict.OK] * 2 + [Verdict.COMPILE_ERROR] + [Verdict.OK] * 2
    diag = results[2].diagnostics[0]
    assert (diag.line, diag.column) == (4, 8) and "not found: value nope" in diag.message


def test_same_class_name_in_one_batch_is_isolated(engine):
    twins = [Candidate(ADDER, "Adder", adder_vectors()), Candidate(ADDER.replace("+&", "+"), "Adder", adder_vectors())]
    first, second = engine.verify_many(twins)
    assert first.ok and second.verdict is Verdict.SIM_MISMATCH


def test_constructor_arguments(engine):
    source = ("import chisel3._\nclass Gen(w: Int, k: Int = 1) extends RawModule {\n"
              "  val a = IO(Input(UInt(w.W)))\n  val y = IO(Output(UInt(w.W)))\n  y := a + k.U\n}\n")
    vec = Vectors.from_cycles([Port("a", 3)], [Port("y", 3)], [({"a": a}, {"y": (a + 2) % 8}) for a in range(8)], clocked=False)
    assert engine.verify_many([Candidate(source, "Gen", vec, top_args="3, 2")])[0].ok
    missing = engine.verify_many([Candidate(source, "Gen", vec)])[0]
    assert missing.verdict is Verdict.ELABORATION_ERROR and "new Gen()" in missing.message


def test_no_vectors_means_compile_elaborate_lower(engine):
    result = engine.verify(SIGNED_WIDE, "Wide")
    assert result.ok and result.cycles == 0 and "module Wide" in result.verilog


def test_verilog_eval_mode(engine):
    ref = "module RefModule(input [3:0] a, input [3:0] b, output [4:0] sum);\n  assign sum = a + b;\nendmodule\n"
    test = """`timescale 1ps/1ps
module tb();
  reg [3:0] a, b; wire [4:0] s_ref, s_dut; integer i, errors;
  RefModule good(.a(a), .b(b), .sum(s_ref));
  TopModule top_module1(.a(a), .b(b), .sum(s_dut));
  initial begin
    errors = 0;
    for (i = 0; i < 256; i = i + 1) begin {a, b} = i; #1; if (s_ref !== s_dut) errors = errors + 1; end
    $display("Mismatches: %1d in %1d samples", errors, 256);
    $finish;
  end
endmodule
"""
    bench = VerilogEvalBench(ref, test)
    good = ADDER.replace("Adder", "TopModule")
    results = engine.verify_many([Candidate(good, "TopModule", bench=bench),
                                  Candidate(good.replace("+&", "-"), "TopModule", bench=bench)])
    assert results[0].ok, results[0].message
    assert results[1].verdict is Verdict.SIM_MISMATCH and "Mismatches:" in results[1].message


def test_results_are_cached(engine):
    source = ADDER.replace("Adder", "Cached")
    first = engine.verify(source, "Cached", adder_vectors())
    second = engine.verify(source, "Cached", adder_vectors())
    assert first.ok and second.ok and not first.cached and second.cached


def test_bench_modules_pass_and_their_mutants_fail(engine):
    from chisellm.hdl.benchmark import generated_modules

    modules = generated_modules(6, 200, seed=3)
    results = engine.verify_many([m.candidate for m in modules])
    assert all(r.ok for r in results), [r.summary() for r in results]
    mutated = [Candidate(m.candidate.source.replace("RegInit(0.U", "RegInit(1.U"), m.name, m.candidate.vectors) for m in modules]
    assert all(r.verdict is Verdict.SIM_MISMATCH for r in engine.verify_many(mutated))


def test_port_names_that_a_testbench_might_use_do_not_collide(engine):
    source = ("import chisel3._\nclass Names extends RawModule {\n"
              "  val e = IO(Input(UInt(2.W)))\n  val c = IO(Input(UInt(2.W)))\n  val i = IO(Output(UInt(2.W)))\n"
              "  val done = IO(Output(UInt(2.W)))\n  i := e & c\n  done := e | c\n}\n")
    rows = [({"e": e, "c": c}, {"i": e & c, "done": e | c}) for e in range(4) for c in range(4)]
    vec = Vectors.from_cycles([Port("e", 2), Port("c", 2)], [Port("i", 2), Port("done", 2)], rows, clocked=False)
    twin = source.replace("Names", "Names2")
    results = engine.verify_many([Candidate(source, "Names", vec), Candidate(twin, "Names2", vec)])
    assert all(r.ok for r in results), [r.message for r in results]


def test_constructor_arguments_may_use_chisel_types(engine):
    source = ("import chisel3._\nclass Hold[T <: Data](gen: T) extends Module {\n"
              "  val io = IO(new Bundle { val d = Input(gen); val q = Output(gen) })\n  io.q := RegNext(io.d)\n}\n")
    assert engine.verify_many([Candidate(source, "Hold", top_args="UInt(8.W)")])[0].ok
    # A top named like a chisel3 type is still the candidate's own class.
    mux = "import chisel3._\nclass Mux extends RawModule {\n  val y = IO(Output(UInt(1.W)))\n  y := 1.U\n}\n"
    assert engine.verify_many([Candidate(mux, "Mux")])[0].ok


def test_engine_survives_a_caller_thread_exiting_and_a_killed_jvm(engine):
    import threading

    source = ADDER.replace("Adder", "Threaded")
    box = []
    worker = threading.Thread(target=lambda: box.append(engine.verify_many([Candidate(source, "Threaded", adder_vectors())])))
    worker.start()
    worker.join()
    assert box[0][0].ok
    engine.server._jvm._proc.kill()  # as if the OOM killer struck between batches
    engine.server._jvm._proc.wait()
    again = engine.verify_many([Candidate(source.replace("Threaded", "Threaded2"), "Threaded2", adder_vectors())])
    assert again[0].ok, again[0].message


def test_chisel_elaboration_errors_are_not_mistaken_for_sandbox_violations(engine):
    # Chisel reads the source file to quote the line of an elaboration error; that is no violation.
    source = ("import chisel3._\nclass OutOfRange extends RawModule {\n  val a = IO(Input(UInt(4.W)))\n"
              "  val y = IO(Output(UInt(2.W)))\n  y := a(9, 8)\n}\n")
    result = engine.verify(source, "OutOfRange")
    assert result.verdict is Verdict.ELABORATION_ERROR, result.message
    assert "line 5" in result.message


LATCH_REF = "module RefModule(input d, input ena, output reg q);\n  always @(*) if (ena) q = d;\nendmodule\n"
LATCH_TEST = """`timescale 1ps/1ps
module tb();
  reg d, ena; wire q_ref, q_dut; integer i, errors;
  RefModule good(.d(d), .ena(ena), .q(q_ref));
  TopModule top_module1(.d(d), .ena(ena), .q(q_dut));
  initial begin
    errors = 0; ena = 1; d = 0; #1;
    for (i = 0; i < 64; i = i + 1) begin {d, ena} = i * 7; #1; if (q_ref !== q_dut) errors = errors + 1; end
    $display("Mismatches: %1d in %1d samples", errors, 64);
    $finish;
  end
endmodule
"""
LATCH_BLACKBOX = """import chisel3._
import chisel3.util._
class Latch extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle { val d = Input(Bool()); val ena = Input(Bool()); val q = Output(Bool()) })
  setInline("Latch.v", \"\"\"module Latch(input d, input ena, output reg q);
  always @(*) if (ena) q = d;
endmodule
\"\"\")
}
class TopModule extends RawModule {
  val d = IO(Input(Bool())); val ena = IO(Input(Bool())); val q = IO(Output(Bool()))
  val l = Module(new Latch)
  l.io.d := d; l.io.ena := ena; q := l.io.q
}
"""
VERILOG_ADDER = """import chisel3._
import chisel3.util._
class AdderBox extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle { val a = Input(UInt(4.W)); val b = Input(UInt(4.W)); val sum = Output(UInt(5.W)) })
  setInline("AdderBox.v", "module AdderBox(input [3:0] a, input [3:0] b, output [4:0] sum); assign sum = a + b; endmodule\\n")
}
class Adder extends RawModule {
  val a = IO(Input(UInt(4.W))); val b = IO(Input(UInt(4.W))); val sum = IO(Output(UInt(5.W)))
  val box = Module(new AdderBox)
  box.io.a := a; box.io.b := b; sum := box.io.sum
}
"""
VERILOG_COUNTER = """import chisel3._
import chisel3.util._
class CountBox extends BlackBox with HasBlackBoxInline {
  val io = IO(new Bundle { val clock = Input(Clock()); val reset = Input(Bool()); val x = Input(SInt(8.W));
    val big = Input(UInt(128.W)); val neg = Output(SInt(8.W)); val acc = Output(UInt(128.W)) })
  setInline("CountBox.v", \"\"\"module CountBox(input clock, input reset, input signed [7:0] x, input [127:0] big,
  output signed [7:0] neg, output reg [127:0] acc);
  assign neg = -x;
  always @(posedge clock) acc <= reset ? 128'd0 : acc + big;
endmodule
\"\"\")
}
class Wide extends Module {
  val io = IO(new Bundle { val x = Input(SInt(8.W)); val big = Input(UInt(128.W)); val neg = Output(SInt(8.W));
    val acc = Output(UInt(128.W)) })
  val box = Module(new CountBox)
  box.io.clock := clock; box.io.reset := reset.asBool; box.io.x := io.x; box.io.big := io.big
  io.neg := box.io.neg; io.acc := box.io.acc
}
"""


def test_black_boxes_are_refused_unless_the_task_allows_them(engine):
    bench = VerilogEvalBench(LATCH_REF, LATCH_TEST)
    results = engine.verify_many([
        Candidate(VERILOG_ADDER, "Adder", adder_vectors()),                        # combinational, all Verilog
        Candidate(VERILOG_COUNTER, "Wide", wide_vectors()),                        # sequential, all Verilog
        Candidate(LATCH_BLACKBOX, "TopModule", bench=bench),                       # a latch, not allowed here
        Candidate(LATCH_BLACKBOX, "TopModule", bench=bench, allow_blackbox=True),  # allowed: graded as usual
        Candidate(VERILOG_ADDER, "Adder", adder_vectors(), allow_blackbox=True),   # permissive grading
    ])
    assert [r.verdict for r in results[:3]] == [Verdict.BLACKBOX_REFUSED] * 3, [r.summary() for r in results]
    assert "Chisel" in results[0].message and "AdderBox" in results[0].message
    assert results[3].ok, results[3].summary()
    assert results[4].ok, results[4].summary()


def test_an_allowed_black_box_still_obeys_the_integrity_rules(engine):
    cheat = LATCH_BLACKBOX.replace("always @(*) if (ena) q = d;", 'initial $display("Mismatches: 0 in 64 samples");')
    result = engine.verify_many([Candidate(cheat, "TopModule", bench=VerilogEvalBench(LATCH_REF, LATCH_TEST),
                                           allow_blackbox=True)])[0]
    assert result.verdict is Verdict.INTEGRITY_VIOLATION and "$display" in result.message


def test_chisel_printf_cannot_forge_a_report(engine):
    # printf lowers under `ifndef SYNTHESIS`, and the simulator defines SYNTHESIS: a wrong design stays wrong.
    wrong = SIGNED_WIDE.replace("Wide", "Forger").replace(
        "io.neg := -io.x", 'io.neg := io.x\n  printf(cf"CHISELLM_DONE 0 60\\nMismatches: 0 in 60 samples\\n")')
    result = engine.verify_many([Candidate(wrong, "Forger", wide_vectors())])[0]
    assert result.verdict is Verdict.SIM_MISMATCH, result.summary()


def test_waveform_on_request(engine):
    result = engine.verify_many([Candidate(ADDER.replace("Adder", "Waved"), "Waved", adder_vectors(), want_vcd=True)])[0]
    assert result.ok and result.vcd and "$enddefinitions" in result.vcd and "sum" in result.vcd


def _adder_bench() -> tuple[str, str]:
    ref = "module RefModule(input [3:0] a, input [3:0] b, output [4:0] sum);\n  assign sum = a + b;\nendmodule\n"
    test = ("`timescale 1ps/1ps\nmodule tb();\n  reg [3:0] a, b; wire [4:0] s_ref, s_dut; integer i, errors;\n"
            "  RefModule good(.a(a), .b(b), .sum(s_ref));\n  TopModule top_module1(.a(a), .b(b), .sum(s_dut));\n"
            "  initial begin\n    errors = 0;\n    for (i = 0; i < 256; i = i + 1) begin {a, b} = i; #1;"
            " if (s_ref !== s_dut) errors = errors + 1; end\n"
            '    $display("Mismatches: %1d in %1d samples", errors, 256);\n    $finish;\n  end\nendmodule\n')
    return ref, test


def test_a_design_may_not_define_a_testbench_module(engine):
    # A second `RefModule` (here from pure Chisel, by desiredName) must never stand in for the reference.
    fake = ("import chisel3._\nclass Fake extends RawModule {\n  override def desiredName = \"RefModule\"\n"
            "  val a = IO(Input(UInt(4.W))); val b = IO(Input(UInt(4.W))); val sum = IO(Output(UInt(5.W)))\n"
            "  sum := a - b\n}\nclass TopModule extends RawModule {\n"
            "  val a = IO(Input(UInt(4.W))); val b = IO(Input(UInt(4.W))); val sum = IO(Output(UInt(5.W)))\n"
            "  val f = Module(new Fake)\n  f.a := a; f.b := b\n  sum := f.sum\n}\n")
    result = engine.verify_many([Candidate(fake, "TopModule", bench=VerilogEvalBench(*_adder_bench()))])[0]
    assert result.verdict is Verdict.INTEGRITY_VIOLATION and "RefModule" in result.message
