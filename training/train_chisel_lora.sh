#!/usr/bin/env bash
# Train the reference QLoRA config: bash training/train_chisel_lora.sh [key=value ...]
# e.g. bash training/train_chisel_lora.sh resume_from_checkpoint=auto
# Several GPUs (DDP): accelerate launch --config_file configs/accelerate/ddp.yaml -m chisellm.cli.main \
#                     train training/chisel_lora_config.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
exec chisellm train training/chisel_lora_config.yaml "$@"
