"""The VCD parser and SVG renderer on a VCD Icarus wrote for a tiny counter (tests/fixtures/serve/counter_tb.v)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chisellm.serve.waveform import Marker, parse_vcd, render_svg
from chisellm.utils.errors import ChiselLLMError

VCD = (Path(__file__).resolve().parents[2] / "fixtures" / "serve" / "counter.vcd").read_text()


def test_parses_signals_changes_and_clock_edges():
    wave = parse_vcd(VCD)
    assert [(s.name, s.width) for s in wave.signals] == [("clock", 1), ("en", 1), ("reset", 1), ("wrap", 1), ("count", 4)]
    assert wave.timescale == "1ps" and wave.end_time == 202000
    count = wave.find("count")
    assert count.changes[:3] == [(0, "x"), (5000, "0"), (15000, "1")]
    assert count.value_at(74000) == "110"  # six enabled edges after reset, at 15, 25, ..., 65 ns
    assert count.value_at(90000) == "110"  # en low from 72 to 92 ns: holds
    edges = wave.rising_edges()
    assert edges[:3] == [5000, 15000, 25000] and len(edges) == 20
    assert wave.cycle_span(2) == (15000, 25000)
    assert wave.find("tb.dut.count") is None and wave.find("missing") is None


def test_svg_is_well_formed_and_marks_the_failing_cycle_and_port():
    svg = render_svg(parse_vcd(VCD), Marker(cycle=3, port="count", note="expected 3, got 2"))
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg")
    names = re.findall(r'class="signal-name"[^>]*>([^<]+)<', svg)
    assert names == ["clock", "en", "reset", "wrap", "count[3:0]"]
    mark = re.search(r'class="mismatch-cycle" data-cycle="3" x="([\d.]+)"', svg)
    assert mark and float(mark.group(1)) == pytest.approx(150 + 25000 * 860 / 202000, abs=0.1)
    assert 'class="mismatch-note"' in svg and "expected 3, got 2" in svg
    assert ">6<" in svg  # bus values are printed in decimal where they fit


def test_not_a_vcd_is_a_clear_error():
    with pytest.raises(ChiselLLMError, match="no `\\$enddefinitions`"):
        parse_vcd("hello")
