"""Terminal tables and progress bars, drawn by `rich` (plain text when the output is not a terminal)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None, left_columns: int = 1
) -> str:
    """A table as text: the first `left_columns` columns left-aligned, the rest (numbers) right-aligned."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i < left_columns else "right", no_wrap=True)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    width = sum(max(len(str(h)), *(len(str(r[i])) for r in rows)) + 3 for i, h in enumerate(headers)) if rows else 80
    console = Console(file=io.StringIO(), width=max(width, 40), color_system=None, force_terminal=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().rstrip().splitlines())  # type: ignore[attr-defined]


@contextmanager
def progress(description: str, total: int, log: Callable[[str], None] | None = None) -> Iterator[Callable[[int], None]]:
    """Yield `update(done)`; draws a bar with elapsed time and ETA on a terminal's stderr, else hands
    `description done/total` lines to `log` (when given), so logs and pipes stay line-based."""
    if not sys.stderr.isatty():
        yield (lambda done: log(f"{description} {done}/{total}")) if log else (lambda done: None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)
