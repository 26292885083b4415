"""`chisellm bench data`: the full build (generation and verification of the training and eval sets) from
scratch, timed: a fresh build folder, a fresh engine with its on-disk result cache off, and outputs written to
a temporary folder so the shipped files stay as they are."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from chisellm.config.data import DataConfig
from chisellm.utils.io import atomic_write_text

TARGET_SECONDS = 30 * 60  # issue 3: the full build on the 2-core dev machine


def bench_data(cfg: DataConfig, out: Path, config_path: str, log=print) -> dict[str, Any]:
    """Build everything `cfg` describes from scratch and report time and throughput.

    Args:
        cfg: The data config (its output paths are redirected to a temporary folder).
        out: The JSON report.
        config_path: Named in the report.
        log: Progress lines.
    """
    from chisellm.data.build import build_dataset
    from chisellm.data.card import sha256_file
    from chisellm.hdl.engine import Engine, EngineOptions

    with tempfile.TemporaryDirectory(prefix="chisellm-bench-data-") as tmp:
        run_cfg = dataclasses.replace(
            cfg, out=str(Path(tmp) / "dataset" / Path(cfg.out).name), build_dir=str(Path(tmp) / "build"),
            eval=dataclasses.replace(cfg.eval, out=str(Path(tmp) / "eval" / Path(cfg.eval.out).name)))
        load_before = os.getloadavg()[0]
        start = time.monotonic()
        with Engine(EngineOptions(cache_dir=None)) as engine:
            report = build_dataset(run_cfg, log=log, config_path=config_path, engine=engine)
        seconds = time.monotonic() - start
        load_after = os.getloadavg()[0]
        # Same config and seed must give the shipped bytes, whatever the cache held.
        same_bytes = Path(cfg.out).exists() and sha256_file(Path(run_cfg.out)) == sha256_file(Path(cfg.out))
    assert report is not None
    result = {
        "config": config_path, "seconds": round(seconds, 1), "target_seconds": TARGET_SECONDS,
        "within_target": seconds <= TARGET_SECONDS, "train_rows": report.train_rows, "eval_rows": report.eval_rows,
        "candidates_verified": report.verify.verified,
        "verified_per_second": round(report.verify.verified / seconds, 2) if seconds else 0.0,
        "engine_per_second": round(report.verify.per_second, 2), "rejects": report.rejects,
        "same_bytes_as_shipped": same_bytes,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_before": round(load_before, 2), "load_average_after": round(load_after, 2)},
    }
    atomic_write_text(out, json.dumps(result, indent=2) + "\n")
    return result
