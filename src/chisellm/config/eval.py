"""Schema of `chisellm eval`: where answers come from, how they are sampled, where results go.

Every CLI flag of `chisellm eval` maps to one key here, so a YAML file under configs/eval/ and the flags are
the same settings (`--set key=value` overrides anything).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AnswerSource = Literal["transformers", "vllm", "api", "answers", "oracle", "scripted"]
CHATTING_SOURCES = ("transformers", "vllm", "api", "scripted")  # the ones that can take repair rounds


@dataclass
class GenerationConfig:
    """Sampling settings shared by every generating backend."""

    samples: int = 1  # answers per task (n of pass@k)
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    max_new_tokens: int = 1024
    batch_size: int = 8  # prompts per generation batch
    system_prompt: str = ""  # empty: no system message (what the SFT data uses)
    seed: int = 0

    def __post_init__(self) -> None:
        if self.samples < 1:
            raise ValueError(f"generation.samples must be >= 1, got {self.samples}")
        if self.temperature < 0:
            raise ValueError(f"generation.temperature must be >= 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"generation.top_p must be in (0, 1], got {self.top_p}")
        if self.max_new_tokens < 1 or self.batch_size < 1:
            raise ValueError("generation.max_new_tokens and generation.batch_size must be >= 1")


@dataclass
class ApiConfig:
    """An OpenAI-compatible chat-completions endpoint."""

    url: str = ""  # base URL, e.g. http://127.0.0.1:8000/v1 (`/chat/completions` is appended)
    model: str = ""  # the `model` field sent with each request
    concurrency: int = 4  # requests in flight
    timeout_s: float = 120.0  # per request
    retries: int = 3  # extra attempts after a timeout, connection error, 429 or 5xx
    key_env: str = ""  # name of the environment variable that holds the API key (default: OPENAI_API_KEY)
    key: str = ""  # the key itself (--api-key); prefer key_env or OPENAI_API_KEY, which stay out of run records

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.retries < 0 or self.timeout_s <= 0:
            raise ValueError("api.concurrency >= 1, api.retries >= 0 and api.timeout_s > 0 are required")


@dataclass
class EvalConfig:
    """One evaluation run."""

    eval_set: str = ""  # a JSONL file, a folder of JSONL files, or a VerilogEval spec-to-RTL folder
    suite: str = ""  # a named suite instead of eval_set: verilog-eval-v2, rtllm-v2
    suite_path: str = ""  # a local copy of the suite's upstream problems (default: the cache, else download)
    out: str = "outputs/eval"  # results.jsonl, summary.json, report.md and report.html land here
    model: str = ""  # a model folder (merged or full) or an adapter folder (has adapter_config.json)
    adapter: str = ""  # an adapter folder; its base model is read from chisellm_run.json
    base: str = ""  # overrides the base model an adapter recorded
    answers: str = ""  # JSONL of {task_id, completion} rows generated elsewhere
    oracle: bool = False  # answer with each row's reference code (checks the eval set itself)
    allow_blackbox: bool = False  # grade Verilog black boxes like Chisel in every task (default: only where allowed)
    scripted: str = ""  # JSONL of {task_id, round, completion} replayed per repair round (tests and demos)
    rounds: int = 1  # answers per chain: after a failure the engine's diagnostic is sent back, up to rounds - 1 times
    backend: Literal["auto", "transformers", "vllm"] = "auto"  # for --model/--adapter; auto = transformers
    k: list[int] = field(default_factory=lambda: [1])
    levels: list[str] = field(default_factory=list)  # keep tasks whose level contains one of these (empty = all)
    limit: int = 0  # evaluate only the first N tasks, after the level filter (0 = all)
    verify: bool = True  # false: generate and save answers only (the reference script's --no-verify)
    quantization: Literal["none", "4bit", "8bit"] = "none"  # transformers backend: load the base through bitsandbytes
    device: str = "auto"  # transformers backend: auto, cpu, cuda
    cpu_threads: int = 0  # transformers on CPU: torch threads (0 = torch's default; 1 is far faster on a busy machine)
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    api: ApiConfig = field(default_factory=ApiConfig)

    def __post_init__(self) -> None:
        if bool(self.eval_set) == bool(self.suite):
            raise ValueError("give exactly one of eval_set (a JSONL file or folder) and suite (e.g. verilog-eval-v2)"
                             + (" (got both)" if self.eval_set else ""))
        if self.suite_path and not self.suite:
            raise ValueError("suite_path needs suite (e.g. --suite verilog-eval-v2 --suite-path DIR)")
        chosen = [name for name, on in (("model", bool(self.model)), ("adapter", bool(self.adapter)),
                                        ("api", bool(self.api.url)), ("answers", bool(self.answers)),
                                        ("oracle", self.oracle), ("scripted", bool(self.scripted))) if on]
        if len(chosen) != 1:
            raise ValueError("give exactly one answer source: --model, --adapter, --api, --answers, --oracle or --scripted"
                             + (f" (got {', '.join(chosen)})" if chosen else ""))
        if not self.k or any(k < 1 for k in self.k):
            raise ValueError(f"k must be positive integers, got {self.k}")
        if self.rounds < 1:
            raise ValueError(f"rounds must be >= 1, got {self.rounds}")
        if self.rounds > 1 and self.source not in CHATTING_SOURCES:
            raise ValueError(f"--rounds {self.rounds} needs a model that can chat (--model, --adapter, --api or "
                             f"--scripted); {self.source} answers cannot be repaired")
        if self.limit < 0 or self.cpu_threads < 0:
            raise ValueError("limit and cpu_threads must be >= 0")

    @property
    def source(self) -> AnswerSource:
        """Which backend answers the tasks."""
        if self.oracle:
            return "oracle"
        if self.answers:
            return "answers"
        if self.scripted:
            return "scripted"
        if self.api.url:
            return "api"
        return "vllm" if self.backend == "vllm" else "transformers"
