"""L3: a vending-machine controller: coin credit register, Mealy dispense and change outputs."""

from __future__ import annotations

import random
from typing import Any

from chisellm.data.families.base import Family, PortSpec, register
from chisellm.data.families.l3_l4_support import (
    Row, clocked_vectors, io_block, io_ref, module_source, pick_name, random_rows,
)
from chisellm.hdl.vectors import Vectors

NAMES = ("VendingMachine", "CoinController", "VendingController", "TicketMachine")
COIN_CENTS = (0, 5, 10, 25)  # coin code 0..3: none, nickel, dime, quarter


@register
class VendingMachineFamily(Family):
    name = "vending_machine"
    level = "L3"
    features = ("Mealy FSM", "RegInit", "MuxLookup", "switch", "width arithmetic")
    clocked = True

    def sample_params(self, rng: random.Random) -> dict[str, Any]:
        return {"module_name": pick_name(rng, NAMES), "io_style": rng.choice(["bundle", "flat"]),
                "price": rng.choice([15, 20, 25, 30, 35])}

    def ports(self, params: dict[str, Any]) -> list[PortSpec]:
        return [PortSpec("coin", "input", 2, doc="0 none, 1 nickel (5), 2 dime (10), 3 quarter (25)"),
                PortSpec("dispense", "output", 1, kind="Bool", doc="the item is released this cycle"),
                PortSpec("change", "output", 5, doc="change in cents, valid with `dispense`"),
                PortSpec("credit", "output", 6, doc="cents inserted so far")]

    def phrasings(self, params: dict[str, Any]) -> list[str]:
        price = params["price"]
        rule = (f"Each cycle one coin code arrives on `coin` (0 = none, 1 = 5 cents, 2 = 10 cents, 3 = 25 cents). "
                f"Let total = credit + coin value. If total >= {price}, then in this same cycle `dispense` is 1 and "
                f"`change` is total - {price} (both combinational), and at the clock edge the credit returns to 0. "
                f"Otherwise `dispense` is 0, `change` is 0 and the credit becomes total.")
        return [
            f"A vending machine controller for an item costing {price} cents. A credit register (synchronous reset "
            f"to 0) is shown on `credit`. {rule}",
            f"Design a Mealy coin-acceptor FSM: price {price} cents, state = accumulated credit (`credit`, reset 0). "
            f"{rule}",
            f"Implement a vending machine that sells one item for {price} cents and returns change. {rule} The "
            f"output `credit` is the credit register itself.",
        ]

    def _source(self, params: dict[str, Any], body: str) -> str:
        return module_source(params["module_name"], io_block(self.ports(params), params["io_style"]), body)

    def _lookup(self, params: dict[str, Any], registered: bool = False, keep_credit: bool = False) -> str:
        p, price = io_ref(params["io_style"]), params["price"]
        after_sale = "total - " + f"{price}.U" if keep_credit else "0.U"
        hit = "RegNext(enough, false.B)" if registered else "enough"
        return (f"  val balance = RegInit(0.U(6.W))\n"
                f"  val coinValue = MuxLookup({p}coin, 0.U(6.W))(Seq(1.U -> 5.U, 2.U -> 10.U, 3.U -> 25.U))\n"
                f"  val total = balance + coinValue\n"
                f"  val enough = total >= {price}.U\n"
                f"  balance := Mux(enough, {after_sale}, total)\n"
                f"  {p}dispense := {hit}\n"
                f"  {p}change := Mux(enough, total - {price}.U, 0.U)\n"
                f"  {p}credit := balance\n")

    def styles(self, params: dict[str, Any]) -> dict[str, str]:
        p, price = io_ref(params["io_style"]), params["price"]
        sw = (f"  val balance = RegInit(0.U(6.W))\n"
              f"  val coinValue = WireDefault(0.U(6.W))\n"
              f"  switch({p}coin) {{\n    is(1.U) {{ coinValue := 5.U }}\n    is(2.U) {{ coinValue := 10.U }}\n"
              f"    is(3.U) {{ coinValue := 25.U }}\n  }}\n"
              f"  val total = balance + coinValue\n"
              f"  {p}dispense := false.B\n  {p}change := 0.U\n"
              f"  when(total >= {price}.U) {{\n    {p}dispense := true.B\n    {p}change := total - {price}.U\n"
              f"    balance := 0.U\n  }}.otherwise {{\n    balance := total\n  }}\n"
              f"  {p}credit := balance\n")
        return {"muxlookup_value": self._source(params, self._lookup(params)), "switch_when": self._source(params, sw)}

    def mutants(self, params: dict[str, Any]) -> list[str]:
        return [self._source(params, self._lookup(params, registered=True)),
                self._source(params, self._lookup(params, keep_credit=True))]

    def golden(self, params: dict[str, Any], rng: random.Random) -> Vectors:
        price = params["price"]
        state: dict[str, int | None] = {"credit": None}

        def step(row: Row) -> Row:
            credit = state["credit"]
            if credit is None:
                out: Row = {"dispense": None, "change": None, "credit": None}
            else:
                total = credit + COIN_CENTS[row["coin"]]
                sale = total >= price
                out = {"dispense": int(sale), "change": total - price if sale else 0, "credit": credit}
                state["credit"] = 0 if sale else total
            if row["reset"]:
                state["credit"] = 0
            return out

        rows = random_rows(self.ports(params), rng, 240)
        for row in rows:  # mostly small coins and idle cycles so credit builds up in steps
            row["coin"] = rng.choices([0, 1, 2, 3], weights=[4, 4, 3, 1])[0]
        return clocked_vectors(self.ports(params), params["io_style"], step, rows)
