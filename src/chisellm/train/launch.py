"""`chisellm train CONFIG --gpus N`: one way to train on N GPUs, through `accelerate launch`.

The strategy names one of the shipped accelerate configs (configs/accelerate/): `ddp` (LoRA, QLoRA, small full
fine-tunes), `fsdp` (FSDP2: bf16 LoRA, QLoRA with 4-bit storage in the compute dtype, full fine-tunes),
`zero2` / `zero3` (DeepSpeed). Before anything starts, the training config and the accelerate config are
checked together, and combinations that cannot work are refused with the setting to change.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from chisellm.config.train import TrainConfig
from chisellm.utils.errors import ChiselLLMError

ACCELERATE_CONFIGS = Path(__file__).resolve().parents[3] / "configs" / "accelerate"
STRATEGIES = {"ddp": "ddp.yaml", "fsdp": "fsdp.yaml", "zero2": "deepspeed_zero2.yaml", "zero3": "deepspeed_zero3.yaml"}


@dataclass(frozen=True)
class LaunchPlan:
    """What `accelerate launch` is asked to run."""

    strategy: str
    accelerate_config: Path
    processes: int
    cpu: bool  # N CPU processes over gloo instead of N GPUs (the test of the launch path)

    def command(self, config_path: str | Path, overrides: list[str]) -> list[str]:
        """The full command line (accelerate's launcher under this Python)."""
        launch = [sys.executable, "-m", "accelerate.commands.launch", "--num_processes", str(self.processes),
                  "--num_machines", "1"]
        if self.cpu:
            launch += ["--cpu", "--mixed_precision", "no", "--main_process_port", "29517"]
        else:
            launch += ["--config_file", str(self.accelerate_config)]
        return launch + ["-m", "chisellm.cli.main", "train", str(config_path), *overrides]


def read_accelerate_config(path: Path) -> dict:
    """The accelerate YAML as a dict, or an error naming the file."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ChiselLLMError(f"cannot read the accelerate config {path} ({exc})",
                             hint=f"use one of --strategy {', '.join(STRATEGIES)}") from None
    if not isinstance(data, dict):
        raise ChiselLLMError(f"{path}: expected a mapping of accelerate settings")
    return data


def launch_problems(config: TrainConfig, strategy: str, accel: dict, processes: int, name: str) -> list[str]:
    """Every reason this training config cannot run under this accelerate config (empty when it can)."""
    problems = []
    fsdp, zero3 = strategy == "fsdp", strategy == "zero3"
    deepspeed = accel.get("deepspeed_config") or {}
    fsdp_config = accel.get("fsdp_config") or {}
    mixed = str(accel.get("mixed_precision", "no"))
    if processes > 1 and config.activation_offload:
        problems.append("activation_offload: true is single-process (its checkpoint accumulates gradients inside "
                        "backward, which DDP/FSDP/DeepSpeed do not expect); set activation_offload: false")
    if config.quantization_bit == 8 and (fsdp or strategy.startswith("zero")):
        problems.append(f"quantization_bit: 8 cannot be sharded by {strategy}; use --strategy ddp or quantization_bit: 4")
    if config.quantization_bit == 4 and (fsdp or zero3):
        if not config.bf16:
            problems.append(f"QLoRA under {strategy} stores 4-bit weights in the compute dtype, which must be the "
                            f"dtype {strategy} shards in: set bf16: true")
        if mixed != "bf16":
            problems.append(f"QLoRA under {strategy} needs mixed_precision: bf16 in {name} (it has {mixed})")
        if zero3 and deepspeed.get("zero3_init_flag", False):
            problems.append(f"QLoRA under ZeRO-3 needs zero3_init_flag: false in {name} (bitsandbytes cannot "
                            "quantize weights created inside deepspeed.zero.Init)")
        if fsdp and not fsdp_config.get("fsdp_cpu_ram_efficient_loading", False):
            problems.append(f"QLoRA under FSDP needs fsdp_cpu_ram_efficient_loading: true in {name}")
    if fsdp and fsdp_config.get("fsdp_activation_checkpointing", False) and config.gradient_checkpointing:
        problems.append(f"both fsdp_activation_checkpointing ({name}) and gradient_checkpointing are on; "
                        "turn one off (gradient_checkpointing: false keeps FSDP's)")
    if (fsdp or strategy.startswith("zero")) and config.loss_kernel == "liger":
        problems.append(f"loss_kernel: liger needs the whole output head on each GPU; {strategy} shards it: "
                        "set loss_kernel: chunked")
    if mixed == "bf16" and not config.bf16 or mixed == "fp16" and not config.fp16:
        problems.append(f"{name} asks for mixed_precision: {mixed} but the training config has bf16: {config.bf16}, "
                        f"fp16: {config.fp16}; make them agree")
    if strategy.startswith("zero") and importlib.util.find_spec("deepspeed") is None:
        problems.append(f"--strategy {strategy} needs DeepSpeed: pip install deepspeed")
    return problems


def plan_launch(config: TrainConfig, gpus: int, strategy: str = "ddp", cpu: bool = False) -> LaunchPlan:
    """Check the config against the strategy and the machine; the plan, or an error listing every problem."""
    if strategy not in STRATEGIES:
        raise ChiselLLMError(f"unknown --strategy {strategy}", hint=f"use one of {', '.join(STRATEGIES)}")
    if gpus < 1:
        raise ChiselLLMError(f"--gpus must be at least 1, got {gpus}")
    path = ACCELERATE_CONFIGS / STRATEGIES[strategy]
    accel = read_accelerate_config(path)
    if cpu:
        if strategy != "ddp":
            raise ChiselLLMError("--cpu runs data parallel over gloo only", hint="use --strategy ddp with --cpu")
        accel = {**accel, "mixed_precision": "no"}
        if config.quantization_bit is not None or config.bf16 or config.fp16:
            raise ChiselLLMError("--cpu trains in float32 without quantization",
                                 hint="set quantization_bit=null bf16=false fp16=false, e.g. configs/train/tiny.yaml")
    else:
        import torch

        available = torch.cuda.device_count()
        if gpus > available:
            raise ChiselLLMError(f"--gpus {gpus} but this machine has {available} CUDA GPU(s)",
                                 hint="lower --gpus, or test the launch path on CPUs with --cpu")
    problems = launch_problems(config, strategy, accel, gpus, path.name)
    if problems:
        raise ChiselLLMError(f"this config cannot run with --strategy {strategy}:\n  - " + "\n  - ".join(problems),
                             hint=f"change the settings above, or pick another --strategy ({', '.join(STRATEGIES)})")
    return LaunchPlan(strategy=strategy, accelerate_config=path, processes=gpus, cpu=cpu)
