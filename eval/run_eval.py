#!/usr/bin/env python3
"""The reference workflow's entry point, kept working: a thin wrapper of `chisellm eval`.

    python eval/run_eval.py --model outputs/chisel-coder-lora --eval-set eval/eval_set_v1.jsonl

Every `chisellm eval` flag works here (see `chisellm eval --help`); `compare A.json B.json` too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Works from a plain checkout too: prefer the repository's own sources over an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from chisellm.cli.main import main  # noqa: E402

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "eval", *sys.argv[1:]]
    main()
