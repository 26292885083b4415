"""L4: a parameterized synchronous FIFO `class X(width: Int, depth: Int)` with full/empty flags."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, generator_note, io_block, io_ref, log2_ceil, module_source, pick_name,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SyncFifo", "Fifo", "CircularBuffer", "FifoBuffer")


@register
class FifoFamily(Family):
    name = "fifo"
    level = "L4"
    features = ("Mem", "Reg of Vec", "pointers", "log2Ceil", "parameterized depth")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "width": rng.choice([4, 8, 16]), "depth": rng.choice([2, 4, 8])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w, d = params["width"], params["depth"]
        return [PortSpec("push", "input", 1, kind="Bool", doc="write `din` (ignored when full)"),
                PortSpec("din", "input", w, doc="data to write"),
                PortSpec("pop", "input", 1, kind="Bool", doc="remove the head (ignored when empty)"),
                PortSpec("dout", "output", w, doc="head of the queue"),
                PortSpec("full", "output", 1, kind="Bool", doc="no space left"),
                PortSpec("empty", "output", 1, kind="Bool", doc="nothing stored"),
                PortSpec("count", "output", log2_ceil(d) + 1, doc="number of stored words")]

    def top_args(self, params: dict[str, Any]) -> str:
        return f"{params['width']}, {params['depth']}"

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d = params["width"], params["depth"]
        note = generator_note(params["module_name"], "(width: Int, depth: Int)", self.top_args(params))
        rules = (f"A push is accepted only when the FIFO is not full and a pop only when it is not empty; in the same "
                 f"cycle both can happen (when full, only the pop; when empty, only the push). `dout` is "
                 f"combinationally the oldest stored word (undefined when empty); `full`, `empty` and `count` "
                 f"(log2Ceil(depth)+1 bits) describe the current contents. Synchronous reset empties the FIFO.")
        return [
            f"A first-in first-out queue of `depth` = {d} words of `width` = {w} bits (depth is a power of two). "
            f"{rules}{note}",
            f"Parameterized synchronous FIFO ({d} x {w}). Writes of `din` on `push` and reads on `pop` take effect "
            f"at the rising clock edge. {rules}{note}",
            f"Implement a circular-buffer FIFO with read and write pointers: depth {d}, data width {w}. {rules}{note}",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        io = io_block(self.ports(params), params["io_style"],
                      {"din": "UInt(width.W)", "dout": "UInt(width.W)", "count": "UInt((log2Ceil(depth) + 1).W)"})
        return module_source(params["module_name"], io, body, ctor="(width: Int, depth: Int)")

    def _count_body(self, params: dict[str, Any], full_at: str = "depth", guard_push: bool = True) -> str:
        p = io_ref(params["io_style"])
        push_ok = f"{p}push && !isFull" if guard_push else f"{p}push"
        return (f"  val mem = Mem(depth, UInt(width.W))\n"
                f"  val readPtr = RegInit(0.U(log2Ceil(depth).W))\n"
                f"  val writePtr = RegInit(0.U(log2Ceil(depth).W))\n"
                f"  val stored = RegInit(0.U((log2Ceil(depth) + 1).W))\n"
                f"  val isFull = stored === ({full_at}).U\n  val isEmpty = stored === 0.U\n"
                f"  val doPush = {push_ok}\n  val doPop = {p}pop && !isEmpty\n"
                f"  when(doPush) {{\n    mem(writePtr) := {p}din\n    writePtr := writePtr + 1.U\n  }}\n"
                f"  when(doPop) {{\n    readPtr := readPtr + 1.U\n  }}\n"
                f"  when(doPush =/= doPop) {{\n    stored := Mux(doPush, stored + 1.U, stored - 1.U)\n  }}\n"
                f"  {p}dout := mem(readPtr)\n  {p}full := isFull\n  {p}empty := isEmpty\n  {p}count := stored\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p = io_ref(params["io_style"])
        wrap_bit = (f"  val entries = Reg(Vec(depth, UInt(width.W)))\n"
                    f"  val addrBits = log2Ceil(depth)\n"
                    f"  val head = RegInit(0.U((addrBits + 1).W))  // one extra wrap bit tells full from empty\n"
                    f"  val tail = RegInit(0.U((addrBits + 1).W))\n"
                    f"  val occupancy = tail - head\n"
                    f"  val isEmpty = head === tail\n"
                    f"  val isFull = occupancy === depth.U\n"
                    f"  val doPush = {p}push && !isFull\n  val doPop = {p}pop && !isEmpty\n"
                    f"  when(doPush) {{\n    entries(tail(addrBits - 1, 0)) := {p}din\n    tail := tail + 1.U\n  }}\n"
                    f"  when(doPop) {{\n    head := head + 1.U\n  }}\n"
                    f"  {p}dout := entries(head(addrBits - 1, 0))\n"
                    f"  {p}full := isFull\n  {p}empty := isEmpty\n  {p}count := occupancy\n")
        return {"mem_counter": self._source(params, self._count_body(params)),
                "wrap_bit_pointers": self._source(params, wrap_bit)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._count_body(params, full_at="depth - 1")),
                self._source(params, self._count_body(params, guard_push=False))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        d = params["depth"]
        queue: list[int] = []
        state = {"known": False}

        def step(row: Row) -> Row:
            if not state["known"]:
                out: Row = {"dout": None, "full": None, "empty": None, "count": None}
            else:
                out = {"dout": queue[0] if queue else None, "full": int(len(queue) == d),
                       "empty": int(not queue), "count": len(queue)}
            if row["reset"]:
                queue.clear()
                state["known"] = True
            elif state["known"]:
                do_push = row["push"] and len(queue) < d
                do_pop = row["pop"] and len(queue) > 0
                if do_pop:
                    queue.pop(0)
                if do_push:
                    queue.append(row["din"])
            return out

        rows = []
        for i in range(260):  # alternate filling and draining phases so full and empty both happen
            filling = (i // 25) % 2 == 0
            rows.append({"reset": int(i == 0 or i == 180), "din": rng.randrange(1 << params["width"]),
                         "push": int(rng.random() < (0.8 if filling else 0.3)),
                         "pop": int(rng.random() < (0.25 if filling else 0.8))})
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
