"""Answers generated elsewhere: JSONL rows `{"task_id": ..., "completion": ...}`, several rows per task for pass@k."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from chisellm.eval.grade import Answer
from chisellm.eval.tasks import EvalTask
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_jsonl_lines


def read_answers(path: str | Path, tasks: list[EvalTask]) -> list[Answer]:
    """Read an answers file; the k-th row of a task becomes its sample k.

    Rows name their task with `task_id` (or `id`) and carry the answer text in `completion`.

    Raises:
        ChiselLLMError: naming file:line for a row without those fields or with an id the eval set lacks.
    """
    known = {task.id for task in tasks}
    counts: dict[str, int] = defaultdict(int)
    answers = []
    fields = {"completion": str, "task_id": (str, int), "id": (str, int)}
    for number, row in read_jsonl_lines(path, required=("completion",), types=fields):
        task_id = row.get("task_id", row.get("id"))
        if task_id is None:
            raise ChiselLLMError(f"{path}:{number}: row has no `task_id`", hint="each row needs task_id and completion")
        task_id = str(task_id)
        if task_id not in known:
            raise ChiselLLMError(f"{path}:{number}: task `{task_id}` is not in the eval set",
                                 hint="answer tasks of the --eval-set given (ids must match exactly)")
        answers.append(Answer(task_id, counts[task_id], row["completion"]))
        counts[task_id] += 1
    if not answers:
        raise ChiselLLMError(f"{path}: no answers", hint="write one {\"task_id\", \"completion\"} object per line")
    return answers
