"""The local transformers backend on a tiny random Qwen2 (CPU): batching, adapter, chat template, EOS."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))
from tiny_qwen import build_adapter, build_base  # noqa: E402

from chisellm.config.eval import GenerationConfig  # noqa: E402
from chisellm.eval.backends.base import first_turn  # noqa: E402
from chisellm.eval.backends.transformers_backend import TransformersBackend  # noqa: E402
from chisellm.eval.tasks import load_eval_set  # noqa: E402
from chisellm.config.model_source import resolve_model_source  # noqa: E402

pytestmark = pytest.mark.train
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("hf")
    base = build_base(root / "base")
    adapter = build_adapter(base, root / "adapter")
    return base, adapter, load_eval_set(FIXTURES / "eval_ours.jsonl")


def test_batched_greedy_equals_one_by_one_and_adapter_matters(setup):
    base, adapter, tasks = setup
    batched = TransformersBackend(resolve_model_source(adapter), GenerationConfig(max_new_tokens=6, batch_size=4), "cpu")
    single = TransformersBackend(resolve_model_source(adapter), GenerationConfig(max_new_tokens=6, batch_size=1), "cpu")
    plain = TransformersBackend(resolve_model_source(base), GenerationConfig(max_new_tokens=6, batch_size=4), "cpu")
    out_batched = batched.chat([first_turn(t, '') for t in tasks], n=2)
    assert [len(x) for x in out_batched] == [2] * len(tasks)
    assert all(x[0] == x[1] for x in out_batched)  # greedy: one answer, copied
    assert out_batched == single.chat([first_turn(t, '') for t in tasks], n=2)  # left padding does not change answers
    assert plain.chat([first_turn(t, '') for t in tasks], n=1) != [x[:1] for x in out_batched]  # the adapter is applied


def test_sampling_gives_n_answers_and_stops_on_chat_end(setup):
    base, adapter, tasks = setup
    backend = TransformersBackend(resolve_model_source(adapter),
                                  GenerationConfig(max_new_tokens=5, batch_size=2, temperature=1.0, seed=3), "cpu")
    out = backend.chat([first_turn(t, '') for t in tasks[:3]], n=3)
    assert [len(x) for x in out] == [3, 3, 3] and all(isinstance(a, str) for x in out for a in x)
    assert backend.tokenizer.convert_tokens_to_ids("<|im_end|>") in backend.stop_ids
    assert "<|im_start|>assistant" in backend.tokenizer.apply_chat_template(
        [{"role": "user", "content": "x"}], tokenize=False, add_generation_prompt=True)


@pytest.mark.gpu
def test_generates_on_cuda_in_bf16(setup):
    import torch

    base, adapter, tasks = setup
    backend = TransformersBackend(resolve_model_source(adapter), GenerationConfig(max_new_tokens=8, batch_size=4), "auto")
    assert backend.device == "cuda" and next(backend.model.parameters()).dtype == torch.bfloat16
    out = backend.chat([first_turn(t, '') for t in tasks], n=1)
    assert len(out) == len(tasks) and all(len(x) == 1 for x in out)
