"""The documented mix: exact totals, caps respected, deficits moved to other levels."""

from __future__ import annotations

from chisellm.data.mix import allocate, design_demand, largest_remainder, water_fill


def test_largest_remainder_sums_exactly() -> None:
    shares = {"L1": 0.16, "L2": 0.24, "L3": 0.24, "L4": 0.16, "Util": 0.20}
    out = largest_remainder(10550, shares)
    assert sum(out.values()) == 10550
    assert out["L2"] == out["L3"] and abs(out["L1"] - 1688) <= 1


def test_water_fill_even_and_capped() -> None:
    assert water_fill(10, {"a": 100, "b": 100}) == {"a": 5, "b": 5}
    assert water_fill(10, {"a": 2, "b": 100}) == {"a": 2, "b": 8}
    assert sum(water_fill(10, {"a": 2, "b": 3}).values()) == 5  # caps run out


def test_allocate_moves_a_levels_deficit_to_other_levels() -> None:
    quota = {"L1": {"spec2chisel": 10}, "L2": {"spec2chisel": 10}}
    levels = {"small": "L1", "big": "L2"}
    caps = {"small": {"spec2chisel": 4}, "big": {"spec2chisel": 50}}
    plan = allocate(quota, levels, caps)
    assert plan == {"small": {"spec2chisel": 4}, "big": {"spec2chisel": 16}}


def test_design_demand() -> None:
    assert design_demand({"spec2chisel": 10, "repair": 3, "complete": 3, "verilog2chisel": 3}, 2.0) == 10
    assert design_demand({"spec2chisel": 4, "repair": 4, "complete": 4, "verilog2chisel": 4}, 2.0) == 8
