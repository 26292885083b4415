#!/usr/bin/env bash
# `make demo`: the whole loop on the embedded default, no downloads, on a CPU:
# verified samples -> tiny random Qwen2 model -> short LoRA training -> merge/export -> behavioural eval.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/demo
mkdir -p "$out"
step() { printf '\n== %s\n' "$*"; }

step "1/6 verify the shipped example modules"
chisellm verify --batch examples/modules.jsonl --out "$out/examples.verdicts.jsonl"

step "2/6 build a few verified samples and eval tasks (configs/data/tiny.yaml)"
chisellm data build --config configs/data/tiny.yaml --set out="$out/data/train.jsonl" \
  --set build_dir="$out/data/work" --set eval.out="$out/data/eval.jsonl"

step "3/6 build a tiny random Qwen2 model and a BPE tokenizer trained on those samples"
python scripts/build_tiny_model.py --out "$out/tiny-qwen2" --data "$out/data/train.jsonl"

step "4/6 train a LoRA adapter (configs/train/tiny.yaml)"
chisellm train configs/train/tiny.yaml model_name_or_path="$out/tiny-qwen2" dataset="$out/data/train.jsonl" \
  output_dir="$out/lora" num_train_epochs=2 val_size=0.2

step "5/6 merge the adapter and export sharded safetensors"
chisellm export --adapter "$out/lora" --out "$out/merged" --shard-size 5MB

step "6/6 evaluate: generate, compile, elaborate, simulate, pass@k"
# One CPU thread and short answers: a random tiny model on a 2-core machine (more threads only spin).
chisellm eval --model "$out/merged" --eval-set "$out/data/eval.jsonl" --limit 8 --out "$out/eval" \
  --set cpu_threads=1 --set generation.max_new_tokens=256
chisellm eval --oracle --eval-set "$out/data/eval.jsonl" --limit 8 --out "$out/eval-oracle"
chisellm eval compare "$out/eval/summary.json" "$out/eval-oracle/summary.json"

printf '\nDone. Reports:\n  %s\n  %s\n' "$out/eval/report.html" "$out/eval-oracle/report.html"
printf '\nOpen the workbench on the tiny model (then browse http://127.0.0.1:8000/):\n  chisellm serve --model %s\n' "$out/merged"
