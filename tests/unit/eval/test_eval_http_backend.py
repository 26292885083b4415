"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1 serving canned completions."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chisellm.config.eval import ApiConfig, GenerationConfig
from chisellm.eval.backends.openai_api import OpenAIChatBackend
from chisellm.eval.tasks import load_eval_set
from chisellm.utils.errors import ChiselLLMError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


class CannedServer:
    """A chat-completions server: answers `Answer to <last words of prompt> #i`, with scripted failures."""

    def __init__(self, fail_first: int = 0, fail_status: int = 503, max_n: int = 100, delay_s: float = 0.0):
        self.fail_first, self.fail_status, self.max_n, self.delay_s = fail_first, fail_status, max_n, delay_s
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.in_flight = 0
        self.peak_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    server.requests.append(body)
                    server.headers.append(dict(self.headers))
                    failing = len(server.requests) <= server.fail_first
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                try:
                    time.sleep(server.delay_s)
                    if self.path != "/v1/chat/completions":
                        return self._send(404, {"error": "not found"})
                    if failing:
                        return self._send(server.fail_status, {"error": "busy"})
                    prompt = body["messages"][-1]["content"]
                    n = min(body.get("n", 1), server.max_n)
                    choices = [{"index": i, "message": {"role": "assistant", "content": f"Answer to {prompt[:20]} #{i}"},
                                "finish_reason": "stop"} for i in range(n)]
                    self._send(200, {"id": "x", "object": "chat.completion", "choices": choices})
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _send(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def tasks():
    return load_eval_set(FIXTURES / "eval_ours.jsonl")


def backend(url, **api):
    config = ApiConfig(url=url, model="canned", **{"timeout_s": 5.0, "retries": 2, **api})
    return OpenAIChatBackend(config, GenerationConfig(temperature=0.7, max_new_tokens=64, system_prompt="Be brief."),
                             backoff_s=0.01)


def test_completions_in_task_order_with_n_samples(tasks):
    with CannedServer() as server:
        out = backend(server.url).generate(tasks, n=3)
    assert [len(answers) for answers in out] == [3] * len(tasks)
    for task, answers in zip(tasks, out):
        assert answers == [f"Answer to {task.prompt[:20]} #{i}" for i in range(3)]
    first = server.requests[0]
    assert first["model"] == "canned" and first["n"] == 3 and first["max_tokens"] == 64 and first["temperature"] == 0.7
    assert first["messages"][0] == {"role": "system", "content": "Be brief."}


def test_server_ignoring_n_is_asked_again(tasks):
    with CannedServer(max_n=1) as server:
        out = backend(server.url).generate(tasks[:2], n=3)
    assert all(len(answers) == 3 for answers in out)
    assert len(server.requests) == 6


def test_retries_on_503_then_succeeds(tasks):
    with CannedServer(fail_first=2) as server:
        out = backend(server.url, concurrency=1).generate(tasks[:1], n=1)
    assert out[0][0].startswith("Answer to") and len(server.requests) == 3


def test_gives_up_after_retries(tasks):
    with CannedServer(fail_first=100) as server:
        with pytest.raises(ChiselLLMError, match="no answer after 3 attempts"):
            backend(server.url, concurrency=1).generate(tasks[:1], n=1)


def test_client_error_is_not_retried(tasks):
    with CannedServer(fail_first=100, fail_status=401) as server:
        with pytest.raises(ChiselLLMError, match="HTTP 401"):
            backend(server.url, concurrency=1).generate(tasks[:1], n=1)
    assert len(server.requests) == 1


def test_timeout_is_retried_then_reported(tasks):
    with CannedServer(delay_s=1.0) as server:
        with pytest.raises(ChiselLLMError, match="no answer after 2 attempts"):
            backend(server.url, timeout_s=0.2, retries=1, concurrency=1).generate(tasks[:1], n=1)


def test_requests_run_concurrently(tasks):
    with CannedServer(delay_s=0.3) as server:
        began = time.perf_counter()
        backend(server.url, concurrency=4).generate(tasks, n=1)
        elapsed = time.perf_counter() - began
    assert server.peak_in_flight >= 2 and elapsed < 0.3 * len(tasks)


def test_api_key_from_named_env_var(tasks, monkeypatch):
    monkeypatch.setenv("CHISELLM_TEST_KEY", "sekrit")
    with CannedServer() as server:
        backend(server.url, key_env="CHISELLM_TEST_KEY").generate(tasks[:1], n=1)
    assert server.headers[0]["Authorization"] == "Bearer sekrit"
    monkeypatch.delenv("CHISELLM_TEST_KEY")
    with pytest.raises(ChiselLLMError, match="CHISELLM_TEST_KEY"):
        backend(server.url, key_env="CHISELLM_TEST_KEY")
