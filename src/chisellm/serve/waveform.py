"""Waveforms: a VCD parser and an SVG renderer of our own (no scripts, no CDN), with a failing cycle marked.

The parser reads what Icarus writes: `$timescale`, nested `$scope`s, `$var` declarations, `#time` stamps,
scalar (`1!`), vector (`b0101 %`) and real (`r1.5 %`) changes. Names lose the testbench scopes (`tb.dut.x` -> `x`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from chisellm.utils.errors import ChiselLLMError

MAX_VCD_CHARS = 20_000_000


@dataclass
class Signal:
    """One traced signal: its value changes as (time, value) with values as VCD strings (`0101`, `x`)."""

    name: str
    width: int
    changes: list[tuple[int, str]] = field(default_factory=list)

    def value_at(self, time: int) -> str:
        """The value the signal holds at `time` (`x` before its first change)."""
        value = "x"
        for when, new in self.changes:
            if when > time:
                break
            value = new
        return value


@dataclass
class Waveform:
    """A parsed VCD: signals in declaration order and the last timestamp."""

    timescale: str
    signals: list[Signal]
    end_time: int

    def find(self, name: str) -> Signal | None:
        """The signal called `name`, matched on its full name or its last component."""
        return next((s for s in self.signals if s.name == name or s.name.rsplit(".", 1)[-1] == name), None)

    def rising_edges(self) -> list[int]:
        """Times of the rising edges of the clock (a 1-bit signal named `clock` or `clk`), if there is one."""
        clock = next((s for s in self.signals if s.width == 1 and s.name.rsplit(".", 1)[-1] in ("clock", "clk")), None)
        if clock is None:
            return []
        edges, previous = [], "x"
        for when, value in clock.changes:
            if value == "1" and previous != "1":
                edges.append(when)
            previous = value
        return edges

    def cycle_span(self, cycle: int) -> tuple[int, int] | None:
        """The time span of `cycle` (from the previous rising edge to the cycle's own), when there is a clock."""
        edges = self.rising_edges()
        if not edges or cycle < 0:
            return None
        end = edges[min(cycle, len(edges) - 1)]
        start = edges[cycle - 1] if 0 < cycle <= len(edges) else 0
        return (start, end) if end > start else (start, self.end_time)


def parse_vcd(text: str) -> Waveform:
    """Parse VCD text.

    Raises:
        ChiselLLMError: for text that is not a VCD (no `$enddefinitions`, an undeclared id, a bad timestamp).
    """
    if len(text) > MAX_VCD_CHARS:
        raise ChiselLLMError(f"the VCD has {len(text)} characters, the limit is {MAX_VCD_CHARS}", hint="trace fewer cycles")
    header, marker, body = text.partition("$enddefinitions")
    if not marker:
        raise ChiselLLMError("not a VCD: no `$enddefinitions`", hint="pass the file Icarus wrote with $dumpvars")
    timescale, scopes, by_id, signals = "", [], {}, []
    tokens = header.split()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        end = tokens.index("$end", i) if "$end" in tokens[i:] else len(tokens)
        args = tokens[i + 1:end]
        if token == "$timescale":
            timescale = "".join(args)
        elif token == "$scope" and len(args) >= 2:
            scopes.append(args[1])
        elif token == "$upscope" and scopes:
            scopes.pop()
        elif token == "$var" and len(args) >= 4:
            width, ident, name = int(args[1]), args[2], args[3]
            signal = Signal(".".join([*scopes[2:], name]) if len(scopes) > 2 else name, width)
            if ident in by_id:  # the same net seen in two scopes: keep one trace
                i = end + 1
                continue
            by_id[ident] = signal
            signals.append(signal)
        i = end + 1 if token.startswith("$") else i + 1
    time, vector_value = 0, None
    for token in body.split()[1:]:
        if vector_value is not None:  # `b0101 %`: the id follows the value as its own token
            _change(by_id, token, time, vector_value)
            vector_value = None
        elif token[0] == "#":
            try:
                time = int(token[1:])
            except ValueError:
                raise ChiselLLMError(f"VCD: bad timestamp `{token}`", hint="is the file complete?") from None
        elif token[0] in "01xXzZ" and len(token) > 1:
            _change(by_id, token[1:], time, token[0].lower())
        elif token[0] in "bBrR":
            vector_value = token[1:].lower()
    return Waveform(timescale, signals, time)


def _change(by_id: dict[str, Signal], ident: str, time: int, value: str) -> None:
    signal = by_id.get(ident)
    if signal is None:
        return  # a change of a variable in a scope we did not keep
    if signal.changes and signal.changes[-1][0] == time:
        signal.changes[-1] = (time, value)
    elif not signal.changes or signal.changes[-1][1] != value:
        signal.changes.append((time, value))


def format_value(value: str, width: int) -> str:
    """A vector value for display: decimal when fully known, else the raw bits."""
    if width == 1 or any(c in value for c in "xz"):
        return value
    return str(int(value, 2))


@dataclass(frozen=True)
class Marker:
    """What to point at: the failing cycle, the port, and the expected vs got text."""

    cycle: int
    port: str = ""
    note: str = ""


LABEL_W, ROW_H, PLOT_W, TOP = 150, 26, 860, 24


def render_svg(wave: Waveform, marker: Marker | None = None, max_signals: int = 40) -> str:
    """The waveform as one SVG: a row per signal (1-bit as a line, buses as hexagons with decimal values),
    cycle numbers along the top, the marked cycle shaded and the marked port's row labelled with the note."""
    signals = wave.signals[:max_signals]
    end = max(wave.end_time, 1)
    scale = PLOT_W / end
    height = TOP + ROW_H * len(signals) + 30
    width = LABEL_W + PLOT_W + 20
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="waveform" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="monospace" font-size="11" role="img" aria-label="waveform">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>']
    for cycle, edge in enumerate(wave.rising_edges()):
        x = LABEL_W + edge * scale
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 6}" y2="{height - 24}" stroke="#eee"/>')
        if cycle % max(1, len(wave.rising_edges()) // 20) == 0:
            out.append(f'<text x="{x + 2:.1f}" y="{TOP - 8}" fill="#888">{cycle}</text>')
    span = wave.cycle_span(marker.cycle) if marker else None
    if marker and span:
        x0, x1 = LABEL_W + span[0] * scale, LABEL_W + span[1] * scale
        out.append(f'<rect class="mismatch-cycle" data-cycle="{marker.cycle}" x="{x0:.1f}" y="{TOP - 4}" '
                   f'width="{max(x1 - x0, 2):.1f}" height="{ROW_H * len(signals) + 4}" fill="#e15759" opacity="0.18"/>')
        out.append(f'<text x="{x0 + 2:.1f}" y="{height - 10}" fill="#c00">cycle {marker.cycle}</text>')
    for row, signal in enumerate(signals):
        y = TOP + row * ROW_H
        marked = bool(marker and marker.port and wave.find(marker.port) is signal)
        colour = "#c00" if marked else "#222"
        label = escape(signal.name + (f"[{signal.width - 1}:0]" if signal.width > 1 else ""))
        weight = ' font-weight="bold"' if marked else ""
        out.append(f'<text class="signal-name" x="4" y="{y + 16}" fill="{colour}"{weight}>{label}</text>')
        out.extend(_trace(signal, y, scale, end))
        if marked and marker.note:
            out.append(f'<text class="mismatch-note" x="{LABEL_W + (span[0] if span else 0) * scale + 4:.1f}" '
                       f'y="{y + ROW_H - 1}" fill="#c00" font-weight="bold">{escape(marker.note)}</text>')
    out.append("</svg>")
    return "".join(out)


def _trace(signal: Signal, y: int, scale: float, end: int) -> list[str]:
    high, low, mid = y + 4, y + 20, y + 12
    parts = []
    changes = signal.changes or [(0, "x")]
    for i, (start, value) in enumerate(changes):
        stop = changes[i + 1][0] if i + 1 < len(changes) else end
        x0, x1 = LABEL_W + start * scale, LABEL_W + stop * scale
        unknown = any(c in value for c in "xz")
        if signal.width == 1 and not unknown:
            level = high if value == "1" else low
            parts.append(f'<path d="M{x0:.1f},{low if value == "1" else high} L{x0:.1f},{level} L{x1:.1f},{level}" '
                         f'stroke="#2a7" fill="none"/>' if i else
                         f'<path d="M{x0:.1f},{level} L{x1:.1f},{level}" stroke="#2a7" fill="none"/>')
            continue
        slant = min(3.0, (x1 - x0) / 2)
        fill = "#fdd" if unknown else "#eef5ff"
        parts.append(f'<path d="M{x0:.1f},{mid} L{x0 + slant:.1f},{high} L{x1 - slant:.1f},{high} L{x1:.1f},{mid} '
                     f'L{x1 - slant:.1f},{low} L{x0 + slant:.1f},{low} Z" stroke="#47a" fill="{fill}"/>')
        text = format_value(value, signal.width)
        if x1 - x0 > 7 * len(text) + 6:
            parts.append(f'<text x="{x0 + slant + 2:.1f}" y="{mid + 4}" fill="#124">{escape(text)}</text>')
    return parts
