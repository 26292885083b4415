"""L3: a UART transmitter (start bit, data LSB first, stop bit) with a clocks-per-bit divider."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("UartTx", "UartTransmitter", "SerialTransmitter", "AsyncSerialTx")


@register
class UartTxFamily(Family):
    name = "uart_tx"
    level = "L3"
    features = ("ChiselEnum", "switch", "Moore FSM", "shift register", "Cat", "RegInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "bits": rng.choice([5, 7, 8]), "cpb": rng.choice([1, 2, 3, 4])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("send", "input", 1, kind="Bool", doc="start a frame (ignored while busy)"),
                PortSpec("data", "input", params["bits"], doc="word to send"),
                PortSpec("tx", "output", 1, kind="Bool", doc="serial line, idle high"),
                PortSpec("busy", "output", 1, kind="Bool", doc="a frame is in progress")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        b, c = params["bits"], params["cpb"]
        frame = (f"a start bit (0), the {b} data bits least significant first, and a stop bit (1), each held on "
                 f"`tx` for {c} clock cycle{'s' if c > 1 else ''}")
        return [
            f"A UART transmitter. While idle, `tx` is 1 and `busy` is 0. If `send` is 1 at a rising edge while idle, "
            f"the transmitter captures `data` and, starting in the next cycle, sends {frame}; `busy` is 1 for the "
            f"whole frame ({(b + 2) * c} cycles) and `send` is ignored while busy. After the stop bit it returns to "
            f"idle. Synchronous reset makes it idle. `tx` and `busy` depend only on registered state.",
            f"Serial transmitter with {c} clock(s) per bit and {b}-bit words: a frame is {frame}. A frame starts "
            f"the cycle after an edge where `send` is high and the transmitter is not `busy` (the word on `data` "
            f"is latched at that edge). Idle line level is 1.",
            f"Implement an asynchronous-serial (8N1-style, here {b} data bits) transmit FSM: idle -> start bit -> "
            f"{b} data bits (LSB first) -> stop bit -> idle, every bit lasting {c} cycle(s). `busy` is high from "
            f"the first start-bit cycle to the last stop-bit cycle. Reset returns to idle with `tx` = 1.",
        ]

    def _source(self, params: dict[str, Any], body: str, preamble: str = "") -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body,
                             preamble=preamble)

    def _frame_body(self, params: dict[str, Any], msb_first: bool = False, with_stop: bool = True,
                    cpb: int | None = None) -> str:
        p, b = io_ref(params["io_style"]), params["bits"]
        c = cpb or params["cpb"]
        payload = f"Reverse({p}data)" if msb_first else f"{p}data"
        slots = b + 2 if with_stop else b + 1
        return (f"  val frame = RegInit(((1 << {b + 2}) - 1).U({b + 2}.W))\n"
                f"  val bitsLeft = RegInit(0.U({width_of(b + 3)}.W))\n"
                f"  val baud = RegInit(0.U({width_of(c + 1)}.W))\n"
                f"  val sending = bitsLeft =/= 0.U\n"
                f"  when(!sending) {{\n    when({p}send) {{\n"
                f"      frame := Cat(1.U(1.W), {payload}, 0.U(1.W))\n      bitsLeft := {slots}.U\n      baud := 0.U\n"
                f"    }}\n  }}.elsewhen(baud === {c - 1}.U) {{\n"
                f"    baud := 0.U\n    frame := Cat(1.U(1.W), frame({b + 1}, 1))\n    bitsLeft := bitsLeft - 1.U\n"
                f"  }}.otherwise {{\n    baud := baud + 1.U\n  }}\n"
                f"  {p}tx := Mux(sending, frame(0), true.B)\n  {p}busy := sending\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, b, c = io_ref(params["io_style"]), params["bits"], params["cpb"]
        enum = f"{params['module_name']}State"
        preamble = f"object {enum} extends ChiselEnum {{\n  val sIdle, sStart, sData, sStop = Value\n}}\n"
        fsm = (f"  val state = RegInit({enum}.sIdle)\n"
               f"  val baud = RegInit(0.U({width_of(c + 1)}.W))\n"
               f"  val bitIndex = RegInit(0.U({width_of(b)}.W))\n"
               f"  val shifter = RegInit(0.U({b}.W))\n"
               f"  val bitDone = baud === {c - 1}.U\n"
               f"  when(state =/= {enum}.sIdle) {{\n    baud := Mux(bitDone, 0.U, baud + 1.U)\n  }}\n"
               f"  switch(state) {{\n"
               f"    is({enum}.sIdle) {{\n      when({p}send) {{\n        shifter := {p}data\n        baud := 0.U\n"
               f"        state := {enum}.sStart\n      }}\n    }}\n"
               f"    is({enum}.sStart) {{\n      when(bitDone) {{\n        bitIndex := 0.U\n"
               f"        state := {enum}.sData\n      }}\n    }}\n"
               f"    is({enum}.sData) {{\n      when(bitDone) {{\n        shifter := shifter >> 1\n"
               f"        bitIndex := bitIndex + 1.U\n        when(bitIndex === {b - 1}.U) {{\n"
               f"          state := {enum}.sStop\n        }}\n      }}\n    }}\n"
               f"    is({enum}.sStop) {{\n      when(bitDone) {{\n        state := {enum}.sIdle\n      }}\n    }}\n"
               f"  }}\n"
               f"  {p}tx := MuxCase(true.B, Seq(\n    (state === {enum}.sStart) -> false.B,\n"
               f"    (state === {enum}.sData) -> shifter(0)\n  ))\n"
               f"  {p}busy := state =/= {enum}.sIdle\n")
        return {"chiselenum_fsm": self._source(params, fsm, preamble),
                "frame_shift_register": self._source(params, self._frame_body(params))}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._frame_body(params, msb_first=True)),
                self._source(params, self._frame_body(params, with_stop=False)),
                self._source(params, self._frame_body(params, cpb=params["cpb"] + 1))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        b, c = params["bits"], params["cpb"]
        state: dict[str, Any] = {"known": False, "pos": None, "word": 0}

        def step(row: Row) -> Row:
            pos = state["pos"]
            if not state["known"]:
                out: Row = {"tx": None, "busy": None}
            elif pos is None:
                out = {"tx": 1, "busy": 0}
            else:
                slot = pos // c
                tx = 0 if slot == 0 else (state["word"] >> (slot - 1)) & 1 if slot <= b else 1
                out = {"tx": tx, "busy": 1}
            if row["reset"]:
                state.update(known=True, pos=None)
            elif state["known"]:
                if pos is None:
                    if row["send"]:
                        state.update(pos=0, word=row["data"])
                else:
                    state["pos"] = None if pos + 1 == (b + 2) * c else pos + 1
            return out

        rows = random_rows(self.ports(params), rng, 300, bias={"send": 0.3}, mid_reset_prob=0.005)
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
