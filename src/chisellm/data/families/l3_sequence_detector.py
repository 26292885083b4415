"""L3: a Mealy bit-sequence detector (overlapping or not), as a ChiselEnum FSM or a UInt state table."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, width_of,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("SequenceDetector", "PatternDetector", "BitPatternMatcher", "SerialPatternDetector")


def border(pattern: str) -> int:
    """Length of the longest proper prefix of `pattern` that is also its suffix."""
    return max(l for l in range(len(pattern)) if pattern[:l] == pattern[len(pattern) - l:])


def transition(pattern: str, matched: int, bit: str, overlapping: bool, naive: bool = False) -> tuple[int, bool]:
    """(next matched-prefix length, detected) for input `bit` with `matched` bits of `pattern` matched."""
    seen = pattern[:matched] + bit
    if seen == pattern:
        return (border(pattern) if overlapping else 0), True
    if naive:  # a common bug: any mismatch returns to the idle state, forgetting the current bit
        return (matched + 1 if bit == pattern[matched] else 0), False
    best = max(l for l in range(min(len(seen), len(pattern) - 1) + 1) if pattern[:l] == seen[len(seen) - l:])
    return best, False


@register
class SequenceDetectorFamily(Family):
    name = "sequence_detector"
    level = "L3"
    features = ("ChiselEnum", "switch", "MuxLookup", "Mealy FSM", "RegInit")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        while True:
            pattern = "".join(rng.choice("01") for _ in range(rng.randint(3, 5)))
            if len(set(pattern)) == 2:
                break
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "pattern": pattern, "overlapping": rng.random() < 0.5}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("din", "input", 1, kind="Bool", doc="serial input bit, one per cycle"),
                PortSpec("detected", "output", 1, kind="Bool", doc="pattern just completed")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        pat, k = params["pattern"], len(params["pattern"])
        ov = ("Overlapping matches count: the tail of one match may start the next."
              if params["overlapping"] else
              "Matches do not overlap: after a detection, matching starts again from scratch with the next bit.")
        return [
            f"A Mealy sequence detector for the bit pattern {pat} (first bit received first) on the serial "
            f"input `din`, one bit per clock cycle. `detected` is combinational: it is 1 in the cycle in which "
            f"the current `din` completes the pattern. {ov} Synchronous reset returns the FSM to the state with "
            f"nothing matched.",
            f"Detect the {k}-bit sequence \"{pat}\" on `din` with a finite-state machine whose state is how many "
            f"leading bits of the pattern are currently matched (0 to {k - 1}); after a mismatch it falls back to "
            f"the longest prefix of the pattern that still matches. Output `detected` = 1 when the FSM is in state "
            f"{k - 1} and `din` equals the last pattern bit (Mealy output, same cycle). {ov}",
            f"Implement a serial pattern matcher for {pat}: raise `detected` (not registered) during the cycle the "
            f"final bit arrives. {ov} Reset (synchronous) clears the match progress.",
        ]

    def _table(self, params: dict[str, Any], overlapping: bool, naive: bool = False) -> dict[tuple[int, str], int]:
        pat = params["pattern"]
        return {(j, b): transition(pat, j, b, overlapping, naive)[0] for j in range(len(pat)) for b in "01"}

    def _enum_source(self, params: dict[str, Any], overlapping: bool, naive: bool = False,
                     registered: bool = False) -> str:
        p, pat, k = io_ref(params["io_style"]), params["pattern"], len(params["pattern"])
        enum = f"{params['module_name']}State"
        table = self._table(params, overlapping, naive)
        preamble = f"object {enum} extends ChiselEnum {{\n  val {', '.join(f's{j}' for j in range(k))} = Value\n}}\n"
        cases = "".join(
            f"    is({enum}.s{j}) {{\n      when({p}din) {{\n        state := {enum}.s{table[(j, '1')]}\n"
            f"      }}.otherwise {{\n        state := {enum}.s{table[(j, '0')]}\n      }}\n    }}\n" for j in range(k))
        last = "true.B" if pat[-1] == "1" else "false.B"
        hit = f"state === {enum}.s{k - 1} && {p}din === {last}"
        out = f"RegNext({hit}, false.B)" if registered else hit
        body = (f"  val state = RegInit({enum}.s0)\n  switch(state) {{\n{cases}  }}\n"
                f"  {p}detected := {out}\n")
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body,
                             preamble=preamble)

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, pat, k = io_ref(params["io_style"]), params["pattern"], len(params["pattern"])
        table = self._table(params, params["overlapping"])
        sw = width_of(k)
        on_one = ", ".join(f"{j}.U -> {table[(j, '1')]}.U" for j in range(k))
        on_zero = ", ".join(f"{j}.U -> {table[(j, '0')]}.U" for j in range(k))
        last = "true.B" if pat[-1] == "1" else "false.B"
        lookup = (f"  val state = RegInit(0.U({sw}.W))\n"
                  f"  val nextOnOne = MuxLookup(state, 0.U)(Seq({on_one}))\n"
                  f"  val nextOnZero = MuxLookup(state, 0.U)(Seq({on_zero}))\n"
                  f"  state := Mux({p}din, nextOnOne, nextOnZero)\n"
                  f"  {p}detected := state === {k - 1}.U && {p}din === {last}\n")
        return {"chiselenum_switch": self._enum_source(params, params["overlapping"]),
                "uint_state_muxlookup": module_source(params["module_name"],
                                                      io_block(self.ports(params), params["io_style"]), lookup)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        ov = params["overlapping"]
        mutants = [self._enum_source(params, ov, registered=True)]
        if self._table(params, ov, naive=True) != self._table(params, ov):
            mutants.append(self._enum_source(params, ov, naive=True))
        if border(params["pattern"]) > 0:
            mutants.append(self._enum_source(params, not ov))
        return mutants

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        pat = params["pattern"]
        state: dict[str, int | None] = {"matched": None}

        def step(row: Row) -> Row:
            matched = state["matched"]
            if matched is None:
                hit = None
            else:
                nxt, found = transition(pat, matched, str(row["din"]), params["overlapping"])
                hit = int(found)
            if row["reset"]:
                state["matched"] = 0
            elif matched is not None:
                state["matched"] = nxt
            return {"detected": hit}

        bits: list[int] = []
        chained = pat + pat[border(pat):]  # two overlapping copies when the pattern has a border
        while len(bits) < 250:
            if rng.random() < 0.15:
                bits += [int(b) for b in rng.choice([pat, chained, pat[0] + pat])]
            else:
                bits.append(rng.randint(0, 1))
        rows = [{"reset": int(i == 0 or i == 170), "din": b} for i, b in enumerate(bits[:250])]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
