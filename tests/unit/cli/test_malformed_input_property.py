"""Property: every command that reads a YAML config, a JSONL file, a vectors file or an eval summary answers
malformed input with exit code 2 and a message naming the file, never a traceback and never exit 0.

Each example starts from a valid input and breaks one thing (a wrong type, an out-of-range or non-positive
value, a missing or unknown key, undecodable bytes, broken syntax), so anything that slips through reaches
the trip-wires of the `cli` fixture (engine, toolchain, training) and fails the test.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import tempfile
import typing
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chisellm.config.data import DataConfig
from chisellm.config.eval import EvalConfig
from chisellm.config.train import TRAIN_ALIASES, TrainConfig

REPO = Path(__file__).resolve().parents[3]
EVAL_FIXTURE = REPO / "tests" / "fixtures" / "eval" / "eval_ours.jsonl"
EVAL_ROWS = [json.loads(line) for line in EVAL_FIXTURE.read_text().splitlines()]
TRAIN_ROW = json.loads((REPO / "dataset" / "chisel_sft_merged_10550.jsonl").open().readline())
VECTORS = {"clocked": False, "inputs": [{"name": "a", "width": 8, "signed": False}],
           "outputs": [{"name": "y", "width": 8, "signed": True}], "stimulus": [[1], [255]], "expected": [[1], [-1]]}
SUMMARY = {"run": {"eval_set": "s.jsonl", "eval_set_digest": "d"}, "k": [1],
           "overall": {"pass@1": 0.5, "compile_rate": 1.0, "answered_tasks": 2}, "by_level": {"L1": {"pass@1": 0.5}},
           "tasks": [{"id": "t1", "level": "L1", "n": 1, "passed": 1}, {"id": "t2", "level": "L1", "n": 1, "passed": 0}]}

FAST = settings(max_examples=12, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- values -------------------------------------------------------------------------------------------------

scalars = st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=12)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                           max_leaves=6)
non_objects = json_values.filter(lambda v: not isinstance(v, dict))
words = st.from_regex(r"[a-z][a-z_]{2,10}", fullmatch=True)


def _not_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return True
    return False


not_number_text = st.text(min_size=1, max_size=8).filter(_not_float)
not_string = st.integers() | st.booleans() | st.lists(st.integers(), max_size=2) | st.dictionaries(words, st.integers(), max_size=2)
not_int = st.text(max_size=6) | st.floats(allow_nan=False).filter(lambda f: not f.is_integer()) | st.lists(st.integers(), max_size=2)
bad_widths = st.integers(max_value=0) | st.text(max_size=4) | st.floats(allow_nan=False).filter(lambda f: not f.is_integer())
too_big = st.integers(256, 2**70) | st.integers(-2**70, -1)


def breaking(base, changes):
    """Strategy: a deep copy of `base` with one of `changes` (functions of (copy, draw)) applied."""
    @st.composite
    def build(draw):
        value = copy.deepcopy(base)
        change = draw(st.sampled_from(changes))
        return change(value, draw)
    return build()


def put(path: str, values):
    """A change that sets the dotted `path` (list indexes allowed) to a value drawn from `values`."""
    def change(value, draw):
        *parents, last = path.split(".")
        target = value
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = draw(values)
        return value
    change.__name__ = f"put {path}"
    return change


def drop(key: str):
    def change(value, draw):
        *parents, last = key.split(".")
        target = value
        for part in parents:
            target = target[part]
        del target[last]
        return value
    return change


VECTOR_CHANGES = [
    drop("inputs"), drop("outputs"), drop("stimulus"), drop("expected"),
    put("inputs", non_objects.filter(lambda v: not isinstance(v, list))), put("stimulus", st.just([])),
    put("outputs", st.just([])), put("stimulus.1.0", too_big), put("expected.0.0", st.integers(256, 2**70) | st.integers(max_value=-129)),
    put("stimulus.0", st.lists(st.integers(0, 9), min_size=2, max_size=3)), put("expected", st.just([[1]])),
    put("inputs.0.width", bad_widths), put("outputs.0.name", not_string), put("inputs.0.signed", not_string.filter(lambda v: not isinstance(v, bool))),
    put("clocked", st.integers() | st.text(max_size=4)), put("stimulus.0.0", st.text(max_size=3) | st.floats(0.1, 0.9) | st.lists(st.integers(), max_size=1)),
    put("outputs.0.name", st.just("a")),
]
broken_vectors = breaking(VECTORS, VECTOR_CHANGES)

# --- files ----------------------------------------------------------------------------------------------------

non_utf8 = st.tuples(st.binary(max_size=12), st.binary(max_size=12)).map(lambda p: p[0] + b"\xff\xfe" + p[1])
invalid_json = st.text(min_size=1, max_size=20).map(lambda t: "{" + t).filter(lambda t: not _parses(t))


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@st.composite
def jsonl_with_one_bad_line(draw, good_rows: list[dict], bad_rows):
    """Good rows with one bad line among them: a broken row, or bytes/text that are no JSON object."""
    lines = [json.dumps(r).encode() for r in good_rows]
    bad = draw(st.one_of(bad_rows.map(lambda r: json.dumps(r).encode()), non_utf8, invalid_json.map(str.encode),
                         non_objects.map(lambda v: json.dumps(v).encode())))
    lines.insert(draw(st.integers(0, len(lines))), bad)
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b""]))


def bad_values_for(hint) -> st.SearchStrategy:
    """Values no loader may accept for a key of type `hint`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list:
        return st.booleans() | st.lists(st.lists(st.integers(), min_size=1, max_size=2), min_size=1, max_size=2)
    extra = st.nothing()
    if hint is int:
        extra = not_number_text | st.floats(allow_nan=False).filter(lambda f: not f.is_integer())
    elif hint is float:
        extra = not_number_text | st.booleans()
    elif hint is bool:
        extra = st.integers() | st.text(max_size=6).filter(lambda t: t.lower() not in ("true", "false"))
    elif origin is typing.Literal:
        extra = st.text(max_size=8).filter(lambda t: t not in args)
    return st.lists(st.integers(), min_size=1, max_size=3) | extra


@st.composite
def broken_config(draw, schema, base: dict, aliases: dict, non_positive: dict, flags: tuple[str, ...] = ()):
    """YAML bytes: `base` with one thing broken, or an empty, non-mapping, syntactically broken or non-UTF-8 file.
    Keys in `flags` are left alone (the command line sets them, and a flag beats the file)."""
    hints = typing.get_type_hints(schema)
    fields = sorted(set(hints) - set(flags))
    kind = draw(st.sampled_from(["unknown key", "bad value", "not a group", "non-positive", "top level", "syntax",
                                 "empty", "bytes"]))
    config = copy.deepcopy(base)
    if kind == "unknown key":
        config[draw(words.filter(lambda w: w not in hints and w not in aliases))] = draw(json_values)
    elif kind == "bad value":
        key = draw(st.sampled_from(fields))
        config[key] = draw(bad_values_for(hints[key]))
    elif kind == "not a group":
        key = draw(st.sampled_from(fields))
        sub = typing.get_type_hints(hints[key]) if dataclasses.is_dataclass(hints[key]) else {}
        config[key] = {draw(words.filter(lambda w: w not in sub)): 1}
    elif kind == "non-positive":
        key = draw(st.sampled_from(sorted(non_positive)))
        config[key] = draw(non_positive[key])
    elif kind == "top level":
        return yaml.safe_dump(draw(non_objects)).encode()
    elif kind == "syntax":
        return draw(st.sampled_from(["seed: [1, 2\n", "a: b: c\n", "- a\nb: 1\n", "\tseed: 1\n", "{seed: 1\n",
                                     "seed: 'open\n", "seed: 1\n  lr: 2\n"])).encode()
    elif kind == "empty":
        return draw(st.sampled_from([b"", b"{}\n", b"# nothing\n", b"---\n"]))
    text = yaml.safe_dump(config).encode()
    if kind == "bytes":
        at = draw(st.integers(0, len(text)))
        return text[:at] + b"\xe9\xff" + text[at:]
    return text


def yaml_of(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


DATA_BASE = yaml_of(REPO / "configs" / "data" / "tiny.yaml")
TRAIN_BASE = yaml_of(REPO / "configs" / "train" / "tiny.yaml")
EVAL_BASE = {"eval_set": str(EVAL_FIXTURE), "oracle": True, "k": [1]}
positive_ints = lambda: st.integers(-5, 0)  # noqa: E731 - a count that must be >= 1
DATA_NON_POSITIVE = {"train_rows": positive_ints(), "oversample": st.floats(-2, 0.99), "rows_per_design": st.floats(-2, 0.99)}
TRAIN_NON_POSITIVE = {"learning_rate": st.floats(-1, 0), "num_train_epochs": st.floats(-3, 0), "max_steps": st.integers(-9, 0).filter(lambda v: v != -1),
                      "per_device_train_batch_size": positive_ints(), "gradient_accumulation_steps": positive_ints(),
                      "save_steps": positive_ints(), "eval_steps": positive_ints(), "cutoff_len": st.integers(-9, 15)}
EVAL_NON_POSITIVE = {"limit": st.integers(-9, -1), "k": st.lists(st.integers(-3, 0), min_size=1, max_size=2)}


# --- the properties -------------------------------------------------------------------------------------------

def assert_rejected(outcome, path: Path) -> None:
    assert outcome.code == 2, f"exit {outcome.code} for\n{path.read_bytes()[:400]!r}\n{outcome.stderr}"
    assert "error:" in outcome.stderr and "Traceback" not in outcome.stderr, outcome.stderr
    assert str(path) in outcome.stderr or path.name in outcome.stderr, f"the message does not name {path}: {outcome.stderr}"


def run_with(cli, data: bytes, name: str, *command: str) -> None:
    """Write `data` to a fresh file, run `command` with `{file}`/`{dir}` filled in, and require a clean rejection."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        (Path(tmp) / "A.scala").write_text("class A\n")
        (Path(tmp) / "good.json").write_text(json.dumps(SUMMARY))
        (Path(tmp) / "llama_factory" / "data").mkdir(parents=True)
        args = [a.format(file=path, dir=tmp) for a in command]
        assert_rejected(cli(*args), path)


@FAST
@given(data=broken_config(DataConfig, DATA_BASE, {}, DATA_NON_POSITIVE))
def test_data_build_config(cli, data):
    run_with(cli, data, "data.yaml", "data", "build", "-c", "{file}")


@FAST
@given(data=broken_config(TrainConfig, TRAIN_BASE, TRAIN_ALIASES, TRAIN_NON_POSITIVE))
def test_train_config(cli, data):
    run_with(cli, data, "train.yaml", "train", "{file}")


@FAST
@given(data=broken_config(EvalConfig, EVAL_BASE, {}, EVAL_NON_POSITIVE, flags=("out",)))
def test_eval_config(cli, data):
    run_with(cli, data, "eval.yaml", "eval", "--config", "{file}", "--out", "{dir}/out")


@FAST
@given(data=st.one_of(broken_vectors.map(lambda v: json.dumps(v).encode()), non_utf8, invalid_json.map(str.encode),
                      non_objects.map(lambda v: json.dumps(v).encode())))
def test_verify_vectors(cli, data):
    run_with(cli, data, "vectors.json", "verify", "{dir}/A.scala", "--top", "A", "--vectors", "{file}")


BATCH_ROW = {"code": "class A", "top": "A", "vectors": VECTORS}


@FAST
@given(data=jsonl_with_one_bad_line([BATCH_ROW], breaking(BATCH_ROW, [
    put("code", not_string), put("top", not_string), put("top_args", not_string), drop("code"), drop("top"),
    put("vectors", non_objects.filter(lambda v: v is not None)),
    lambda row, draw: {**row, "vectors": draw(broken_vectors)}])))
def test_verify_batch(cli, data):
    run_with(cli, data, "batch.jsonl", "verify", "--batch", "{file}")


TRAIN_ROW_CHANGES = [put(key, not_string) for key in ("instruction", "input", "output", "module_name", "level", "family", "task")] \
    + [drop(key) for key in ("instruction", "output", "module_name", "level", "id")] + [put("id", st.floats() | st.lists(st.integers()))]


@FAST
@given(data=jsonl_with_one_bad_line([TRAIN_ROW], breaking(TRAIN_ROW, TRAIN_ROW_CHANGES)), command=st.sampled_from(["stats", "verify"]))
def test_data_stats_and_verify(cli, data, command):
    run_with(cli, data, "rows.jsonl", "data", command, "{file}")


@FAST
@given(data=jsonl_with_one_bad_line([TRAIN_ROW], breaking(TRAIN_ROW, [
    put("draw", st.text(max_size=8).filter(lambda t: t.count(":") != 2) | not_string),
    put("params", non_objects)])))
def test_data_verify_design_fields(cli, data):
    run_with(cli, data, "rows.jsonl", "data", "verify", "{file}")


EVAL_ROW = EVAL_ROWS[0]


@FAST
@given(data=jsonl_with_one_bad_line(EVAL_ROWS[1:], breaking(EVAL_ROW, [
    put("test_config", non_objects), put("reference_code", not_string), put("instruction", not_string),
    put("id", st.floats() | st.lists(st.integers())), drop("reference_code"), drop("test_config"),
    put("test_config.module_name", not_string | st.text(max_size=6).filter(lambda t: not re.fullmatch(r"[A-Za-z_]\w*", t))),
    put("test_config.require_simulate", st.integers() | st.text(max_size=3)), put("test_config.top_args", not_string),
    lambda row, draw: {**row, "test_config": {**row["test_config"], "vectors": draw(broken_vectors)}}])))
def test_eval_set_with_oracle(cli, data):
    run_with(cli, data, "set.jsonl", "eval", "--eval-set", "{file}", "--oracle", "--out", "{dir}/out")


ANSWER = {"task_id": EVAL_ROW["id"], "completion": "no code here"}


@FAST
@given(data=jsonl_with_one_bad_line([ANSWER], breaking(ANSWER, [
    put("completion", not_string), drop("completion"), drop("task_id"),
    put("task_id", st.text(max_size=8).filter(lambda t: t not in {r["id"] for r in EVAL_ROWS}) | st.floats() | st.lists(st.integers()))]))
    | st.just(b""))
def test_eval_answers(cli, data):
    run_with(cli, data, "answers.jsonl", "eval", "--eval-set", str(EVAL_FIXTURE), "--answers", "{file}", "--out", "{dir}/out")


summary_bytes = lambda changes: st.one_of(breaking(SUMMARY, changes).map(lambda s: json.dumps(s).encode()), non_utf8,  # noqa: E731
                                          invalid_json.map(str.encode), non_objects.map(lambda v: json.dumps(v).encode()))


@FAST
@given(data=summary_bytes([put("tasks", non_objects.filter(lambda v: not isinstance(v, list))), put("tasks.0", non_objects),
                           put("tasks.0.n", not_int), put("tasks.0.passed", st.integers(2, 99) | st.integers(max_value=-1)),
                           put("tasks.1.id", not_string), put("tasks.0.level", not_string), drop("tasks"),
                           put("run", non_objects.filter(lambda v: v is not None))]))
def test_eval_compare(cli, data):
    run_with(cli, data, "summary.json", "eval", "compare", "{file}", "{dir}/good.json")


@FAST
@given(data=summary_bytes([put("overall", non_objects), put("by_level", non_objects.filter(lambda v: v is not None)),
                           put("by_level.L1", non_objects), put("k", not_string.filter(lambda v: not isinstance(v, list))),
                           put("k", st.lists(st.text(max_size=2) | st.floats(0.1, 0.9), min_size=1, max_size=2)),
                           put("overall.pass@1", st.text(max_size=4) | st.lists(st.integers(), max_size=1)),
                           put("run", non_objects.filter(lambda v: v is not None)), drop("overall")]))
def test_export_eval_summary(cli, data):
    run_with(cli, data, "summary.json", "export", "--adapter", "{dir}/adapter", "--out", "{dir}/merged", "--eval-summary", "{file}")


@FAST
@given(data=st.one_of(non_utf8, invalid_json.map(str.encode), non_objects.map(lambda v: json.dumps(v).encode()),
                      st.dictionaries(words, non_objects | st.dictionaries(words, not_string), min_size=1, max_size=2)
                      .map(lambda d: json.dumps(d).encode())))
def test_data_register_dataset_info(cli, data):
    run_with(cli, data, "dataset_info.json", "data", "register", "{dir}/llama_factory", "--dataset-dir", "{dir}")
