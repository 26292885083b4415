"""Util: a Decoupled FIFO built on chisel3.util.Queue (plain or pipe mode)."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register, reset_then_random, seq_vectors
from chisellm.data.families.util_common import ref, source, swap, vname
from chisellm.hdl.vectors import Vectors


@register
class UtilQueue(Family):
    """`deq` delivers what `enq` accepted, in order, through a `depth`-entry Queue."""

    name = "util_queue"
    level = "Util"
    features = ("Decoupled", "Queue", "bulk connect <>")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": rng.choice(["StreamBuffer", "FifoChannel", "ElasticBuffer", "PacketQueue"]),
                "io_style": rng.choice(["bundle", "flat"]), "width": rng.choice([4, 8, 10, 12, 16, 24, 32]),
                "depth": rng.choice([1, 2, 3, 4, 5, 6, 8, 12, 16]), "pipe": rng.random() < 0.3}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        w = params["width"]
        return [PortSpec("enq.valid", "input", 1, kind="Bool", doc="producer offers `enq.bits`"),
                PortSpec("enq.ready", "output", 1, kind="Bool", doc="the queue can accept"),
                PortSpec("enq.bits", "input", w, doc="data in"),
                PortSpec("deq.valid", "output", 1, kind="Bool", doc="the queue holds an element"),
                PortSpec("deq.ready", "input", 1, kind="Bool", doc="consumer takes `deq.bits`"),
                PortSpec("deq.bits", "output", w, doc="oldest element")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        w, d = params["width"], params["depth"]
        pipe = (" In pipe mode: when the queue is full, `enq.ready` is still true if `deq.ready` is true."
                if params["pipe"] else "")
        return [
            f"A {d}-entry FIFO between a `Flipped(Decoupled(UInt({w}.W)))` port `enq` and a "
            f"`Decoupled(UInt({w}.W))` port `deq`, using chisel3.util.Queue.{pipe}",
            f"Buffer a ready/valid stream of {w}-bit words in a queue of depth {d}: elements leave on `deq` in "
            f"the order they were accepted on `enq`; `enq.ready` is low only when the queue is full.{pipe}",
            f"Decouple producer and consumer with a {d}-deep Queue of UInt({w}.W). `enq` is the flipped "
            f"Decoupled input, `deq` the Decoupled output; an element moves when valid and ready are both high.{pipe}",
        ]

    def _decls(self, params: dict[str, Any]) -> list[tuple[str, str]]:
        w = params["width"]
        return [("enq", f"Flipped(Decoupled(UInt({w}.W)))"), ("deq", f"Decoupled(UInt({w}.W))")]

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        s, name, w, d = params["io_style"], params["module_name"], params["width"], params["depth"]
        enq, deq = ref(s, "enq"), ref(s, "deq")
        pipe_arg = ", pipe = true" if params["pipe"] else ""
        decls = self._decls(params)
        return {
            "queue_apply": source(name, s, decls, f"  {deq} <> Queue({enq}, {d}{pipe_arg})\n"),
            "queue_module": source(name, s, decls,
                                   f"  val fifo = Module(new Queue(UInt({w}.W), {d}{pipe_arg}))\n"
                                   f"  fifo.io.enq <> {enq}\n  {deq} <> fifo.io.deq\n"),
            "queue_fields": source(name, s, decls,
                                   f"  val fifo = Module(new Queue(UInt({w}.W), entries = {d}{pipe_arg}))\n"
                                   f"  fifo.io.enq.valid := {enq}.valid\n  fifo.io.enq.bits  := {enq}.bits\n"
                                   f"  {enq}.ready := fifo.io.enq.ready\n"
                                   f"  {deq}.valid := fifo.io.deq.valid\n  {deq}.bits  := fifo.io.deq.bits\n"
                                   f"  fifo.io.deq.ready := {deq}.ready\n"),
        }

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        s, depth, pipe = params["io_style"], params["depth"], params["pipe"]
        ev, eb, er = vname(s, "enq.valid"), vname(s, "enq.bits"), vname(s, "enq.ready")
        dv, db, dr = vname(s, "deq.valid"), vname(s, "deq.bits"), vname(s, "deq.ready")
        fifo: list[int] = []

        def model(ins: dict[str, int]) -> dict[str, int | None]:
            enq_ready = len(fifo) < depth or (pipe and bool(ins[dr]))
            outs = {er: int(enq_ready), dv: int(bool(fifo)), db: fifo[0] if fifo else None}
            if ins["reset"]:
                fifo.clear()
            else:
                do_deq = bool(fifo) and ins[dr]
                do_enq = ins[ev] and enq_ready
                if do_deq:
                    fifo.pop(0)
                if do_enq:
                    fifo.append(ins[eb])
            return outs

        specs = self.ports(params)
        stim = reset_then_random(specs, s, rng, cycles=260, bias={ev: 0.7, dr: 0.45})
        return seq_vectors(specs, s, model, stim)

    def mutants(self, params: dict[str, Any]) -> list[str]:
        s, d = params["io_style"], params["depth"]
        ref_code = self.styles(params)["queue_apply"]
        enq = ref(s, "enq")
        call = f"Queue({enq}, {d}{', pipe = true' if params['pipe'] else ''})"
        fields = self.styles(params)["queue_fields"]
        return [swap(ref_code, call, f"Queue({enq}, {d + 1})"),
                swap(ref_code, call, f"Queue({enq}, {d}, pipe = {'false' if params['pipe'] else 'true'})"),
                swap(fields, f"fifo.io.deq.ready := {ref(s, 'deq')}.ready", "fifo.io.deq.ready := true.B")]
