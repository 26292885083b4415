"""The server without the toolchain: the OpenAI client against chat completions (plain and streamed) with the
scripted backend, /v1/models, /health, the workbench assets, and 4xx JSON errors for every kind of bad request."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
openai = pytest.importorskip("openai")


from chisellm.eval.backends.scripted import ScriptedBackend  # noqa: E402
from chisellm.serve.app import create_app  # noqa: E402
from chisellm.serve.background import BackgroundServer as LiveServer  # noqa: E402
from chisellm.serve.limits import ServeSettings  # noqa: E402

SCRIPT = [{"round": 1, "completion": "first answer " * 20}, {"round": 2, "completion": "second answer"}]


@pytest.fixture(scope="module")
def server():
    app = create_app(ServeSettings(api_key="sekrit", max_body_bytes=20_000, model_name="scripted-demo"),
                     ScriptedBackend(SCRIPT))
    with LiveServer(app) as url:
        yield url


def post(url, path, body, token="sekrit", raw=None):
    data = raw if raw is not None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url + path, data=data, headers=headers)) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_openai_client_chats_plain_and_streamed(server):
    client = openai.OpenAI(base_url=server + "/v1", api_key="sekrit")
    assert [m.id for m in client.models.list().data] == ["scripted-demo"]
    reply = client.chat.completions.create(model="scripted-demo", messages=[{"role": "user", "content": "an adder"}])
    assert reply.choices[0].message.content == SCRIPT[0]["completion"]
    # A conversation with one assistant turn is round 2 for the scripted backend.
    history = [{"role": "user", "content": "an adder"}, {"role": "assistant", "content": "x"},
               {"role": "user", "content": "it failed"}]
    stream = client.chat.completions.create(model="scripted-demo", messages=history, stream=True)
    assert "".join(chunk.choices[0].delta.content or "" for chunk in stream) == "second answer"
    long = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "a"}], stream=True)
    pieces = [chunk.choices[0].delta.content or "" for chunk in long]
    assert len([p for p in pieces if p]) > 1 and "".join(pieces) == SCRIPT[0]["completion"]  # really chunked


def test_wrong_token_is_401_and_health_and_page_need_none(server):
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=server + "/v1", api_key="wrong", max_retries=0).models.list()
    with urllib.request.urlopen(server + "/health") as response:
        assert json.loads(response.read())["status"] == "ok"
    with urllib.request.urlopen(server + "/") as response:
        page = response.read().decode()
    assert "/static/app.js" in page and "http" not in page.replace("http-equiv", "")  # nothing from a CDN
    with urllib.request.urlopen(server + "/static/app.js") as response:
        assert "runAgent" in response.read().decode()


@pytest.mark.parametrize("path, body, raw, status, words", [
    ("/v1/verify", None, b"{not json", 400, "not valid JSON"),
    ("/v1/verify", None, b"[1, 2]", 400, "must be a JSON object"),
    ("/v1/verify", {"top": "A"}, None, 422, "missing field `source`"),
    ("/v1/verify", {"source": "class A extends Module {}"}, None, 422, "missing field `top`"),
    ("/v1/verify", {"source": "class A extends Module {}", "top": "Nope"}, None, 422, "unknown top `Nope`"),
    ("/v1/verify", {"source": "class A extends Module {}", "top": "A", "vectors": {"inputs": 3}}, None, 422,
     "field `vectors` is malformed"),
    ("/v1/verify", {"source": "x" * 30_000, "top": "A"}, None, 413, "limit is 20000"),
    ("/v1/chat/completions", {"messages": []}, None, 422, "end with a user message"),
    ("/v1/chat/completions", {"messages": [{"role": "user", "content": "a"}], "n": "2"}, None, 422, "`n` must be int"),
    ("/v1/agent", {"spec": "an adder"}, None, 422, "missing field `top`"),
    ("/v1/agent", {"spec": "an adder", "top": "A", "rounds": 99}, None, 422, "`rounds` must be between 1 and 10"),
    ("/v1/waveform", {"vcd": "hello"}, None, 422, "not a VCD"),
])
def test_bad_requests_get_4xx_json_naming_the_problem(server, path, body, raw, status, words):
    code, reply = post(server, path, body, raw=raw)
    assert code == status and words in reply["error"]["message"], reply


def test_full_server_answers_429_and_no_model_answers_409():
    with LiveServer(create_app(ServeSettings(max_in_flight=0))) as url:
        code, reply = post(url, "/v1/verify", {"source": "class A extends Module {}", "top": "A"}, token=None)
        assert code == 429 and reply["error"]["type"] == "rate_limit_error"
        code, reply = post(url, "/v1/agent", {"spec": "an adder", "top": "A"}, token=None)
        assert code == 409 and "has no model" in reply["error"]["message"]
