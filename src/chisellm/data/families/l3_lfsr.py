"""L3: a Fibonacci or Galois LFSR with given taps, a non-zero seed and an enable."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

# Maximal-length tap sets (1-based bit positions, as in the usual tables).
TAPS = {4: (4, 3), 5: (5, 3), 6: (6, 5), 7: (7, 6), 8: (8, 6, 5, 4), 9: (9, 5), 10: (10, 7),
        12: (12, 11, 10, 4), 16: (16, 15, 13, 4)}
NAMES = ("Lfsr", "PseudoRandomGenerator", "LinearFeedbackShiftRegister", "PrbsGenerator")


def fibonacci_next(state: int, width: int, taps: tuple[int, ...]) -> int:
    """Shift left; the XOR of the tapped bits (1-based) enters at bit 0."""
    feedback = 0
    for t in taps:
        feedback ^= (state >> (t - 1)) & 1
    return ((state << 1) & ((1 << width) - 1)) | feedback


def galois_next(state: int, taps: tuple[int, ...]) -> int:
    """Shift right; if the bit shifted out was 1, XOR the tap mask into the result."""
    toggle = sum(1 << (t - 1) for t in taps)
    return (state >> 1) ^ (toggle if state & 1 else 0)


@register
class LfsrFamily(Family):
    name = "lfsr"
    level = "L3"
    features = ("RegInit", "Cat", "xor reduce", "Seq map")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        width = rng.choice(sorted(TAPS))
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": width, "kind": rng.choice(["fibonacci", "galois"]),
                "seed": rng.randrange(1, 1 << width)}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("en", "input", 1, kind="Bool", doc="advance one step"),
                PortSpec("state", "output", params["width"], doc="LFSR contents")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, seed, taps = params["width"], params["seed"], TAPS[params["width"]]
        bits = ", ".join(str(t - 1) for t in taps)
        if params["kind"] == "fibonacci":
            rule = (f"Fibonacci form: the new value is the old one shifted left by one, with bit 0 set to the XOR "
                    f"of bits {bits} of the old value (the MSB is dropped)")
        else:
            mask = sum(1 << (t - 1) for t in taps)
            rule = (f"Galois form: the new value is the old one shifted right by one (0 enters at the MSB) and, if "
                    f"the bit shifted out (old bit 0) was 1, XORed with the tap mask 0x{mask:X}")
        return [
            f"A {w}-bit linear-feedback shift register that resets synchronously to {seed} (0x{seed:X}). On each "
            f"rising edge with `en` = 1 it steps once; with `en` = 0 it holds. Step rule, {rule}. `state` is the "
            f"register.",
            f"Build a pseudo-random generator: register `state` ({w} bits, reset to {seed}). {rule}. It only "
            f"advances in cycles where `en` is high.",
            f"Implement an LFSR with taps at bit positions {bits} (0 = LSB), {params['kind']} structure. {rule}. "
            f"Seed (reset value) {seed}; stepping is gated by `en`; the output is the registered state.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _fib(self, params: dict[str, Any], taps: tuple[int, ...], seed: int) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        fb = " ^ ".join(f"lfsr({t - 1})" for t in taps)
        return (f"  val lfsr = RegInit({seed}.U({w}.W))\n  val feedback = {fb}\n"
                f"  when({p}en) {{\n    lfsr := Cat(lfsr({w - 2}, 0), feedback)\n  }}\n  {p}state := lfsr\n")

    def _galois(self, params: dict[str, Any], taps: tuple[int, ...], seed: int) -> str:
        p, w = io_ref(params["io_style"]), params["width"]
        mask = sum(1 << (t - 1) for t in taps)
        return (f"  val lfsr = RegInit({seed}.U({w}.W))\n"
                f"  when({p}en) {{\n    lfsr := (lfsr >> 1) ^ Mux(lfsr(0), {mask}.U({w}.W), 0.U)\n  }}\n"
                f"  {p}state := lfsr\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, w, seed, taps = io_ref(params["io_style"]), params["width"], params["seed"], TAPS[params["width"]]
        if params["kind"] == "fibonacci":
            taps_seq = ", ".join(str(t - 1) for t in taps)
            alt = (f"  val lfsr = RegInit({seed}.U({w}.W))\n"
                   f"  val tapBits = Seq({taps_seq})\n"
                   f"  val feedback = tapBits.map(i => lfsr(i)).reduce(_ ^ _)\n"
                   f"  lfsr := Mux({p}en, Cat(lfsr({w - 2}, 0), feedback), lfsr)\n  {p}state := lfsr\n")
            return {"cat_xor": self._source(params, self._fib(params, taps, seed)), "seq_reduce": self._source(params, alt)}
        tapped = {t - 1 for t in taps}
        terms = []
        for i in range(w):  # bit i of the next state, written bit by bit (the top bit is always tapped)
            if i + 1 == w:
                terms.append("bits(0)")
            else:
                terms.append(f"bits({i + 1}) ^ bits(0)" if i in tapped else f"bits({i + 1})")
        lines = ", ".join(terms)
        alt = (f"  val lfsr = RegInit({seed}.U({w}.W))\n  val bits = lfsr.asBools\n"
               f"  val next = VecInit(Seq({lines}))\n"
               f"  when({p}en) {{\n    lfsr := next.asUInt\n  }}\n  {p}state := lfsr\n")
        return {"shift_xor_mask": self._source(params, self._galois(params, taps, seed)),
                "per_bit_vec": self._source(params, alt)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        seed, taps = params["seed"], TAPS[params["width"]]
        fewer = taps[:-1]
        other_seed = seed ^ 1 if seed ^ 1 else 2
        build = self._fib if params["kind"] == "fibonacci" else self._galois
        return [self._source(params, build(params, fewer, seed)), self._source(params, build(params, taps, other_seed))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        w, taps = params["width"], TAPS[params["width"]]
        state: dict[str, int | None] = {"lfsr": None}

        def step(row: Row) -> Row:
            out = {"state": state["lfsr"]}
            cur = state["lfsr"]
            if row["reset"]:
                state["lfsr"] = params["seed"]
            elif row["en"] and cur is not None:
                state["lfsr"] = fibonacci_next(cur, w, taps) if params["kind"] == "fibonacci" else galois_next(cur, taps)
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"en": 0.8})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
