"""Pure-Python checks of the L1 (basic syntax) and L2 (combinational) design families: structure, port/vector
consistency, and golden models on hand-computed cases. The toolchain checks (styles pass, mutants fail) live in
the cross-family integration test."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from chisellm.data.families import FAMILIES, Family
from chisellm.data.families.base import verilog_ports

OURS = sorted(n for n, f in FAMILIES.items()
              if type(f).__module__.rsplit(".", 1)[-1].startswith(("l1_", "l2_")))
SEEDS = range(8)


def test_level_breadth() -> None:
    levels = [FAMILIES[n].level for n in OURS]
    assert levels.count("L1") >= 10
    assert levels.count("L2") >= 15
    assert all(not FAMILIES[n].clocked for n in OURS)


@pytest.mark.parametrize("name", OURS)
def test_family_structure(name: str) -> None:
    family = FAMILIES[name]
    for seed in SEEDS:
        d = family.design(random.Random(seed))
        params = d.params
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", d.module_name), d.module_name
        assert not re.search(r"_\d+$", d.module_name)
        assert d.io_style in ("bundle", "flat")
        phrasings = family.phrasings(params)
        assert len(set(phrasings)) >= 3
        styles = family.styles(params)
        mutants = family.mutants(params)
        assert styles and mutants
        for src in list(styles.values()) + mutants:
            assert f"class {d.module_name} extends Module" in src
            assert src.startswith("import chisel3._")
            assert ("chisel3.util._" in src) or not re.search(r"\b(Cat|Fill|Mux1H|MuxCase|MuxLookup|PopCount|"
                                                              r"PriorityEncoder|PriorityMux|Reverse|switch|"
                                                              r"UIntToOH|OHToUInt|Log2)\b", src), src
        assert not set(mutants) & set(styles.values()), "a mutant equals a reference style"


@pytest.mark.parametrize("name", OURS)
def test_vectors_match_ports(name: str) -> None:
    family = FAMILIES[name]
    for seed in SEEDS:
        d = family.design(random.Random(seed))
        v = d.vectors
        assert not v.clocked
        assert [p.name for p in v.inputs] == ["reset"] + [p.name for p in verilog_ports(d.ports, d.io_style, "input")]
        assert list(v.outputs) == verilog_ports(d.ports, d.io_style, "output")
        assert 1 <= v.cycles <= 4096
        reset_col = [row[0] for row in v.stimulus]
        assert set(reset_col) == {0}
        for ports, rows in ((v.inputs, v.stimulus), (v.outputs, v.expected)):
            for row in rows:
                for port, value in zip(ports, row):
                    assert value is not None
                    lo, hi = ((-(1 << (port.width - 1)), (1 << (port.width - 1)) - 1) if port.signed
                              else (0, (1 << port.width) - 1))
                    assert lo <= value <= hi, f"{port.name}={value} out of range for width {port.width}"


def expect(name: str, overrides: dict[str, Any], inputs: dict[str, int], outputs: dict[str, int]) -> None:
    """Golden vectors of `name` with `overrides` (flat io) hold `outputs` for the row with `inputs`."""
    family: Family = FAMILIES[name]
    params = {**family.sample_params(random.Random(0)), **overrides, "io_style": "flat"}
    vectors = family.golden(params, random.Random(0))
    names_in = [p.name for p in vectors.inputs]
    names_out = [p.name for p in vectors.outputs]
    for stim, exp in zip(vectors.stimulus, vectors.expected):
        row = dict(zip(names_in, stim))
        if all(row[k] == v for k, v in {"reset": 0, **inputs}.items()):
            got = dict(zip(names_out, exp))
            assert {k: got[k] for k in outputs} == outputs
            return
    raise AssertionError(f"no vector row with inputs {inputs}")


HAND_CASES = [
    ("port_wiring", {"width": 1, "variant": "swap"}, {"a": 1, "b": 0}, {"x": 0, "y": 1}),
    ("constants", {"width": 8, "value": 0xA5, "swidth": 4, "negative": 3, "flag": True}, {},
     {"magic": 0xA5, "offset": -3, "flag": 1}),
    ("width_convert", {"n": 4, "m": 8, "k": 2}, {"a": 0b1010}, {"zext": 10, "sext": -6, "low": 2}),
    ("bit_slice", {"width": 8, "lo": 2, "hi": 5, "bit": 1}, {"word": 0b10110100}, {"field": 13, "pick": 0, "msb": 1}),
    ("concat_fill", {"hw": 2, "lw": 3, "pw": 2, "times": 3}, {"hi": 0b10, "lo": 0b011, "pattern": 0b01},
     {"joined": 0b10011, "repeated": 0b010101}),
    ("bit_reverse", {"width": 8}, {"a": 0b00000011}, {"reversed": 0b11000000, "swapped": 0b00110000}),
    ("casts", {"width": 4}, {"u": 0b1001, "s": -1}, {"asSigned": -7, "asUnsigned": 15, "negative": 1, "lowFlag": 1}),
    ("signed_arith", {"width": 4}, {"a": -8, "b": -8}, {"sum": -16, "diff": 0, "neg": 8}),
    ("bitwise_logic", {"width": 4}, {"a": 0b1100, "b": 0b1010}, {"andOut": 8, "orOut": 14, "xorOut": 6, "notA": 3}),
    ("reduction_ops", {"width": 4}, {"data": 0b1111}, {"allOnes": 1, "anySet": 1, "parity": 0}),
    ("compare_ops", {"width": 3, "signed": True}, {"a": -1, "b": 1}, {"lt": 1, "gt": 0, "le": 1, "ne": 1}),
    ("wire_default", {"width": 4, "default": 3, "mask": 5}, {"enable": 1, "a": 15}, {"out": 5}),
    ("wire_default", {"width": 4, "default": 3, "mask": 5}, {"enable": 0, "a": 15}, {"out": 3}),
    ("mux2", {"width": 2}, {"sel": 1, "a": 1, "b": 2}, {"out": 2}),
    ("mux_n", {"n": 3, "width": 2}, {"sel": 3, "in_0": 1, "in_1": 2, "in_2": 3}, {"out": 0}),
    ("mux_n", {"n": 3, "width": 2}, {"sel": 2, "in_0": 1, "in_1": 2, "in_2": 3}, {"out": 3}),
    ("priority_mux", {"n": 3, "width": 2}, {"req": 0b110, "data_0": 1, "data_1": 2, "data_2": 3}, {"out": 2}),
    ("decoder", {"k": 3}, {"en": 1, "sel": 5}, {"out": 32}),
    ("decoder", {"k": 3}, {"en": 0, "sel": 5}, {"out": 0}),
    ("onehot_encoder", {"n": 8}, {"onehot": 0b1000}, {"index": 3}),
    ("priority_encoder", {"n": 8, "msb_first": False}, {"req": 0b01100}, {"index": 2, "valid": 1}),
    ("priority_encoder", {"n": 8, "msb_first": True}, {"req": 0b01100}, {"index": 3, "valid": 1}),
    ("priority_encoder", {"n": 8, "msb_first": True}, {"req": 0}, {"index": 0, "valid": 0}),
    ("min_max", {"width": 3, "signed": True}, {"a": -4, "b": 3}, {"max": 3, "min": -4}),
    ("adder_carry", {"width": 4}, {"a": 15, "b": 1, "cin": 1}, {"sum": 1, "cout": 1}),
    ("add_sub_overflow", {"width": 4}, {"a": 7, "b": 1, "sub": 0}, {"result": -8, "overflow": 1}),
    ("add_sub_overflow", {"width": 4}, {"a": -8, "b": 1, "sub": 1}, {"result": 7, "overflow": 1}),
    ("add_sub_overflow", {"width": 4}, {"a": 3, "b": -2, "sub": 1}, {"result": 5, "overflow": 0}),
    ("alu", {"width": 4, "ops": ["ADD", "SUB", "AND", "OR"]}, {"op": 1, "a": 2, "b": 3}, {"result": 15, "zero": 0}),
    ("alu", {"width": 4, "ops": ["ADD", "SUB", "AND", "OR"]}, {"op": 0, "a": 8, "b": 8}, {"result": 0, "zero": 1}),
    ("barrel_shifter", {"width": 8, "op": "sra"}, {"data": 0x80, "shamt": 3}, {"out": 0xF0}),
    ("barrel_shifter", {"width": 8, "op": "rotl"}, {"data": 0x81, "shamt": 1}, {"out": 0x03}),
    ("barrel_shifter", {"width": 8, "op": "rotr"}, {"data": 0x81, "shamt": 1}, {"out": 0xC0}),
    ("popcount", {"width": 8}, {"data": 0xFF}, {"count": 8}),
    ("parity_generator", {"width": 4, "odd": False}, {"data": 0b0111}, {"parity": 1, "coded": 0b10111}),
    ("parity_generator", {"width": 4, "odd": True}, {"data": 0b0111}, {"parity": 0, "coded": 0b00111}),
    ("gray_code", {"width": 4, "to_gray": True}, {"binary": 0b0110}, {"gray": 0b0101}),
    ("gray_code", {"width": 4, "to_gray": False}, {"gray": 0b0101}, {"binary": 6}),
    ("bcd_to_7seg", {"active_low": False, "hex": False}, {"digit": 2}, {"seg": 0x5B}),
    ("bcd_to_7seg", {"active_low": True, "hex": False}, {"digit": 2}, {"seg": 0x24}),
    ("bcd_to_7seg", {"active_low": True, "hex": False}, {"digit": 12}, {"seg": 0x7F}),
    ("bcd_to_7seg", {"active_low": False, "hex": True}, {"digit": 11}, {"seg": 0x7C}),
    ("bcd_digit_adder", {"names": ("a", "b", "cin", "sum", "cout")}, {"a": 9, "b": 9, "cin": 1}, {"sum": 9, "cout": 1}),
    ("bcd_digit_adder", {"names": ("a", "b", "cin", "sum", "cout")}, {"a": 5, "b": 5, "cin": 0}, {"sum": 0, "cout": 1}),
    ("abs_value", {"width": 4}, {"x": -8}, {"magnitude": 8, "negative": 1}),
    ("saturating_add", {"width": 4, "signed": False}, {"a": 9, "b": 9}, {"sum": 15}),
    ("saturating_add", {"width": 4, "signed": True}, {"a": -8, "b": -1}, {"sum": -8}),
    ("saturating_add", {"width": 4, "signed": True}, {"a": -3, "b": 2}, {"sum": -1}),
    ("leading_zero_count", {"width": 8}, {"data": 1}, {"count": 7}),
    ("leading_zero_count", {"width": 8}, {"data": 0}, {"count": 8}),
    ("multiplier", {"width": 3, "signed": True}, {"a": -4, "b": -4}, {"product": 16}),
    ("multiplier", {"width": 4, "signed": False}, {"a": 15, "b": 15}, {"product": 225}),
    ("unsigned_arith", {"width": 3}, {"a": 7, "b": 1}, {"wrapSum": 0, "fullSum": 8, "wrapDiff": 6}),
    ("unsigned_arith", {"width": 3}, {"a": 0, "b": 1}, {"wrapDiff": 7}),
    ("bool_logic", {"inputs": ("x", "y", "z")}, {"x": 1, "y": 1, "z": 0}, {"majority": 1, "odd": 0, "none": 0}),
    ("bool_logic", {"inputs": ("x", "y", "z")}, {"x": 0, "y": 0, "z": 0}, {"majority": 0, "odd": 0, "none": 1}),
    ("thermometer_code", {"k": 3}, {"level": 3}, {"therm": 0b0000111}),
    ("binary_to_bcd", {"width": 8}, {"value": 255}, {"hundreds": 2, "tens": 5, "ones": 5}),
    ("binary_to_bcd", {"width": 8}, {"value": 109}, {"hundreds": 1, "tens": 0, "ones": 9}),
    ("demux", {"n": 3, "width": 2}, {"sel": 1, "data": 3}, {"out_0": 0, "out_1": 3, "out_2": 0}),
    ("demux", {"n": 3, "width": 2}, {"sel": 3, "data": 3}, {"out_0": 0, "out_1": 0, "out_2": 0}),
    ("sign_magnitude", {"width": 4}, {"sm": 0b1011}, {"value": -3}),
    ("sign_magnitude", {"width": 4}, {"sm": 0b1000}, {"value": 0}),
]


@pytest.mark.parametrize(("name", "overrides", "inputs", "outputs"), HAND_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(HAND_CASES)])
def test_golden_hand_cases(name: str, overrides: dict[str, Any], inputs: dict[str, int],
                           outputs: dict[str, int]) -> None:
    expect(name, overrides, inputs, outputs)
