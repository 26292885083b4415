"""The feedback turn of a repair round: what a model reads after each kind of failure."""

from chisellm.eval.design import design_task
from chisellm.eval.feedback import render_feedback
from chisellm.eval.grade import GradedAnswer
from chisellm.hdl import Port, Vectors

CODE = "import chisel3._\n\nclass Top extends Module {\n  val io = IO(new Bundle { val y = Output(UInt(4.W)) })\n  io.y := nope\n}\n"
ANSWER = f"Sure.\n```scala\n{CODE}```\n"
VECTORS = Vectors(inputs=(Port("reset", 1), Port("io_a", 4)), outputs=(Port("io_y", 4),),
                  stimulus=((1, 0), (0, 7)), expected=((0,), (7,)))


def graded(verdict: str, **fields) -> GradedAnswer:
    return GradedAnswer("t", 0, verdict, passed=False, compiled=verdict != "compile_error",
                        elaborated=verdict == "sim_mismatch", top="Top", completion=ANSWER, **fields)


def test_compile_errors_name_line_column_and_show_the_source_line():
    diagnostics = [{"line": 5, "column": 11, "severity": "error", "message": "not found: value nope"},
                   {"line": 2, "column": 1, "severity": "warning", "message": "unused import"}]
    text = render_feedback(design_task("a thing", "Top"), graded("compile_error", diagnostics=diagnostics))
    assert "line 5, column 11: not found: value nope" in text
    assert "    5 |   io.y := nope" in text
    assert "unused import" not in text  # warnings are left out when there are errors
    assert "whole corrected module `Top`" in text


def test_mismatch_gives_cycle_port_expected_got_count_and_the_inputs():
    mismatch = {"cycle": 1, "port": "io_y", "expected": 7, "got": "3"}
    text = render_feedback(design_task("a thing", "Top", VECTORS), graded("sim_mismatch", mismatch=mismatch, mismatches=4))
    assert "cycle 1, port `io_y`: expected 7, got 3" in text
    assert "4 check(s) mismatched" in text
    assert "Inputs in cycle 1: reset=0, io_a=7." in text


def test_elaboration_extraction_and_limits_each_say_their_stage():
    task = design_task("a thing", "Top")
    assert "elaborating `Top` failed:\nExpression io.y is not initialized" in render_feedback(
        task, graded("elaboration_error", message="Expression io.y is not initialized"))
    assert "could not find the module" in render_feedback(task, graded("extraction_failed", message="no class Top"))
    assert "timed out" in render_feedback(task, graded("timeout", message="elaboration took over 20 s"))
    long = render_feedback(task, graded("elaboration_error", message="x" * 10_000))
    assert "x" * 1500 + " ..." in long and "x" * 1501 not in long  # huge stack traces are clipped
