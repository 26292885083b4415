"""`chisellm serve`: the OpenAI-compatible API, /v1/verify, /v1/agent and the web workbench."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import typer

from chisellm.utils.errors import ChiselLLMError

INSTALL_HINT = "pip install 'chisellm[serve]' (FastAPI and uvicorn)"


def serve_command(
    model: Optional[str] = typer.Option(None, "--model", help="Model folder, or an adapter folder."),
    adapter: Optional[str] = typer.Option(None, "--adapter", help="Adapter folder; its base comes from chisellm_run.json."),
    api: Optional[str] = typer.Option(None, "--api", help="Proxy to this OpenAI-compatible server (base URL)."),
    api_model: Optional[str] = typer.Option(None, "--api-model", help="Model name sent to --api."),
    scripted: Optional[Path] = typer.Option(None, "--scripted", help="Replay answers per round from this JSONL (demos)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    api_key: Optional[str] = typer.Option(None, "--api-key", help="Require this bearer token (default: $CHISELLM_API_KEY)."),
    rounds: int = typer.Option(3, "--rounds", help="Default repair rounds of /v1/agent."),
    max_body: int = typer.Option(1_000_000, "--max-body", help="Largest request body in bytes (larger: 413)."),
    max_in_flight: int = typer.Option(64, "--max-in-flight", help="Most requests served at once (more: 429)."),
    sets: list[str] = typer.Option([], "--set", help="Any eval config key for the model, e.g. --set generation.max_new_tokens=2048."),
) -> None:
    """Serve the workbench at / and the API under /v1; without a model it verifies pasted code only."""
    try:
        import uvicorn

        from chisellm.serve.app import create_app
    except ImportError:
        raise ChiselLLMError("`chisellm serve` needs FastAPI and uvicorn", hint=INSTALL_HINT) from None
    from chisellm.serve.limits import ServeSettings

    backend, name = None, "none"
    if any((model, adapter, api, scripted)):
        from chisellm.config import load_config
        from chisellm.config.eval import EvalConfig
        from chisellm.eval.backends import make_backend

        flags = {"eval_set": "serve", "model": model, "adapter": adapter, "api.url": api, "api.model": api_model,
                 "scripted": str(scripted) if scripted else None}
        config = load_config(EvalConfig, None, [f"{k}={json.dumps(v)}" for k, v in flags.items() if v is not None] + sets)
        backend = make_backend(config)
        name = api_model or (Path(model or adapter).name if (model or adapter) else "scripted")
    settings = ServeSettings(api_key=api_key or os.environ.get("CHISELLM_API_KEY", ""), max_body_bytes=max_body,
                             max_in_flight=max_in_flight, model_name=name, rounds=rounds)
    typer.echo(f"workbench: http://{host}:{port}/  (model: {name}; token {'required' if settings.api_key else 'off'})",
               err=True)
    uvicorn.run(create_app(settings, backend), host=host, port=port, log_level="warning")
