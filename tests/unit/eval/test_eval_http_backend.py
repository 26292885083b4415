"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 serving canned completions."""

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fixtures" / "eval"))
from canned_chat_server import CannedServer  # noqa: E402

from chisellm.config.eval import ApiConfig, GenerationConfig  # noqa: E402
from chisellm.eval.backends.base import first_turn  # noqa: E402
from chisellm.eval.backends.openai_api import OpenAIChatBackend  # noqa: E402
from chisellm.eval.tasks import load_eval_set  # noqa: E402
from chisellm.utils.errors import ChiselLLMError  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="module")
def tasks():
    return load_eval_set(FIXTURES / "eval_ours.jsonl")


def turns(tasks):
    return [first_turn(t, "Be brief.") for t in tasks]


def backend(url, **api):
    config = ApiConfig(url=url, model="canned", **{"timeout_s": 5.0, "retries": 2, **api})
    return OpenAIChatBackend(config, GenerationConfig(temperature=0.7, max_new_tokens=64, system_prompt="Be brief."))


def test_completions_in_task_order_with_n_samples(tasks):
    with CannedServer() as server:
        out = backend(server.url).chat(turns(tasks), n=3)
    assert [len(answers) for answers in out] == [3] * len(tasks)
    for task, answers in zip(tasks, out):
        assert answers == [f"Answer to {task.prompt[:20]} #{i}" for i in range(3)]
    first = server.requests[0]
    assert first["model"] == "canned" and first["n"] == 3 and first["max_tokens"] == 64 and first["temperature"] == 0.7
    assert first["messages"][0] == {"role": "system", "content": "Be brief."}


def test_server_ignoring_n_is_asked_again(tasks):
    with CannedServer(max_n=1) as server:
        out = backend(server.url).chat(turns(tasks[:2]), n=3)
    assert all(len(answers) == 3 for answers in out)
    assert len(server.requests) == 6


def test_retries_on_503_then_succeeds(tasks):
    with CannedServer(fail_first=2) as server:
        out = backend(server.url, concurrency=1).chat(turns(tasks[:1]), n=1)
    assert out[0][0].startswith("Answer to") and len(server.requests) == 3


def test_gives_up_after_retries(tasks):
    with CannedServer(fail_first=100) as server:
        with pytest.raises(ChiselLLMError, match="no answer after 3 attempts"):
            backend(server.url, concurrency=1).chat(turns(tasks[:1]), n=1)


def test_client_error_is_not_retried(tasks):
    with CannedServer(fail_first=100, fail_status=401) as server:
        with pytest.raises(ChiselLLMError, match="HTTP 401"):
            backend(server.url, concurrency=1).chat(turns(tasks[:1]), n=1)
    assert len(server.requests) == 1


def test_timeout_is_retried_then_reported(tasks):
    with CannedServer(delay_s=1.0) as server:
        with pytest.raises(ChiselLLMError, match="no answer after 2 attempts"):
            backend(server.url, timeout_s=0.2, retries=1, concurrency=1).chat(turns(tasks[:1]), n=1)


def test_requests_run_concurrently(tasks):
    with CannedServer(delay_s=0.3) as server:
        began = time.perf_counter()
        backend(server.url, concurrency=4).chat(turns(tasks), n=1)
        elapsed = time.perf_counter() - began
    assert server.peak_in_flight >= 2 and elapsed < 0.3 * len(tasks)


def test_api_key_from_named_env_var(tasks, monkeypatch):
    monkeypatch.setenv("CHISELLM_TEST_KEY", "sekrit")
    with CannedServer() as server:
        backend(server.url, key_env="CHISELLM_TEST_KEY").chat(turns(tasks[:1]), n=1)
    assert {k.lower(): v for k, v in server.headers[0].items()}["authorization"] == "Bearer sekrit"
    monkeypatch.delenv("CHISELLM_TEST_KEY")
    with pytest.raises(ChiselLLMError, match="CHISELLM_TEST_KEY"):
        backend(server.url, key_env="CHISELLM_TEST_KEY")


def test_key_from_openai_api_key_or_the_flag(tasks, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    with CannedServer() as server:
        backend(server.url).chat(turns(tasks[:1]), n=1)
        backend(server.url, key="from-flag").chat(turns(tasks[:1]), n=1)
    keys = [{k.lower(): v for k, v in h.items()}["authorization"] for h in server.headers]
    assert keys == ["Bearer from-env", "Bearer from-flag"]


def test_model_defaults_to_the_servers_first(tasks):
    with CannedServer() as server:
        config = ApiConfig(url=server.url, timeout_s=5.0, retries=0)
        chat = OpenAIChatBackend(config, GenerationConfig(max_new_tokens=16))
        chat.chat(turns(tasks[:1]), n=1)
    assert server.requests[0]["model"] == chat.model and chat.model
