"""Every answer source but an answers file is a registered backend module with `create` and `identity`."""

import typing

from chisellm.config.eval import AnswerSource, EvalConfig
from chisellm.eval.backends.registry import BACKEND_MODULES, backend_identity, backend_module


def test_every_source_has_a_backend_module():
    assert set(typing.get_args(AnswerSource)) - {"answers"} == set(BACKEND_MODULES)
    for name in BACKEND_MODULES:
        module = backend_module(name)
        assert callable(module.create) and callable(module.identity), name


def test_identity_is_what_run_json_records():
    assert backend_identity(EvalConfig(eval_set="x", oracle=True)) == "oracle"
    assert backend_identity(EvalConfig(eval_set="x", answers="a.jsonl")) == "a.jsonl"
    assert backend_identity(EvalConfig(eval_set="x", model="m", backend="vllm")) == "m"
