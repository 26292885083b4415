"""L4: a CRC generator processing `dataWidth` bits per cycle (MSB first), unrolled with foldLeft."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Fact, Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

# (name, crc width, polynomial without the top bit, init)
CRCS = (("CRC-8", 8, 0x07, 0x00), ("CRC-8 (init FF)", 8, 0x07, 0xFF), ("CRC-5-USB", 5, 0x05, 0x1F),
        ("CRC-16-CCITT", 16, 0x1021, 0xFFFF), ("CRC-4-ITU", 4, 0x3, 0x0), ("CRC-7", 7, 0x09, 0x00))
PRIORITY_FACT = "`start` wins over `valid`"
NAMES = ("CrcGenerator", "CrcEngine", "CrcCalculator", "ParallelCrc")


def crc_update(crc: int, data: int, data_width: int, crc_width: int, poly: int, msb_first: bool = True) -> int:
    """Feed `data_width` bits of `data` (MSB first) through a shift-left CRC register."""
    top = 1 << (crc_width - 1)
    order = range(data_width - 1, -1, -1) if msb_first else range(data_width)
    for i in order:
        feedback = bool(crc & top) ^ bool((data >> i) & 1)
        crc = (crc << 1) & ((1 << crc_width) - 1)
        if feedback:
            crc ^= poly
    return crc


@register
class CrcFamily(Family):
    name = "crc"
    level = "L4"
    features = ("foldLeft", "Seq.fill", "Fill", "Int parameters", "bit-serial unrolling", "default parameters")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        label, cw, poly, init = rng.choice(CRCS)
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "label": label, "crc_width": cw, "poly": poly, "init": init, "data_width": rng.choice([1, 4, 8]),
                "defaults": rng.random() < 0.3}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        dw = params["data_width"]
        data = PortSpec("data", "input", dw, doc="data bits, MSB first")
        return [PortSpec("start", "input", 1, kind="Bool", doc="restart from the initial value"),
                PortSpec("valid", "input", 1, kind="Bool", doc="`data` is valid this cycle"), data,
                PortSpec("crc", "output", params["crc_width"], doc="current CRC register")]

    def _signature(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return (f"(dataWidth: Int = {params['data_width']}, crcWidth: Int = {params['crc_width']}, "
                    f"poly: Int = 0x{params['poly']:X}, init: Int = 0x{params['init']:X})")
        return "(dataWidth: Int, crcWidth: Int, poly: Int, init: Int)"

    def top_args(self, params: dict[str, Any]) -> str:
        if params["defaults"]:
            return ""
        return f"{params['data_width']}, {params['crc_width']}, 0x{params['poly']:X}, 0x{params['init']:X}"

    def facts(self, params: dict[str, Any]) -> tuple[Fact, ...]:
        return (Fact("reset", f"reset and `start` set the register to 0x{params['init']:X}"),
                Fact("priority", PRIORITY_FACT))

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        dw, cw, poly, init = params["data_width"], params["crc_width"], params["poly"], params["init"]
        note = generator_note(params["module_name"], self._signature(params), self.top_args(params))
        reset = f"reset and `start` set the register to 0x{init:X}"
        rule = (f"For each data bit b, taken from the MSB of `data` down to bit 0: feedback = crc[{cw - 1}] XOR b; "
                f"crc = (crc << 1) truncated to {cw} bits; if feedback is 1, crc ^= 0x{poly:X}.")
        return [
            f"A {params['label']} style CRC generator: {cw}-bit register, polynomial 0x{poly:X} (the x^{cw} term "
            f"implied), initial value 0x{init:X}, processing {dw} data bit(s) per cycle. On a rising edge: if `start` "
            f"is 1 the register is set to 0x{init:X}; else if `valid` is 1 it absorbs `data` (`UInt({dw}.W)`), so "
            f"{PRIORITY_FACT}. {rule} The synchronous {reset}. `crc` is the register.{note}",
            f"Compute a CRC over a stream arriving {dw} bit(s) per clock on `data` while `valid` is high. The CRC "
            f"register has width {cw}; {reset}, and {PRIORITY_FACT}. It is updated with the bits unrolled MSB "
            f"first in one cycle. {rule}{note}",
            f"Parameterized parallel CRC: crcWidth = {cw}, poly = 0x{poly:X}, init = 0x{init:X}, dataWidth = {dw}. "
            f"`start` reloads the initial value, `valid` folds the data word into the register, and "
            f"{PRIORITY_FACT}; {reset}. {rule}{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"], {"data": "UInt(dataWidth.W)", "crc": "UInt(crcWidth.W)"})
        return module_source(params["module_name"], io, body, ctor=self._signature(params))

    def _bits(self, params: dict[str, Any], msb_first: bool = True) -> str:
        p = io_ref(params["io_style"])
        order = "(dataWidth - 1 to 0 by -1)" if msb_first else "(0 until dataWidth)"
        return f"{order}.map(i => {p}data(i))"

    def _fold(self, params: dict[str, Any], msb_first: bool = True, init: str = "init") -> str:
        p = io_ref(params["io_style"])
        return (f"  val crcReg = RegInit({init}.U(crcWidth.W))\n"
                f"  val next = {self._bits(params, msb_first)}.foldLeft(crcReg) {{ (c, bit) =>\n"
                f"    val shifted = (c << 1)(crcWidth - 1, 0)\n"
                f"    Mux(c(crcWidth - 1) ^ bit, shifted ^ poly.U(crcWidth.W), shifted)\n  }}\n"
                f"  when({p}start) {{\n    crcReg := {init}.U\n  }}.elsewhen({p}valid) {{\n    crcReg := next\n  }}\n"
                f"  {p}crc := crcReg\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        data_bit = f"{p}data(dataWidth - 1 - i)"
        steps = (f"  val crcReg = RegInit(init.U(crcWidth.W))\n"
                 f"  val polyBits = poly.U(crcWidth.W)\n"
                 f"  val states = Seq.fill(dataWidth + 1)(Wire(UInt(crcWidth.W)))\n"
                 f"  states(0) := crcReg\n"
                 f"  for (i <- 0 until dataWidth) {{\n"
                 f"    val feedback = states(i)(crcWidth - 1) ^ {data_bit}\n"
                 f"    states(i + 1) := Cat(states(i)(crcWidth - 2, 0), 0.U(1.W)) ^ (Fill(crcWidth, feedback) & polyBits)\n"
                 f"  }}\n"
                 f"  crcReg := Mux({p}start, init.U, Mux({p}valid, states(dataWidth), crcReg))\n"
                 f"  {p}crc := crcReg\n")
        return {"fold_left": self._source(params, self._fold(params)), "unrolled_wires": self._source(params, steps)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        wrong_init = f"0x{params['init'] ^ 1:X}"
        mutants = [self._source(params, self._fold(params, init=wrong_init))]
        if params["data_width"] > 1:
            mutants.append(self._source(params, self._fold(params, msb_first=False)))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        state: dict[str, int | None] = {"crc": None}

        def step(row: Row) -> Row:
            out = {"crc": state["crc"]}
            if row["reset"] or row["start"]:
                state["crc"] = params["init"]
            elif row["valid"] and state["crc"] is not None:
                state["crc"] = crc_update(state["crc"], row["data"], params["data_width"], params["crc_width"],
                                          params["poly"])
            return out

        rows = random_rows(self.ports(params), rng, 240, bias={"start": 0.04, "valid": 0.8})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
