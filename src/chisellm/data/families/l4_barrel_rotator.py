"""L4: a logarithmic barrel rotator generator (foldLeft over log2 stages) with a registered output option."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = {"left": ("BarrelRotator", "RotateLeftUnit", "LogRotator"),
         "right": ("BarrelRotator", "RotateRightUnit", "LogRotator")}


def rotate(value: int, amount: int, width: int, left: bool) -> int:
    """Rotate `value` (width bits) by `amount` positions."""
    amount %= width
    if not left:
        amount = (width - amount) % width
    full = (1 << width) - 1
    return ((value << amount) | (value >> (width - amount))) & full


@register
class BarrelRotatorFamily(Family):
    name = "barrel_rotator"
    level = "L4"
    features = ("foldLeft", "log2Ceil", "Cat", "bit extraction", "power-of-two generator")
    clocked = True

    def stateful(self, params: dict[str, Any]) -> bool:
        return False  # a `Module` (the vectors drive reset) with combinational outputs

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        direction = rng.choice(["left", "right"])
        return {"module_name": pick_name(rng, NAMES[direction]), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8, 16, 32]), "direction": direction}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("din", "input", w, doc="value to rotate"),
                PortSpec("amount", "input", log2_ceil(w), doc="rotate distance"),
                PortSpec("dout", "output", w, doc="rotated value")]

    def top_args(self, params: dict[str, Any]) -> str:
        return str(params["width"])

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d = params["width"], params["direction"]
        note = generator_note(params["module_name"], "(width: Int)", self.top_args(params))
        moves = ("bits move toward the MSB and the bits shifted out at the top re-enter at bit 0" if d == "left" else
                 "bits move toward the LSB and the bits shifted out at bit 0 re-enter at the top")
        return [
            f"A combinational barrel rotator: `dout` = `din` rotated {d} by `amount` positions ({moves}). `width` "
            f"= {w} is a power of two and `amount` has log2Ceil(width) bits. Build it as log2(width) stages, "
            f"stage k rotating by 2^k when bit k of `amount` is set.{note}",
            f"Rotate-{d} unit generator: for a `width`-bit input (here {w}), output the input rotated {d} by the "
            f"unsigned shift amount `amount` (0 to {w - 1}). No bits are lost: {moves}. Purely combinational.{note}",
            f"Implement a parameterized logarithmic rotator (rotate {d}, width {w}). `dout` is combinational.{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"],
                      {"din": "UInt(width.W)", "amount": "UInt(log2Ceil(width).W)", "dout": "UInt(width.W)"})
        return module_source(params["module_name"], io, body, ctor="(width: Int)")

    def _fold(self, params: dict[str, Any], left: bool) -> str:
        p = io_ref(params["io_style"])
        rot = ("Cat(acc(width - 1 - s, 0), acc(width - 1, width - s))" if left
               else "Cat(acc(s - 1, 0), acc(width - 1, s))")
        return (f"  val stages = log2Ceil(width)\n"
                f"  {p}dout := (0 until stages).foldLeft({p}din) {{ (acc, k) =>\n"
                f"    val s = 1 << k\n"
                f"    Mux({p}amount(k), {rot}, acc)\n  }}\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        left = params["direction"] == "left"
        doubled = (f"  val doubled = Cat({p}din, {p}din)\n"
                   + (f"  {p}dout := (doubled << {p}amount)(2 * width - 1, width)\n" if left
                      else f"  {p}dout := (doubled >> {p}amount)(width - 1, 0)\n"))
        op = "rotateLeft" if left else "rotateRight"
        lookup = (f"  val rotations = VecInit((0 until width).map(i => {p}din.{op}(i)))\n"
                  f"  {p}dout := rotations({p}amount)\n")
        return {"log_stages_fold": self._source(params, self._fold(params, left)),
                "doubled_shift": self._source(params, doubled), "static_rotations_vec": self._source(params, lookup)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        p = io_ref(params["io_style"])
        left = params["direction"] == "left"
        shifted = f"  {p}dout := ({p}din {'<<' if left else '>>'} {p}amount)(width - 1, 0)\n"
        return [self._source(params, self._fold(params, not left)), self._source(params, shifted)]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, left = params["width"], params["direction"] == "left"

        def step(row: Row) -> Row:
            return {"dout": rotate(row["din"], row["amount"], w, left)}

        rows = random_rows(self.ports(params), rng, 200, mid_reset_prob=0.0)
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
