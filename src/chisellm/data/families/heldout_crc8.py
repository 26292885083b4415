"""Held out (L3): a bit-serial CRC-8 generator. Used only in the eval set."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors

POLYS = {0x07: "CRC-8 (ATM)", 0x31: "CRC-8/MAXIM", 0x1D: "CRC-8/SAE-J1850", 0x9B: "CRC-8/WCDMA"}


@register
class SerialCrc8(Family):
    """MSB-first serial CRC: on `en`, shift in `din`; `clear` reloads the initial value."""

    name = "heldout_crc8"
    level = "L3"
    features = ("RegInit", "Cat", "Mux", "when/elsewhen")
    clocked = True
    held_out = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["SerialCrc", "CrcShifter", "BitCrcUnit", "LinkCrc"]),
                "io_style": rng.choice(["bundle", "flat"]), "poly": rng.choice(sorted(POLYS)),
                "init": rng.choice([0x00, 0xFF])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("en", "input", 1, kind="Bool", doc="shift `din` in this cycle"),
                PortSpec("din", "input", 1, kind="Bool", doc="next message bit, MSB first"),
                PortSpec("clear", "input", 1, kind="Bool", doc="reload the initial value (wins over en)"),
                PortSpec("crc", "output", 8, doc="current CRC register")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        p, init = params["poly"], params["init"]
        return [
            f"A bit-serial CRC-8 with polynomial 0x{p:02X} ({POLYS[p]}), MSB first: in a cycle with `en`, "
            f"feedback = crc(7) xor din, crc becomes (crc << 1) xor (feedback ? 0x{p:02X} : 0) within 8 bits. "
            f"Reset and `clear` load 0x{init:02X}; `clear` has priority over `en`.",
            f"Compute a CRC-8 (generator 0x{p:02X}) one bit per enabled clock: shift the 8-bit register left, "
            f"xor in 0x{p:02X} when the bit shifted out xor the input `din` is 1. Initial value 0x{init:02X} after "
            f"reset or `clear`.",
            f"Serial CRC unit: 8-bit LFSR-style register `crc`, polynomial 0x{p:02X}, init 0x{init:02X}. "
            f"`clear` re-initializes it, otherwise `en` clocks in `din` (MSB-first CRC update).",
        ]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, p, init = params["io_style"], params["module_name"], params["poly"], params["init"]
        en, din, clear, crc = (ref(s, x) for x in ("en", "din", "clear", "crc"))
        decls = [("en", "Input(Bool())"), ("din", "Input(Bool())"), ("clear", "Input(Bool())"),
                 ("crc", "Output(UInt(8.W))")]
        bits = ", ".join(f"state({k - 1}) ^ feedback" if (p >> k) & 1 and k else
                         ("feedback" if (p >> k) & 1 else f"state({k - 1})" if k else "false.B")
                         for k in range(8))
        return {
            "shift_xor": source(name, s, decls,
                                f"  val state = RegInit(\"h{init:02x}\".U(8.W))\n"
                                f"  val feedback = state(7) ^ {din}\n"
                                f"  when({clear}) {{\n    state := \"h{init:02x}\".U\n  }}.elsewhen({en}) {{\n"
                                f"    state := Cat(state(6, 0), 0.U(1.W)) ^ Mux(feedback, \"h{p:02x}\".U(8.W), 0.U)\n  }}\n"
                                f"  {crc} := state\n"),
            "per_bit": source(name, s, decls,
                              f"  val state = RegInit({init}.U(8.W))\n"
                              f"  val feedback = state(7) ^ {din}\n"
                              f"  val next = VecInit(Seq({bits})).asUInt\n"
                              f"  when({clear}) {{\n    state := {init}.U\n  }}.elsewhen({en}) {{\n    state := next\n  }}\n"
                              f"  {crc} := state\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, p, init = params["io_style"], params["poly"], params["init"]
        ven, vdin, vclr, vcrc = (vname(s, x) for x in ("en", "din", "clear", "crc"))
        state = [init]

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            outs = {vcrc: state[0]}
            if ins["reset"] or ins[vclr]:
                state[0] = init
            elif ins[ven]:
                fb = (state[0] >> 7) ^ ins[vdin]
                state[0] = ((state[0] << 1) & 0xFF) ^ (p if fb else 0)
            return outs

        specs = self.ports(params)
        return seq_vectors(specs, s, model, reset_then_random(specs, s, rng, cycles=260,
                                                             bias={ven: 0.8, vclr: 0.03, vdin: 0.5}))

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, p = params["io_style"], params["poly"]
        din, clear = ref(s, "din"), ref(s, "clear")
        code = self.styles(params)["shift_xor"]
        return [swap(code, f"state(7) ^ {din}", f"state(0) ^ {din}"),
                swap(code, f"\"h{p:02x}\".U(8.W)", f"\"h{p ^ 0x02:02x}\".U(8.W)"),
                swap(code, f"when({clear}) {{", "when(false.B) {")]
