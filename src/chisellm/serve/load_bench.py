"""`chisellm bench serve`: concurrent loopback clients verifying good, broken and hostile code through /v1/verify.

Every request names a module unique to it, so the result cache never answers and a crossed response (another
request's Verilog or error) is caught: good answers must be `ok` with their own module in the Verilog, broken
ones a `compile_error` naming their own missing value, hostile ones anything but `ok`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

ADDER = """import chisel3._

class {top} extends Module {{
  val io = IO(new Bundle {{
    val a = Input(UInt(8.W))
    val b = Input(UInt(8.W))
    val sum = Output(UInt(9.W))
  }})
  io.sum := io.a +& {rhs}
}}
"""
HOSTILE = [  # what elaboration must not be allowed to do
    'scala.io.Source.fromFile("/etc/passwd").mkString',
    "java.lang.System.exit(3)",
    'new java.net.Socket("127.0.0.1", 22)',
]
VECTORS: dict[str, Any] = {"clocked": False, "inputs": [{"name": "reset", "width": 1}, {"name": "io_a", "width": 8},
                                                        {"name": "io_b", "width": 8}],
                           "outputs": [{"name": "io_sum", "width": 9}],
                           "stimulus": [[0, a, (a * 7) % 256] for a in range(0, 256, 5)],
                           "expected": [[a + (a * 7) % 256] for a in range(0, 256, 5)]}


@dataclass
class ServeBenchReport:
    """What `bench serve` measured."""

    clients: int
    seconds: float
    requests: int
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    by_kind: dict[str, dict[str, Any]] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    http_errors: int = 0
    wrong: int = 0  # lost, crossed or misgraded responses
    wrong_examples: list[str] = field(default_factory=list)
    warmup_s: float = 0.0  # engine start before the timed window
    machine: dict[str, Any] = field(default_factory=dict)


def request_for(kind: str, number: int) -> tuple[dict[str, Any], str]:
    """The body of request `number` of `kind` and the text its answer must contain."""
    top = f"Adder_{kind}_{number}"
    if kind == "good":
        return {"source": ADDER.format(top=top, rhs="io.b"), "top": top, "vectors": VECTORS}, f"module {top}("
    if kind == "broken":
        return {"source": ADDER.format(top=top, rhs=f"io.q{number}"), "top": top, "vectors": VECTORS}, f"q{number}"
    attack = HOSTILE[number % len(HOSTILE)]
    return {"source": ADDER.format(top=top, rhs="io.b").replace("  io.sum :=", f"  {attack}\n  io.sum :="),
            "top": top}, ""


def run_serve_bench(url: str, clients: int = 32, seconds: float = 60.0, mix: tuple[int, int, int] = (6, 3, 1)) -> ServeBenchReport:
    """Run `clients` threads against `url` for `seconds`, each cycling through the good/broken/hostile `mix`."""
    kinds = ["good"] * mix[0] + ["broken"] * mix[1] + ["hostile"] * mix[2]
    lock = threading.Lock()
    latencies: dict[str, list[float]] = {k: [] for k in ("good", "broken", "hostile")}
    verdicts: Counter[str] = Counter()
    problems: list[str] = []
    counter = iter(range(10**9))
    errors = [0]
    deadline = 0.0

    def client() -> None:
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter)
            kind = kinds[number % len(kinds)]
            body, must_contain = request_for(kind, number)
            began = time.perf_counter()
            status, reply = _post(url + "/v1/verify", body)
            elapsed = time.perf_counter() - began
            with lock:
                latencies[kind].append(elapsed)
                if status != 200:
                    errors[0] += 1
                    problems.append(f"{kind} {number}: HTTP {status} {str(reply)[:120]}")
                    continue
                verdict = reply.get("verdict", "?")
                verdicts[verdict] += 1
                text = json.dumps(reply)
                bad = (kind == "good" and (verdict != "ok" or must_contain not in (reply.get("verilog") or ""))) or \
                      (kind == "broken" and (verdict != "compile_error" or must_contain not in text)) or \
                      (kind == "hostile" and verdict == "ok")
                if bad:
                    problems.append(f"{kind} {number}: {verdict} {text[:160]}")

    warm_began = time.perf_counter()
    _post(url + "/v1/verify", request_for("good", -1)[0])  # starts the engine's JVM outside the timed window
    warmup_s = time.perf_counter() - warm_began
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    every = sorted(x for values in latencies.values() for x in values)
    by_kind = {k: {"requests": len(v), "p50_ms": _ms(_pct(sorted(v), 50)), "p95_ms": _ms(_pct(sorted(v), 95))}
               for k, v in latencies.items()}
    return ServeBenchReport(
        clients=clients, seconds=round(wall, 1), requests=len(every), requests_per_s=round(len(every) / wall, 2),
        p50_ms=_ms(_pct(every, 50)), p95_ms=_ms(_pct(every, 95)), by_kind=by_kind, verdicts=dict(verdicts),
        http_errors=errors[0], wrong=len(problems), wrong_examples=problems[:5], warmup_s=round(warmup_s, 1),
        machine={"cpus": os.cpu_count(), "platform": platform.platform(), "load_average_1m": round(os.getloadavg()[0], 2)})


def report_json(report: ServeBenchReport) -> dict[str, Any]:
    return asdict(report)


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError as exc:
        return 0, str(exc)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] if len(values) < 2 else \
        statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _ms(seconds: float) -> float:
    return round(1000 * seconds, 1)
