"""Find and read the training data: an alpaca JSONL file, or a name listed in `<dataset_dir>/dataset_info.json`.

Rows are checked as they are read; a bad row is an error naming its file and line. The file's sha256 and row count
form the fingerprint saved beside every checkpoint.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_json

# alpaca column -> LLaMA-Factory `columns` key that may rename it
_COLUMN_KEYS = {"instruction": "prompt", "input": "query", "output": "response", "system": "system"}


@dataclass(frozen=True)
class AlpacaRow:
    """One training example: the prompt parts and the answer the model must learn."""

    instruction: str
    input: str
    output: str
    system: str | None = None
    source: str = ""  # "file:line", for messages about this row


@dataclass(frozen=True)
class DatasetFingerprint:
    """Identifies the exact data a run saw."""

    path: str
    sha256: str
    rows: int

    def to_dict(self) -> dict:
        """Plain dict for JSON."""
        return asdict(self)


def resolve_dataset(dataset: str, dataset_dir: str | Path) -> tuple[Path, dict[str, str]]:
    """Turn the config's `dataset` into a file and its column mapping.

    Args:
        dataset: A path to a `.jsonl` file, or a name registered in `<dataset_dir>/dataset_info.json`.
        dataset_dir: Folder holding `dataset_info.json` (LLaMA-Factory layout).

    Returns:
        The JSONL path and a mapping alpaca-column -> column name in the file.

    Raises:
        ChiselLLMError: if the file or the name cannot be found.
    """
    dataset_dir = Path(dataset_dir)
    identity = {column: column for column in _COLUMN_KEYS}
    for candidate in (Path(dataset), dataset_dir / dataset):
        if candidate.is_file():
            return candidate, identity
    info_path = dataset_dir / "dataset_info.json"
    if dataset.endswith((".jsonl", ".json")) and not info_path.is_file():
        raise ChiselLLMError(f"dataset file `{dataset}` not found (also looked in {dataset_dir}/)",
                             hint="check the `dataset` key, or set dataset_dir")
    if not info_path.is_file():
        raise ChiselLLMError(f"dataset `{dataset}` is neither a file nor listed: {info_path} does not exist",
                             hint="set `dataset` to a .jsonl path, or set dataset_dir to the folder with dataset_info.json")
    info = read_json(info_path, "dataset_info.json")
    if not isinstance(info, dict):
        raise ChiselLLMError(f"{info_path}: expected an object of dataset entries", hint="see dataset/dataset_info.json")
    if dataset not in info:
        near = difflib.get_close_matches(dataset, list(info), n=1)
        raise ChiselLLMError(f"{info_path}: no dataset named `{dataset}`",
                             hint=f"did you mean `{near[0]}`?" if near else f"listed: {', '.join(info) or 'none'}")
    entry = info[dataset]
    if not isinstance(entry, dict) or entry.get("formatting", "alpaca") != "alpaca" or "file_name" not in entry:
        raise ChiselLLMError(f"{info_path}: entry `{dataset}` must be alpaca formatting with a file_name",
                             hint="only local alpaca JSONL datasets are supported")
    columns = entry.get("columns", {})
    if not isinstance(columns, dict) or not isinstance(entry["file_name"], str):
        raise ChiselLLMError(f"{info_path}: entry `{dataset}` needs a string `file_name` and an object `columns`",
                             hint="see dataset/dataset_info.json for the format")
    mapping = {column: columns.get(key, column) for column, key in _COLUMN_KEYS.items()}
    path = dataset_dir / entry["file_name"]
    if not path.is_file():
        raise ChiselLLMError(f"{info_path}: `{dataset}` points to {path}, which does not exist",
                             hint="build or copy the dataset file there")
    return path, mapping


def _records(path: Path):
    """(where, record) pairs of a JSONL file, or of a JSON array file (LLaMA-Factory's alpaca `.json`)."""
    with path.open("rb") as handle:
        head = handle.read(64).lstrip()
    if head.startswith(b"["):
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
            raise ChiselLLMError(f"{path}{line}: not valid JSON ({exc})", hint="fix the file") from None
        yield from ((f"{path}: item {number}", record) for number, record in enumerate(records, start=1))
        return
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ChiselLLMError(f"{path}:{number}: not valid JSON ({exc})", hint="fix or remove that line") from None


def read_alpaca_rows(path: Path, columns: dict[str, str] | None = None) -> list[AlpacaRow]:
    """Read and check every row of an alpaca JSONL file or JSON array file (extra keys are ignored).

    Raises:
        ChiselLLMError: naming file:line (or item) for a row that is not an object, lacks `instruction`/`output`,
            or has a non-string field.
    """
    columns = columns or {column: column for column in _COLUMN_KEYS}
    rows: list[AlpacaRow] = []
    for where, record in _records(path):
        if not isinstance(record, dict):
            raise ChiselLLMError(f"{where}: expected a JSON object", hint="each line must be one alpaca row")
        values = {}
        for column, key in columns.items():
            value = record.get(key)
            if value is not None and not isinstance(value, str):
                raise ChiselLLMError(f"{where}: field `{key}` must be a string, got {type(value).__name__}",
                                     hint="alpaca rows hold text fields")
            values[column] = value
        for column in ("instruction", "output"):
            if not values[column]:
                raise ChiselLLMError(f"{where}: missing or empty `{columns[column]}`",
                                     hint="every row needs an instruction and an output")
        rows.append(AlpacaRow(values["instruction"], values["input"] or "", values["output"],
                              values["system"] or None, where))
    if not rows:
        raise ChiselLLMError(f"{path}: no rows", hint="the dataset file is empty")
    return rows


def fingerprint_file(path: Path, rows: int) -> DatasetFingerprint:
    """sha256 of the file's bytes plus its row count."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return DatasetFingerprint(path=str(path), sha256=digest.hexdigest(), rows=rows)


def load_dataset_rows(dataset: str, dataset_dir: str | Path, max_samples: int | None = None
                      ) -> tuple[list[AlpacaRow], DatasetFingerprint]:
    """Resolve, read and fingerprint the dataset; `a,b` reads both in order (as LLaMA-Factory), and
    `max_samples` keeps the first N rows of each."""
    names = [name.strip() for name in dataset.split(",") if name.strip()]
    if not names:
        raise ChiselLLMError("dataset is empty", hint="name a dataset file or a dataset_info.json entry")
    rows: list[AlpacaRow] = []
    prints: list[DatasetFingerprint] = []
    for name in names:
        path, columns = resolve_dataset(name, dataset_dir)
        these = read_alpaca_rows(path, columns)
        prints.append(fingerprint_file(path, len(these)))
        rows += these[:max_samples] if max_samples is not None else these
    if len(prints) == 1:
        return rows, prints[0]
    combined = hashlib.sha256("".join(p.sha256 for p in prints).encode()).hexdigest()
    return rows, DatasetFingerprint(path=",".join(p.path for p in prints), sha256=combined,
                                    rows=sum(p.rows for p in prints))
