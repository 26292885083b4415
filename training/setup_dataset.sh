#!/usr/bin/env bash
# Register the ChiseLLM SFT dataset in a LLaMA-Factory checkout (the reference workflow's entry point):
# copies dataset/chisel_sft_merged_10550.jsonl into <checkout>/data/ and merges the `chisel_sft` entry into its
# data/dataset_info.json. A thin wrapper of `chisellm data register`.
# Usage: training/setup_dataset.sh /path/to/LLaMA-Factory   (pip-installed LLaMA-Factory: chisellm data register --data-dir DIR)
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 LLAMA_FACTORY_DIR" >&2
  exit 2
fi
target="$(cd "$1" && pwd)"
cd "$(dirname "$0")/.."
cli=chisellm
if [ -x .venv/bin/chisellm ]; then cli=.venv/bin/chisellm; fi
exec "$cli" data register "$target" --dataset-dir dataset
