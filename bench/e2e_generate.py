"""Generate answers for an eval set where the model runs (a GPU machine without the Chisel toolchain) and write
them as an answers file; grade them with the toolchain afterwards:

    python bench/e2e_generate.py --model outputs/small-full --eval-set eval/eval_set_v1.jsonl --out answers.jsonl
    chisellm eval --answers answers.jsonl --eval-set eval/eval_set_v1.jsonl --out bench/results/e2e_small

Prints generation throughput and writes it next to the answers (`<out>.throughput.json`).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from chisellm.config.eval import GenerationConfig
from chisellm.eval.backends.transformers_backend import TransformersBackend
from chisellm.eval.tasks import load_eval_set
from chisellm.config.model_source import resolve_model_source
from chisellm.utils.io import write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--eval-set", required=True)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("-n", "--samples", type=int, default=1)
    parser.add_argument("--temperature", type=float, default=0.0)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--max-new-tokens", type=int, default=768)
    parser.add_argument("--limit", type=int, default=0, help="only the first N tasks (0 = all)")
    args = parser.parse_args()

    tasks = load_eval_set(args.eval_set, limit=args.limit)
    generation = GenerationConfig(samples=args.samples, temperature=args.temperature, batch_size=args.batch_size,
                                  max_new_tokens=args.max_new_tokens)
    backend = TransformersBackend(resolve_model_source(args.model), generation)
    t0 = time.perf_counter()
    completions = backend.generate(tasks, args.samples)
    seconds = time.perf_counter() - t0
    rows = [{"task_id": task.id, "completion": text} for task, texts in zip(tasks, completions) for text in texts]
    write_jsonl(args.out, rows)
    tokens = sum(len(backend.tokenizer(r["completion"]).input_ids) for r in rows)
    stats = {"tasks": len(tasks), "answers": len(rows), "seconds": round(seconds, 2),
             "answers_per_s": round(len(rows) / seconds, 2), "generated_tokens": tokens,
             "tokens_per_s": round(tokens / seconds, 1), "batch_size": args.batch_size, "device": backend.device}
    Path(f"{args.out}.throughput.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
