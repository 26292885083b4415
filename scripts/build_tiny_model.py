#!/usr/bin/env python3
"""Build a random Qwen2-architecture model and a BPE tokenizer trained on local data (no downloads).

    python scripts/build_tiny_model.py --out build/tiny-qwen2 --data tests/fixtures/train/chisel_sft_fixture.jsonl
    python scripts/build_tiny_model.py --out build/small-qwen2 --data dataset/chisel_sft_merged_10550.jsonl --preset small
"""

from __future__ import annotations

import argparse
import sys

from chisellm.train.tiny_model import PRESETS, build_tiny_model
from chisellm.utils.errors import ChiselLLMError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write the model and tokenizer to")
    parser.add_argument("--data", required=True, help="alpaca JSONL whose text trains the tokenizer")
    parser.add_argument("--preset", default="tiny", choices=sorted(PRESETS), help="tiny (~2M params) or small (~45-55M)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random weights")
    args = parser.parse_args()
    try:
        out = build_tiny_model(args.out, args.data, args.preset, args.seed)
    except ChiselLLMError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
