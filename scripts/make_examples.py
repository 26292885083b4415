"""Writes examples/modules.jsonl: one design from each of a few families (reference code, top, vectors), the
rows `make demo` verifies first. Run again after changing those families: python scripts/make_examples.py"""

import json
import random
from pathlib import Path

from chisellm.data.families import FAMILIES

NAMES = ["adder_carry", "alu", "modulo_counter", "traffic_light", "fifo", "util_queue"]

rows = []
for name in NAMES:
    design = FAMILIES[name].design(random.Random(0))
    rows.append({"id": f"example-{name}", "family": name, "level": design.level, "top": design.module_name,
                 "top_args": design.top_args, "code": design.code, "vectors": design.vectors.to_json()})
out = Path(__file__).resolve().parent.parent / "examples" / "modules.jsonl"
out.write_text("".join(json.dumps(r) + "\n" for r in rows))
print(f"wrote {len(rows)} examples to {out}")
