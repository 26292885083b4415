"""Drawing unique designs from a family: cheap drafts first (parameters, style, code), full designs
(phrasing, golden vectors, mutants) only for the drafts the build keeps."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chisellm.data.families.base import Design, Family
from chisellm.data.normalize import code_key


@dataclass(frozen=True)
class Draft:
    """A design before its vectors exist: enough to deduplicate and to plan."""

    family: str
    stream: str  # "train" or "eval": draws of the two never share a parameter combination
    index: int   # position in the family's draw sequence
    params: dict[str, Any]
    style: str
    code: str
    code_key: str   # normalized code with the module name as a placeholder
    param_key: str  # the parameters minus the module name

    @property
    def module_name(self) -> str:
        return str(self.params["module_name"])


def param_key(params: dict[str, Any]) -> str:
    """The parameter combination without the (cosmetic) module name."""
    return json.dumps({k: v for k, v in params.items() if k != "module_name"}, sort_keys=True, default=str)


def draw_drafts(family: Family, seed: int, stream: str, want: int, max_misses: int,
                exclude_params: Iterable[str] = (), exclude_codes: Iterable[str] = (),
                distinct_code: bool = True, distinct_params: bool = False) -> list[Draft]:
    """Up to `want` drafts, none in the excluded sets, each with code and/or parameters no earlier draft has.

    Drawing stops after `max_misses` draws in a row without a new design (the family's space is exhausted).
    Each draw has its own seeded generator, so the sequence is the same on every run. `distinct_code` asks for
    new normalized code (a new training answer); `distinct_params` for a new parameter combination (a new eval
    task: two styles of one combination give one prompt and one set of vectors, and a generic generator
    elaborated with new arguments is a new task though not a new answer).
    """
    excluded_params = set(exclude_params)
    excluded_codes = set(exclude_codes)
    seen_codes: set[str] = set()
    seen_params: set[str] = set()
    out: list[Draft] = []
    misses = 0
    index = 0
    while len(out) < want and misses < max_misses:
        rng = random.Random(f"{seed}:{stream}:{family.name}:{index}")
        params = family.sample_params(rng)
        styles = family.styles(params)
        style = rng.choice(sorted(styles))
        code = styles[style]
        pkey = param_key(params)
        key = code_key(code, str(params["module_name"]))
        repeated = (distinct_code and key in seen_codes) or (distinct_params and pkey in seen_params)
        if repeated or key in excluded_codes or pkey in excluded_params:
            misses += 1
        else:
            misses = 0
            seen_codes.add(key)
            seen_params.add(pkey)
            out.append(Draft(family.name, stream, index, params, style, code, key, pkey))
        index += 1
    return out


def param_space(family: Family, seed: int, max_misses: int, limit: int = 400) -> int:
    """How many distinct parameter combinations the family's sampler yields (up to `limit`)."""
    seen: set[str] = set()
    misses = 0
    index = 0
    while len(seen) < limit and misses < max_misses:
        key = param_key(family.sample_params(random.Random(f"{seed}:space:{family.name}:{index}")))
        misses = misses + 1 if key in seen else 0
        seen.add(key)
        index += 1
    return len(seen)


def materialize(family: Family, draft: Draft, seed: int) -> Design:
    """The full design of a draft: a phrasing, golden vectors and mutants, from the draft's own generator."""
    rng = random.Random(f"{seed}:{draft.stream}:{family.name}:{draft.index}:design")
    params = draft.params
    return Design(
        family=family.name, level=family.level, module_name=draft.module_name, params=params,
        ports=tuple(family.ports(params)), io_style=params.get("io_style", "bundle"), clocked=family.clocked,
        behaviour=rng.choice(family.phrasings(params)), code=draft.code, style=draft.style,
        vectors=family.golden(params, rng), features=family.features, top_args=family.top_args(params),
        mutants=tuple(family.mutants(params)), stateful=family.stateful(params), facts=family.facts(params),
    )
