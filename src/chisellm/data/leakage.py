"""The leakage check: how much of each eval reference already appears in the training answers.

Two figures: exact normalized-code matches (an eval reference equal to a training answer after comments,
whitespace and the module name are normalized away; must be 0) and token n-gram containment (the share of an
eval reference's n-grams found anywhere in the training answers). Families seen in training share their
templates with training answers, so their containment is high by construction; held-out families measure
how far the eval set is from anything trained on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from chisellm.data.normalize import code_key, ngrams, tokens

NGRAM = 13  # the contamination n-gram length used for GPT-3 and most LLM leakage reports
_FENCE = re.compile(r"```[a-zA-Z]*\n(.*?)```", re.DOTALL)


def code_of(text: str) -> str:
    """The code inside the first fenced block, or the text itself."""
    match = _FENCE.search(text)
    return match.group(1) if match else text


@dataclass
class LeakageReport:
    """Overlap between eval references and training answers."""

    ngram: int
    eval_rows: int
    exact_matches: int
    exact_match_ids: list[str]
    mean_containment: dict[str, float]  # by group: "all", "held_out", "seen_family"
    share_above: dict[str, float]       # share of eval rows with containment >= 0.5 / 0.8 / 1.0
    containment: dict[str, float] = field(default_factory=dict, repr=False)  # by eval id

    def to_json(self) -> dict[str, Any]:
        return {"ngram": self.ngram, "eval_rows": self.eval_rows, "exact_matches": self.exact_matches,
                "exact_match_ids": self.exact_match_ids, "mean_containment": self.mean_containment,
                "share_above": self.share_above}

    def headline(self) -> str:
        """One line for logs and the dataset card."""
        mc = self.mean_containment
        return (f"{self.exact_matches}/{self.eval_rows} eval references equal a training answer after "
                f"normalization; mean {self.ngram}-gram containment {mc.get('all', 0):.3f} "
                f"(held-out families {mc.get('held_out', 0):.3f}, unseen parameters of training families "
                f"{mc.get('seen_family', 0):.3f})")


def check_leakage(train_rows: Iterable[dict[str, Any]], eval_rows: list[dict[str, Any]],
                  n: int = NGRAM) -> LeakageReport:
    """Compare every eval `reference_code` with every training `output`."""
    train_keys: set[str] = set()
    train_grams: set[int] = set()
    for row in train_rows:
        code = code_of(row["output"])
        train_keys.add(code_key(code, row["module_name"]))
        train_grams.update(hash(g) for g in ngrams(tokens(code, row["module_name"]), n))
    containment: dict[str, float] = {}
    exact: list[str] = []
    groups: dict[str, list[float]] = {"all": [], "held_out": [], "seen_family": []}
    for row in eval_rows:
        name = row["test_config"]["module_name"]
        code = row["reference_code"]
        if code_key(code, name) in train_keys:
            exact.append(row["id"])
        grams = {hash(g) for g in ngrams(tokens(code, name), n)}
        value = len(grams & train_grams) / len(grams) if grams else 0.0
        containment[row["id"]] = value
        groups["all"].append(value)
        groups["held_out" if row.get("held_out") else "seen_family"].append(value)
    values = groups["all"]
    return LeakageReport(
        ngram=n, eval_rows=len(eval_rows), exact_matches=len(exact), exact_match_ids=sorted(exact),
        mean_containment={k: round(mean(v), 4) if v else 0.0 for k, v in groups.items()},
        share_above={str(t): round(sum(v >= t for v in values) / len(values), 4) if values else 0.0
                     for t in (0.5, 0.8, 1.0)},
        containment=containment,
    )


def plot_leakage(report: LeakageReport, eval_rows: list[dict[str, Any]], path: str) -> None:
    """A histogram of per-row containment, held-out families against unseen parameters of seen families."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    held = [report.containment[r["id"]] for r in eval_rows if r.get("held_out")]
    seen = [report.containment[r["id"]] for r in eval_rows if not r.get("held_out")]
    fig, ax = plt.subplots(figsize=(6.4, 3.6), dpi=100)
    bins = [i / 20 for i in range(21)]
    ax.hist([seen, held], bins=bins, label=[f"training families, unseen parameters ({len(seen)})",
                                             f"held-out families ({len(held)})"], stacked=False)
    ax.set_xlabel(f"share of the eval reference's {report.ngram}-grams found in training answers")
    ax.set_ylabel("eval rows")
    ax.set_title(f"Leakage: {report.exact_matches} exact normalized matches of {report.eval_rows}")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
