"""The HTTP server: OpenAI-compatible chat, /v1/verify, /v1/agent (the repair loop's steps as server-sent
events), /health, and the web workbench at `/`. Bad input is a 4xx JSON error naming the problem."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from chisellm.eval.backends.base import Conversation, GenerationBackend
from chisellm.eval.design import design_task
from chisellm.eval.extract import extract_chisel
from chisellm.eval.repair import Final, RepairSettings, Verified, repair_loop, step_json
from chisellm.hdl import Candidate, Result, Vectors, VerilogEvalBench
from chisellm.serve.limits import ApiError, InFlight, ServeSettings, check_token, field_of, parse_body
from chisellm.serve.verify_queue import VerifyQueue
from chisellm.serve.waveform import Marker, parse_vcd, render_svg
from chisellm.utils.errors import ChiselLLMError

STATIC = ("index.html", "app.js", "style.css")
MEDIA = {"html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}
MAX_ROUNDS = 10


def create_app(settings: ServeSettings, backend: GenerationBackend | None = None) -> FastAPI:
    """The server. Without a backend, chat and agent answer 409 and the workbench verifies pasted code only."""
    app = FastAPI(title="ChiseLLM", docs_url=None, redoc_url=None, openapi_url=None)
    in_flight = InFlight(settings.max_in_flight)
    verifier = VerifyQueue()
    backend_lock = asyncio.Lock()  # local models generate one request at a time

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(ApiError(500, f"internal error: {type(exc).__name__}", "server_error").body(), status_code=500)

    async def guarded_body(request: Request) -> dict[str, Any]:
        check_token(request.headers.get("authorization"), settings.api_key)
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > settings.max_body_bytes:
            raise ApiError(413, f"request body has {declared} bytes, the limit is {settings.max_body_bytes}")
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > settings.max_body_bytes:
                raise ApiError(413, f"request body is over the limit of {settings.max_body_bytes} bytes")
        return parse_body(raw, settings.max_body_bytes)

    @app.get("/health")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "model": settings.model_name if backend else None, "in_flight": in_flight.count}

    @app.get("/v1/models")
    async def models(request: Request) -> dict[str, Any]:
        check_token(request.headers.get("authorization"), settings.api_key)
        data = [{"id": settings.model_name, "object": "model", "created": 0, "owned_by": "chisellm"}] if backend else []
        return {"object": "list", "data": data}

    @app.post("/v1/verify")
    async def verify(request: Request) -> dict[str, Any]:
        data = await guarded_body(request)
        candidate = candidate_from(data)
        in_flight.enter()
        try:
            result = await asyncio.wrap_future(verifier.submit(candidate))
        finally:
            in_flight.leave()
        return result_json(result, data.get("want_vcd") is True)

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> Response:
        data = await guarded_body(request)
        messages = chat_messages_of(data)
        n = field_of(data, "n", int, required=False, default=1)
        if not 1 <= n <= 8:
            raise ApiError(422, f"field `n` must be between 1 and 8, got {n}")
        stream = field_of(data, "stream", bool, required=False, default=False)
        model = require_backend(backend)
        in_flight.enter()
        try:
            async with backend_lock:
                task = design_task(messages[-1]["content"] or "chat", "TopModule", task_id="chat")
                texts = (await run_in_threadpool(model.chat, [Conversation(task, 0, tuple(messages))], n))[0]
        except ChiselLLMError as exc:
            raise ApiError(502, f"the model backend failed: {exc.message}", "server_error") from None
        finally:
            in_flight.leave()
        completion_id, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if stream:
            return StreamingResponse(chat_chunks(completion_id, created, settings.model_name, texts[0]),
                                     media_type="text/event-stream")
        choices = [{"index": i, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                   for i, text in enumerate(texts[:n])]
        return JSONResponse({"id": completion_id, "object": "chat.completion", "created": created,
                             "model": settings.model_name, "choices": choices,
                             "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})

    @app.post("/v1/agent")
    async def agent(request: Request) -> StreamingResponse:
        data = await guarded_body(request)
        model = require_backend(backend)
        task = task_from(data)
        rounds = field_of(data, "rounds", int, required=False, default=settings.rounds)
        if not 1 <= rounds <= MAX_ROUNDS:
            raise ApiError(422, f"field `rounds` must be between 1 and {MAX_ROUNDS}, got {rounds}")
        in_flight.enter()
        return StreamingResponse(agent_events(model, task, rounds, in_flight), media_type="text/event-stream")

    @app.post("/v1/waveform")
    async def waveform(request: Request) -> dict[str, Any]:
        data = await guarded_body(request)
        vcd = field_of(data, "vcd", str)
        try:
            wave = parse_vcd(vcd)
        except ChiselLLMError as exc:
            raise ApiError(422, exc.message) from None
        return {"svg": render_svg(wave, marker_of(data.get("mismatch")))}

    @app.get("/")
    async def index() -> HTMLResponse:
        return HTMLResponse(_asset("index.html"))

    @app.get("/static/{name}")
    async def static(name: str) -> Response:
        if name not in STATIC:
            raise ApiError(404, f"no asset `{name}`")
        return Response(_asset(name), media_type=MEDIA[name.rsplit(".", 1)[-1]])

    return app


def _asset(name: str) -> str:
    return resources.files("chisellm.serve").joinpath("static", name).read_text(encoding="utf-8")


def require_backend(backend: GenerationBackend | None) -> GenerationBackend:
    if backend is None:
        raise ApiError(409, "this server has no model (start it with --model, --adapter, --api or --scripted)")
    return backend


def chat_messages_of(data: dict[str, Any]) -> list[dict[str, str]]:
    """The `messages` of a chat request, checked: a non-empty list of {role, content} ending on a user turn."""
    messages = field_of(data, "messages", list)
    out = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("system", "user", "assistant") \
                or not isinstance(message.get("content"), str):
            raise ApiError(422, f"messages[{i}] must be {{\"role\": system|user|assistant, \"content\": string}}")
        out.append({"role": message["role"], "content": message["content"]})
    if not out or out[-1]["role"] != "user":
        raise ApiError(422, "messages must end with a user message")
    return out


def chat_chunks(completion_id: str, created: int, model: str, text: str) -> Iterator[str]:
    """A finished completion as OpenAI `chat.completion.chunk` events (role, content pieces, stop, [DONE])."""
    def chunk(delta: dict[str, str], finish: str | None = None) -> str:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        return f"data: {json.dumps(body)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for start in range(0, len(text), 64):
        yield chunk({"content": text[start:start + 64]})
    yield chunk({}, "stop")
    yield "data: [DONE]\n\n"


def candidate_from(data: dict[str, Any]) -> Candidate:
    """A verify request as an engine candidate; 422 naming the field for anything missing or malformed."""
    source = data.get("source", data.get("code"))
    if not isinstance(source, str) or not source.strip():
        raise ApiError(422, "missing field `source` (the Chisel code)")
    top = field_of(data, "top", str)
    extraction = extract_chisel(source, top, allow_other_top=False)
    if not extraction.ok:
        raise ApiError(422, f"unknown top `{top}`: {extraction.error}")
    top_args = field_of(data, "top_args", str, required=False, default="")
    vectors, bench = vectors_and_bench(data)
    # The engine's VCD switch, once `Candidate` has it (results then carry `vcd`).
    vcd = {"want_vcd": True} if data.get("want_vcd") is True and "want_vcd" in Candidate.__dataclass_fields__ else {}
    return Candidate(source=source, top=top, vectors=vectors, top_args=top_args, bench=bench, **vcd)


def vectors_and_bench(data: dict[str, Any]) -> tuple[Vectors | None, VerilogEvalBench | None]:
    raw_vectors = field_of(data, "vectors", dict, required=False)
    raw_bench = field_of(data, "bench", dict, required=False)
    if raw_vectors is not None and raw_bench is not None:
        raise ApiError(422, "give `vectors` or `bench`, not both")
    vectors = bench = None
    if raw_vectors is not None:
        try:
            vectors = Vectors.from_json(raw_vectors, source="vectors")
        except (ChiselLLMError, KeyError, TypeError, ValueError) as exc:
            raise ApiError(422, f"field `vectors` is malformed: {getattr(exc, 'message', exc)}") from None
    if raw_bench is not None:
        bench = VerilogEvalBench(field_of(raw_bench, "ref_sv", str), field_of(raw_bench, "test_sv", str))
    return vectors, bench


def task_from(data: dict[str, Any]):
    spec = field_of(data, "spec", str)
    top = field_of(data, "top", str)
    vectors, bench = vectors_and_bench(data)
    try:
        return design_task(spec, top, vectors=vectors, bench=bench,
                           top_args=field_of(data, "top_args", str, required=False, default=""))
    except ChiselLLMError as exc:
        raise ApiError(422, exc.message) from None


def marker_of(mismatch: Any) -> Marker | None:
    if not isinstance(mismatch, dict) or not isinstance(mismatch.get("cycle"), int):
        return None
    note = f"expected {mismatch.get('expected')}, got {mismatch.get('got')}" if "expected" in mismatch else ""
    return Marker(mismatch["cycle"], str(mismatch.get("port", "")), note)


def waveform_svg(vcd: str | None, mismatch: dict[str, Any] | None) -> str | None:
    """The SVG of a result's VCD (None without one, or when it does not parse)."""
    if not vcd:
        return None
    try:
        return render_svg(parse_vcd(vcd), marker_of(mismatch))
    except ChiselLLMError:
        return None


def result_json(result: Result, with_vcd: bool) -> dict[str, Any]:
    out = result.to_json(with_verilog=True)
    vcd = getattr(result, "vcd", None)  # the engine's VCD field, once it has one
    out["waveform_svg"] = waveform_svg(vcd, out["mismatch"])
    if with_vcd:
        out["vcd"] = vcd
    return out


def agent_events(backend: GenerationBackend, task, rounds: int, in_flight: InFlight) -> Iterator[str]:
    """The repair loop's steps as server-sent events; Verified steps carry the waveform SVG when there is a VCD."""
    try:
        for step in repair_loop(backend, [task], RepairSettings(rounds=rounds, chunk=1)):
            body = step_json(step)
            if isinstance(step, Verified):
                body["waveform_svg"] = waveform_svg(step.vcd, step.graded.mismatch)
                body["code"] = extract_chisel(step.graded.completion, task.module_name).code  # diagnostics' lines
                body.pop("vcd", None)
            yield f"data: {json.dumps(body)}\n\n"
            if isinstance(step, Final):
                break
    except ChiselLLMError as exc:
        yield f"data: {json.dumps({'type': 'error', 'message': exc.message})}\n\n"
    finally:
        in_flight.leave()
    yield "data: [DONE]\n\n"
