"""Normalization, syntax breakers, skeletons and instructions: the text pieces of the pipeline."""

from __future__ import annotations

import random
import re

import pytest

from chisellm.data import prompts
from chisellm.data.breakage import BREAKERS, broken_variants
from chisellm.data.families import FAMILIES
from chisellm.data.normalize import code_key, normalized
from chisellm.data.pool import materialize, draw_drafts
from chisellm.data.skeleton import TODO, skeleton

SOURCE = """import chisel3._
import chisel3.util._

class Blinky extends Module {
  val io = IO(new Bundle {
    val en  = Input(Bool())
    val out = Output(UInt(4.W))
  })
  // a counter
  val count = RegInit(0.U(4.W))
  when(io.en) {
    count := count + 1.U
  }.otherwise {
    count := count
  }
  io.out := Cat(count(3, 0))
}
"""


def test_near_duplicates_share_a_key() -> None:
    renamed = SOURCE.replace("Blinky", "Flasher").replace("  // a counter\n", "").replace("  ", "    ")
    assert code_key(SOURCE, "Blinky") == code_key(renamed, "Flasher")
    assert code_key(SOURCE, "Blinky") != code_key(SOURCE.replace("4.W", "5.W"), "Blinky")
    assert "<TOP>" in normalized(SOURCE, "Blinky") and "counter" not in normalized(SOURCE, "Blinky")


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_breakers_change_the_source(name: str) -> None:
    broken = BREAKERS[name](SOURCE)
    if name in ("reginit_as_reg", "width_without_w", "equals_for_connect", "literal_without_u", "misspelt_port",
                "missing_closing_brace", "io_without_wrapper", "missing_util_import"):
        assert broken is not None and broken != SOURCE
    assert len(broken_variants(SOURCE)) == len(BREAKERS)


def test_skeleton_keeps_ports_and_drops_logic() -> None:
    skel = skeleton(SOURCE, "Blinky")
    assert skel is not None and TODO in skel
    assert "val io = IO(new Bundle" in skel and "val out = Output(UInt(4.W))" in skel
    assert "RegInit" not in skel and "io.out :=" not in skel
    partial = skeleton(SOURCE, "Blinky", keep_logic=1)
    assert partial is not None and "RegInit" in partial and "io.out :=" not in partial
    assert skeleton(SOURCE, "Missing") is None


@pytest.mark.parametrize("family_name", sorted(FAMILIES))
def test_instruction_names_module_and_every_port(family_name: str) -> None:
    family = FAMILIES[family_name]
    drafts = draw_drafts(family, 0, "test", 2, 20)
    assert drafts, "the family yields no design"
    for draft in drafts:
        design = materialize(family, draft, 0)
        rng = random.Random(0)
        for text in (prompts.spec_instruction(design, rng), prompts.complete_instruction(design, rng),
                     prompts.verilog_instruction(design, rng), prompts.repair_instruction(design, rng)):
            assert f"`{design.module_name}`" in text
            assert "fields of one bundle" in text if design.io_style == "bundle" else "top-level `IO(...)`" in text
            for port in design.ports:
                line = next(l for l in text.splitlines() if l.startswith(f"- {port.direction} `{port.name}`"))
                assert (f"{port.width}-bit" in line) or port.kind == "Bool"
                assert ("signed" in line) or port.kind == "Bool"
            if design.top_args:
                assert f"new {design.module_name}({design.top_args})" in text
        assert not re.search(r"class\s+\w+_\d+", design.code)
