"""`chisellm data register`: put the dataset into a LLaMA-Factory checkout, as the reference
`setup_dataset.sh` did: copy the JSONL into `<checkout>/data/` and merge our entry into its
`data/dataset_info.json` (other entries are kept)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import atomic_write_text, read_json


def register_dataset(llama_factory_dir: str | Path, dataset_dir: str | Path = "dataset") -> Path:
    """Copy the training file and merge its dataset_info entry into the checkout.

    Args:
        llama_factory_dir: A LLaMA-Factory checkout (it has a `data/` folder).
        dataset_dir: The folder holding our `dataset_info.json` and the JSONL it names.

    Returns:
        The checkout's updated `data/dataset_info.json`.
    """
    target = Path(llama_factory_dir) / "data"
    if not target.is_dir():
        raise ChiselLLMError(f"{llama_factory_dir}: no `data/` folder, so this is not a LLaMA-Factory checkout",
                             hint="pass the root of a LLaMA-Factory clone")
    ours_path = Path(dataset_dir) / "dataset_info.json"
    if not ours_path.exists():
        raise ChiselLLMError(f"{ours_path}: not found", hint="run `chisellm data build` first")
    ours = _read_info(ours_path)
    theirs_path = target / "dataset_info.json"
    theirs = _read_info(theirs_path) if theirs_path.exists() else {}
    for name, entry in ours.items():
        source = Path(dataset_dir) / entry["file_name"]
        if not source.exists():
            raise ChiselLLMError(f"{source}: named by {ours_path} but missing", hint="run `chisellm data build`")
        shutil.copyfile(source, target / entry["file_name"])
        theirs[name] = entry
    atomic_write_text(theirs_path, json.dumps(theirs, indent=2, ensure_ascii=False) + "\n")
    return theirs_path


def _read_info(path: Path) -> dict:
    data = read_json(path, "dataset_info.json")
    if not isinstance(data, dict):
        raise ChiselLLMError(f"{path}: expected a JSON object of dataset entries", hint="fix the file")
    for name, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("file_name"), str):
            raise ChiselLLMError(f"{path}: entry `{name}` needs a string `file_name`",
                                 hint="each entry is an object like {\"file_name\": \"chisel_sft.jsonl\", ...}")
    return data
