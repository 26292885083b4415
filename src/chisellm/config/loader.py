"""Load a YAML file plus `key=value` overrides into a dataclass, rejecting anything it does not know.

Every error names the file, the line and the key, and for an unknown key the nearest valid one, so a typo
never silently falls back to a default. Nested dataclass fields are addressed as `group.key` in overrides
and as nested mappings in YAML.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml

from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import read_text

T = TypeVar("T")


class ConfigError(ChiselLLMError):
    """A config file or override that does not fit its schema."""


def load_config(schema: type[T], path: str | Path | None = None, overrides: Sequence[str] = (),
                aliases: Mapping[str, str] | None = None) -> T:
    """Build `schema` from a YAML file and `key=value` overrides (overrides win).

    Args:
        schema: A dataclass type; fields without defaults must be given.
        path: YAML file, or None for defaults and overrides only.
        overrides: Strings like `learning_rate=1e-4` or `lora.rank=8`.
        aliases: Other names accepted for a key (e.g. LLaMA-Factory's), mapped to the schema's name.

    Raises:
        ConfigError: for unknown keys, wrong types, missing required keys or values the schema rejects.
    """
    aliases = dict(aliases or {})
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"{path}: config file not found", hint="check the path (configs/ holds the shipped ones)")
        for key, value, line in _read_yaml(path):
            values[key] = value
            where[key] = f"{path}:{line}"
    for key, value in parse_overrides(overrides).items():
        values[key] = value
        where[key] = f"override `{key}=`"
    try:
        return _build(schema, values, where, aliases, prefix="")
    except ConfigError as exc:
        if path is None or str(path) in exc.message or "override `" in exc.message:
            raise
        raise ConfigError(f"{path}: {exc.message}", hint=exc.hint) from None  # every error names the file


def parse_overrides(overrides: Sequence[str]) -> dict[str, Any]:
    """Parse `key=value` strings; values are read as YAML scalars (`true`, `3`, `1e-4`, `[a, b]`)."""
    parsed: dict[str, Any] = {}
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"override `{item}` is not of the form key=value", hint="write e.g. learning_rate=1e-4")
        try:
            parsed[key.strip()] = yaml.safe_load(raw) if raw.strip() else ""
        except yaml.YAMLError:
            parsed[key.strip()] = raw
    return parsed


def config_to_dict(config: Any) -> dict[str, Any]:
    """A plain dict of a config dataclass, for saving next to outputs."""
    return dataclasses.asdict(config)


def _read_yaml(path: Path) -> list[tuple[str, Any, int]]:
    """Flatten a YAML mapping to (dotted key, value, line) triples."""
    try:
        root = yaml.compose(read_text(path, "config file"))
    except ChiselLLMError as exc:
        raise ConfigError(exc.message, hint=exc.hint) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: not valid YAML ({getattr(exc, 'problem', exc)})", hint="fix the syntax there") from None
    if root is None or (isinstance(root, yaml.MappingNode) and not root.value):
        # an empty file is a mistake (a wrong path, an unsaved editor), not a request for every default
        raise ConfigError(f"{path}: the config file is empty", hint="add its keys (see configs/ for examples)")
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}: the top level must be a mapping of key: value", hint="see configs/ for examples")
    out: list[tuple[str, Any, int]] = []
    _flatten(root, "", out, path)
    return out


def _flatten(node: yaml.MappingNode, prefix: str, out: list, path: Path) -> None:
    for key_node, value_node in node.value:
        key = prefix + str(key_node.value)
        line = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.MappingNode) and value_node.value:
            _flatten(value_node, key + ".", out, path)
        elif isinstance(value_node, yaml.MappingNode):
            out.append((key, {}, line))  # an empty group: its defaults, but the key itself must exist
        else:
            value = yaml.safe_load(yaml.serialize(value_node))
            out.append((key, value, line))


def _build(schema: type[T], values: dict[str, Any], where: dict[str, str], aliases: dict[str, str], prefix: str) -> T:
    fields = {f.name: f for f in dataclasses.fields(schema)}
    hints = typing.get_type_hints(schema)
    kwargs: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        if not key.startswith(prefix):
            continue
        local = key[len(prefix):]
        head, dot, rest = local.partition(".")
        name = aliases.get(head, head)
        if name not in fields:
            valid = sorted(fields) + sorted(aliases)
            near = difflib.get_close_matches(head, valid, n=1, cutoff=0.6)
            hint = f"did you mean `{prefix}{near[0]}`?" if near else f"valid keys: {', '.join(sorted(fields))}"
            raise ConfigError(f"{where[key]}: unknown key `{key}`", hint=hint)
        if value == {} and not dot and dataclasses.is_dataclass(hints[name]):
            continue  # `group: {}` keeps the group's defaults
        if dot:
            if not (isinstance(hints[name], type) and dataclasses.is_dataclass(hints[name])):
                raise ConfigError(f"{where[key]}: `{prefix}{name}` is not a group, `{key}` is not a key", hint=f"set `{prefix}{name}` directly")
            nested.setdefault(name, {})[key] = value
        else:
            kwargs[name] = _coerce(value, hints[name], f"{where[key]}: `{key}`")
    for name, sub in nested.items():
        kwargs[name] = _build(hints[name], sub, where, {}, prefix=f"{prefix}{name}.")
    missing = [n for n, f in fields.items() if n not in kwargs and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING and not dataclasses.is_dataclass(hints[n])]
    if missing:
        raise ConfigError(f"missing required key(s): {', '.join(prefix + m for m in missing)}", hint="add them to the config or pass key=value")
    for n in fields:
        if n not in kwargs and isinstance(hints[n], type) and dataclasses.is_dataclass(hints[n]) and fields[n].default is dataclasses.MISSING and fields[n].default_factory is dataclasses.MISSING:
            kwargs[n] = _build(hints[n], {}, where, {}, prefix=f"{prefix}{n}.")
    try:
        return schema(**kwargs)
    except (ValueError, TypeError) as exc:
        group = f" group {prefix.rstrip('.')}" if prefix else ""
        raise ConfigError(f"{_locate(str(exc), where, prefix, fields)}invalid config{group}: {exc}",
                          hint="change the value named above") from None


def _locate(message: str, where: dict[str, str], prefix: str, fields: Mapping[str, Any]) -> str:
    """`file:line: ` of the first key the schema's complaint names, if it was given in the file or an override."""
    for name in sorted(fields, key=len, reverse=True):  # `eval_steps` before `steps`
        key = prefix + name
        if key in where and re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", message):
            return f"{where[key]}: "
    return ""


def _coerce(value: Any, kind: Any, label: str) -> Any:
    """Check `value` against a type hint, converting only where no information is lost."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is Any:
        return value
    if dataclasses.is_dataclass(kind):
        raise ConfigError(f"{label} is a group of keys, got {value!r}", hint="write it as a mapping of its keys")
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors = []
        for option in (a for a in args if a is not type(None)):
            try:
                return _coerce(value, option, label)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(f"{label} must be {_describe(kind)}, got {value!r}", hint="change the value")
    if origin is typing.Literal:
        if value in args:
            return value
        near = difflib.get_close_matches(str(value), [str(a) for a in args], n=1)
        raise ConfigError(f"{label} must be one of {', '.join(map(repr, args))}, got {value!r}",
                          hint=f"did you mean {near[0]!r}?" if near else "pick one of those")
    if origin in (list, tuple, Sequence) or kind in (list, tuple):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise ConfigError(f"{label} must be a list, got {value!r}", hint="write [a, b] or a,b")
        item = args[0] if args else Any
        items = [_coerce(v, item, label) for v in value]
        return tuple(items) if origin is tuple or kind is tuple else items
    if origin is dict or kind is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{label} must be a mapping, got {value!r}", hint="write key: value pairs")
        return value
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise ConfigError(f"{label} must be true or false, got {value!r}", hint="write true or false")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ConfigError(f"{label} must be an integer, got {value!r}", hint="write a whole number")
    if kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)  # YAML 1.1 reads `2e-4` as a string
            except ValueError:
                pass
        raise ConfigError(f"{label} must be a number, got {value!r}", hint="write e.g. 2e-4 or 0.1")
    if kind is str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise ConfigError(f"{label} must be a string, got {value!r}", hint="quote the value")
    return value


def _describe(kind: Any) -> str:
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return " or ".join(getattr(a, "__name__", str(a)) for a in args) + (" or null" if type(None) in typing.get_args(kind) else "")
