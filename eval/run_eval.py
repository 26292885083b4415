#!/usr/bin/env python3
"""The reference workflow's evaluation script, with the reference's flags and their meaning:

    python eval/run_eval.py --eval-set eval/eval_set_v1.jsonl --model outputs/chisel-coder-lora -n 50 -v
    python eval/run_eval.py -e eval/eval_set_v1.jsonl --api http://localhost:8000/v1 --levels L1 L2
    python eval/run_eval.py --results eval/eval_results_20250101_120000.json --stats-only

Each run writes eval/eval_results_<timestamp>.json (or -o PATH) and a folder of reports beside it.
`chisellm eval` has our own flags (samples per task, pass@k, resume, HTTP concurrency, ...).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Works from a plain checkout too: prefer the repository's own sources over an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from chisellm.eval.reference_cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(default_dir=Path(__file__).resolve().parent))
