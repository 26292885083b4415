"""L3: a one-hot ring counter or a Johnson (twisted-ring) counter with enable."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = {"ring": ("RingCounter", "OneHotRing", "RotatingToken"),
         "johnson": ("JohnsonCounter", "TwistedRingCounter", "MoebiusCounter")}


def ring_next(state: int, width: int, kind: str) -> int:
    """Shift left by one; bit 0 gets the old MSB (ring) or its inverse (Johnson)."""
    msb = (state >> (width - 1)) & 1
    fill = msb if kind == "ring" else 1 - msb
    return ((state << 1) & ((1 << width) - 1)) | fill


@register
class RingCounterFamily(Family):
    name = "ring_counter"
    level = "L3"
    features = ("RegInit", "Cat", "Vec", "asUInt", "rotate")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        kind = rng.choice(["ring", "johnson"])
        return {"module_name": pick_name(rng, NAMES[kind]), "io_style": rng.choice(["bundle", "flat"]),
                "kind": kind, "width": rng.choice([3, 4, 5, 6, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("en", "input", 1, kind="Bool", doc="advance one step"),
                PortSpec("state", "output", params["width"], doc="counter register")]

    def _init(self, params: dict[str, Any]) -> int:
        return 1 if params["kind"] == "ring" else 0

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w = params["width"]
        if params["kind"] == "ring":
            what = (f"a {w}-bit one-hot ring counter: it resets synchronously to 1 (only bit 0 set) and on each "
                    f"enabled edge rotates left by one, the old MSB wrapping around into bit 0, so the single 1 "
                    f"visits bits 0, 1, ..., {w - 1}, 0, ...")
        else:
            what = (f"a {w}-bit Johnson (twisted-ring) counter: it resets synchronously to 0 and on each enabled "
                    f"edge shifts left by one with the inverse of the old MSB entering bit 0, giving a cycle of "
                    f"{2 * w} states (0, 1, 3, 7, ...)")
        return [
            f"Implement {what}. It advances only on rising edges where `en` is 1. `state` is the register.",
            f"Design {what}. With `en` = 0 it holds; the output `state` shows the register directly.",
            f"Build {what}; stepping is gated by the enable input `en`, and `state` is registered (no "
            f"combinational path from `en`).",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _cat(self, params: dict[str, Any], kind: str, init: int, left: bool = True) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        if left:
            feed = f"reg({w - 1})" if kind == "ring" else f"!reg({w - 1})"
            nxt = f"Cat(reg({w - 2}, 0), {feed})"
        else:
            feed = "reg(0)" if kind == "ring" else "!reg(0)"
            nxt = f"Cat({feed}, reg({w - 1}, 1))"
        return (f"  val reg = RegInit({init}.U({w}.W))\n"
                f"  when({p}en) {{\n    reg := {nxt}\n  }}\n  {p}state := reg\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w, kind = io_ref(params["io_style"]), params["width"], params["kind"]
        init = self._init(params)
        cells = f"Seq(true.B) ++ Seq.fill({w - 1})(false.B)" if kind == "ring" else f"Seq.fill({w})(false.B)"
        feed = f"bits({w - 1})" if kind == "ring" else f"!bits({w - 1})"
        vec = (f"  val bits = RegInit(VecInit({cells}))\n"
               f"  when({p}en) {{\n    bits(0) := {feed}\n"
               f"    for (i <- 1 until {w}) {{\n      bits(i) := bits(i - 1)\n    }}\n  }}\n"
               f"  {p}state := bits.asUInt\n")
        styles = {"cat_shift": self._source(params, self._cat(params, kind, init)), "bool_vec": self._source(params, vec)}
        if kind == "ring":
            styles["rotate_left"] = self._source(params, f"  val reg = RegInit(1.U({w}.W))\n"
                                                         f"  when({p}en) {{\n    reg := reg.rotateLeft(1)\n  }}\n"
                                                         f"  {p}state := reg\n")
        return styles

    def mutants(self, params: dict[str, Any]) -> list[str]:
        kind, init = params["kind"], self._init(params)
        other = "johnson" if kind == "ring" else "ring"
        return [self._source(params, self._cat(params, kind, init, left=False)),
                self._source(params, self._cat(params, other, init))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, kind = params["width"], params["kind"]
        state: dict[str, int | None] = {"reg": None}

        def step(row: Row) -> Row:
            out = {"state": state["reg"]}
            if row["reset"]:
                state["reg"] = self._init(params)
            elif row["en"] and state["reg"] is not None:
                state["reg"] = ring_next(state["reg"], w, kind)
            return out

        rows = random_rows(self.ports(params), rng, 220, bias={"en": 0.8})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
