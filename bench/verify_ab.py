"""Time one engine on generated good modules (cold start included), for side-by-side runs of two checkouts:

    PYTHONPATH=OLD/src python bench/verify_ab.py --modules 300     # the engine of another checkout
    PYTHONPATH=src python bench/verify_ab.py --modules 300         # this one

It uses only what both engines have (`generated_modules`, `Engine`), prints seconds and modules/s, and exits 1
unless every module passed. Pair the two commands with any A/B timer (`hyperfine`, `/usr/bin/time -v`).
"""

from __future__ import annotations

import argparse
import sys
import time

from chisellm.hdl.benchmark import generated_modules
from chisellm.hdl.engine import Engine, EngineOptions


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modules", type=int, default=300)
    parser.add_argument("--cycles", type=int, default=1000)
    args = parser.parse_args()
    modules = generated_modules(args.modules, args.cycles)
    t0 = time.perf_counter()
    with Engine(EngineOptions(cache_dir=None, batch_size=32)) as engine:
        results = engine.verify_many([m.candidate for m in modules])
    seconds = time.perf_counter() - t0
    passed = sum(r.ok for r in results)
    print(f"{passed}/{len(results)} ok in {seconds:.2f} s ({len(results) / seconds:.1f} modules/s)")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
