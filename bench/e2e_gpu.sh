#!/usr/bin/env bash
# The end-to-end proof on a GPU machine that has no Chisel toolchain: build the ~40M-parameter random Qwen2
# ("small" preset) with a tokenizer trained on the dataset, fully fine-tune it from scratch with the same
# `chisellm train`, export it, and generate answers for the eval set. Grading happens afterwards on a machine
# with the toolchain:  chisellm eval --answers $OUT/answers.jsonl --eval-set eval/eval_set_v1.jsonl
# Usage (from the repo root): WHEELS=.whl_e2e OUT=/some/dir bash bench/e2e_gpu.sh
set -euo pipefail
out=${OUT:-build/e2e}
mkdir -p "$out"
if [ -n "${WHEELS:-}" ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site "$WHEELS"/*.whl
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="$PWD/src${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
chisellm() { python3 -m chisellm.cli.main "$@"; }
start=$(date +%s)
python3 scripts/build_tiny_model.py --out build/small-qwen2 --preset small --data dataset/chisel_sft_merged_10550.jsonl
chisellm train configs/train/small_full_gpu.yaml output_dir=build/small-full 2>&1 | tee "$out/train.log" | grep -v "it/s\]" | tail -40
chisellm export --adapter build/small-full --out build/small-export --shard-size 50MB
python3 bench/e2e_generate.py --model build/small-export --eval-set eval/eval_set_v1.jsonl --out "$out/answers.jsonl" \
  --batch-size 128 --max-new-tokens 512
cp build/small-full/chisellm_run.json "$out/" 2>/dev/null || true
cp build/small-full/*.png "$out/" 2>/dev/null || true
echo "e2e wall seconds: $(( $(date +%s) - start ))" | tee "$out/wall.txt"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee "$out/gpu.txt"
