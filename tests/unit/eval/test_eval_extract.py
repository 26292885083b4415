"""Code extraction from model answers: fences, bare code, prose, several classes, the named top, failures."""

from chisellm.eval.extract import extract_chisel, module_classes

ADDER = """import chisel3._

class Adder extends Module {
  val io = IO(new Bundle {
    val a = Input(UInt(4.W))
    val sum = Output(UInt(4.W))
  })
  io.sum := io.a + 1.U
}"""

HELPER = """class Half extends Module {
  val io = IO(new Bundle { val x = Input(Bool()); val y = Output(Bool()) })
  io.y := !io.x
}"""


def test_fenced_block_with_prose_around():
    answer = f"Sure! Here is the design:\n\n```scala\n{ADDER}\n```\n\nIt adds one. Let me know."
    got = extract_chisel(answer, "Adder")
    assert got.ok and got.top == "Adder"
    assert got.code.strip() == ADDER.strip()
    assert "Sure" not in got.code and "Let me know" not in got.code


def test_bare_code_without_fences():
    got = extract_chisel(ADDER, "Adder")
    assert got.ok and got.code.strip() == ADDER.strip()


def test_bare_code_with_prose_before_and_after():
    answer = f"The module below adds one to its input.\n\n{ADDER}\n\nThis uses a single adder."
    got = extract_chisel(answer, "Adder")
    assert got.ok
    assert got.code.startswith("import chisel3._")
    assert got.code.rstrip().endswith("}")
    assert "single adder" not in got.code


def test_multiline_class_header_in_bare_code():
    code = "import chisel3._\n\nclass Wide(\n  w: Int\n) extends Module {\n  val io = IO(new Bundle { val o = Output(UInt(w.W)) })\n  io.o := 0.U\n}"
    got = extract_chisel("Here:\n" + code + "\nDone.", "Wide")
    assert got.ok and got.code.strip() == code


def test_picks_the_block_that_defines_the_named_class_and_keeps_helpers():
    answer = (f"First a helper:\n```scala\nimport chisel3._\n{HELPER}\n```\nThen the top:\n```scala\n{ADDER}\n```\n"
              "And a usage example:\n```bash\nsbt run\n```")
    got = extract_chisel(answer, "Adder")
    assert got.ok and got.top == "Adder"
    assert "class Adder" in got.code and "class Half" in got.code
    assert got.code.count("import chisel3._") == 1  # the helper block's import is dropped
    assert "sbt run" not in got.code


def test_later_block_redefining_the_top_wins_over_the_draft():
    draft = ADDER.replace("1.U", "2.U")
    answer = f"```scala\n{draft}\n```\nOops, fixed:\n```scala\n{ADDER}\n```"
    got = extract_chisel(answer, "Adder")
    assert got.ok and "1.U" in got.code and "2.U" not in got.code
    assert got.code.count("class Adder") == 1


def test_several_classes_in_one_block_select_the_named_one():
    code = f"import chisel3._\n\n{HELPER}\n\nclass Top extends Module {{\n  val h = Module(new Half)\n  h.io.x := true.B\n}}"
    got = extract_chisel(f"```\n{code}\n```", "Top")
    assert got.ok and got.top == "Top" and "class Half" in got.code
    assert module_classes(got.code) == ["Half", "Top"]


def test_unterminated_fence_from_a_cut_off_answer():
    got = extract_chisel(f"```scala\n{ADDER}\n", "Adder")
    assert got.ok and "class Adder" in got.code


def test_missing_named_class_is_an_extraction_failure():
    got = extract_chisel(f"```scala\n{ADDER.replace('Adder', 'Incrementer')}\n```", "Adder")
    assert not got.ok
    assert "no class `Adder`" in got.error and "Incrementer" in got.error


def test_other_top_allowed_when_asked():
    got = extract_chisel(f"```scala\n{ADDER.replace('Adder', 'Incrementer')}\n```", "TopModule", allow_other_top=True)
    assert got.ok and got.top == "Incrementer"


def test_only_verilog_is_an_extraction_failure():
    got = extract_chisel("```verilog\nmodule Adder(input a); endmodule\n```", "Adder")
    assert not got.ok and "non-Scala" in got.error


def test_prose_only_is_an_extraction_failure():
    got = extract_chisel("I cannot help with that request, sorry.", "Adder")
    assert not got.ok and "no Scala code" in got.error


def test_empty_answer_is_an_extraction_failure():
    assert not extract_chisel("", "Adder").ok


def test_tilde_fences_and_chisel_language_tag():
    got = extract_chisel(f"~~~chisel\n{ADDER}\n~~~", "Adder")
    assert got.ok and got.code.strip() == ADDER.strip()


def test_test_bench_blocks_are_left_out():
    tester = ("```scala\nimport chiseltest._\nimport org.scalatest.flatspec.AnyFlatSpec\n"
              "class AdderSpec extends AnyFlatSpec with ChiselScalatestTester {\n  it should \"add\" in {}\n}\n```")
    got = extract_chisel(f"```scala\n{ADDER}\n```\nAnd a test:\n{tester}", "Adder")
    assert got.ok and "AdderSpec" not in got.code and "class Adder" in got.code
