"""The results folder of one eval run, written row by row so an interrupted run resumes where it stopped.

Layout of `--out DIR`:
  run.json           what was evaluated (source, eval set digest, sampling); a resume must match it
  completions.jsonl  every generated answer, appended as each generation batch finishes
  results.jsonl      every graded answer, appended as each grading batch finishes
  summary.json, report.md, report.html   written at the end
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from chisellm.eval.grade import Answer, GradedAnswer
from chisellm.eval.tasks import EvalTask
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import append_jsonl, atomic_write_text, read_json, read_jsonl, repair_torn_tail


def eval_set_digest(tasks: list[EvalTask]) -> str:
    """A short hash of the task ids and prompts: a resume against a different eval set is refused."""
    h = hashlib.sha256()
    for task in tasks:
        h.update(f"{task.id}\0{task.prompt}\0{task.module_name}\0".encode())
    return h.hexdigest()[:16]


class ResultStore:
    """Reads and appends the per-answer files of one run folder."""

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self.run_file = self.out_dir / "run.json"
        self.completions_file = self.out_dir / "completions.jsonl"
        self.results_file = self.out_dir / "results.jsonl"

    def open(self, identity: dict[str, Any]) -> bool:
        """Start or resume the run described by `identity`; returns True when resuming.

        Raises:
            ChiselLLMError: when the folder holds a run of something else (another model or eval set).
        """
        if self.run_file.exists() and not self._has_rows():
            self.run_file.unlink()  # a run that failed before its first answer (e.g. a mistyped URL) holds nothing
        if self.run_file.exists():
            previous = read_json(self.run_file, "run description")
            if not isinstance(previous, dict):
                raise ChiselLLMError(f"{self.run_file}: not a run description", hint="pass a new --out folder")
            changed = sorted(key for key in set(previous) | set(identity) if previous.get(key) != identity.get(key))
            if changed:
                raise ChiselLLMError(f"{self.run_file}: this folder holds another run (differs in {', '.join(changed)})",
                                     hint="pass a new --out folder, or delete this one to start over")
            return True
        atomic_write_text(self.run_file, json.dumps(identity, indent=2, sort_keys=True) + "\n")
        return False

    def _has_rows(self) -> bool:
        return any(path.exists() and path.stat().st_size for path in (self.completions_file, self.results_file))

    def completions(self) -> dict[tuple[str, int, int], Answer]:
        """Answers generated so far (a half-written last line from an interrupted run is ignored)."""
        if not self.completions_file.exists():
            return {}
        answers = (Answer(row["task_id"], int(row["sample"]), row["completion"], int(row.get("round", 1)))
                   for row in read_jsonl(self.completions_file, ("task_id", "sample", "completion"), skip_truncated_tail=True))
        return {a.key: a for a in answers}

    def graded(self) -> dict[tuple[str, int, int], GradedAnswer]:
        """Answers graded so far."""
        if not self.results_file.exists():
            return {}
        rows = read_jsonl(self.results_file, ("task_id", "sample", "verdict", "passed"), skip_truncated_tail=True)
        graded = (GradedAnswer.from_json(row) for row in rows)
        return {g.key: g for g in graded}

    def add_completion(self, answer: Answer) -> None:
        append_jsonl(self.completions_file, {"task_id": answer.task_id, "sample": answer.sample,
                                             "round": answer.round, "completion": answer.completion})

    def add_graded(self, graded: GradedAnswer) -> None:
        append_jsonl(self.results_file, graded.to_json())

    def drop_partial_tails(self) -> None:
        """Cut a last line an interrupted writer left unfinished, so the next append starts on a clean line."""
        for path in (self.completions_file, self.results_file):
            repair_torn_tail(path)
