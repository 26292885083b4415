"""`chisellm data build`: families -> drafts -> verified designs -> task rows -> dedup -> mix -> files.

The build reads top to bottom: choose families, draw the eval designs (so training never sees their
parameters), plan the training mix, verify every reference through the engine (cached, resumable), cut the
rows, verify the repair inputs' broken candidates, deduplicate, write the training and eval sets, check
leakage and write the card. Same config and seed -> same bytes.
"""

from __future__ import annotations

import difflib
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chisellm.config.data import TASK_NAMES, DataConfig
from chisellm.data import tasks
from chisellm.data.checks import enforce_prompt_checks, unstated_facts
from chisellm.data.decontaminate import DecontaminationReport, SuiteText, decontaminate, load_suite_texts
from chisellm.data.families.base import LEVELS, Design, Family
from chisellm.data.leakage import LeakageReport, check_leakage, code_of
from chisellm.data.mix import allocate, design_demand, largest_remainder
from chisellm.data.normalize import code_key
from chisellm.data.pool import Draft, draw_drafts, materialize, param_space
from chisellm.data.verifier import VerifyCache, Verifier, VerifyStats
from chisellm.hdl import Candidate, Result
from chisellm.utils.errors import ChiselLLMError
from chisellm.utils.io import write_jsonl

SPARE_ROWS = 0.02  # extra planned rows per task, trimmed after deduplication
PROBE_HEADROOM = 4  # drafts probed per family, relative to its even share, so roomy families can cover small ones


@dataclass
class Verified:
    """A design whose reference passed the engine."""

    draft: Draft
    design: Design
    result: Result


@dataclass
class BuildReport:
    """What a build produced and what it cost."""

    train_rows: int = 0
    eval_rows: int = 0
    rejects: int = 0
    duplicates_removed: int = 0
    discarded_draws: int = 0  # sampled designs equal to an earlier one (normalized) or using eval parameters
    reject_rate: dict[str, float] = field(default_factory=dict)
    leakage: LeakageReport | None = None
    decontamination: DecontaminationReport | None = None
    verify: VerifyStats = field(default_factory=VerifyStats)
    seconds: float = 0.0
    toolchain: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"train_rows": self.train_rows, "eval_rows": self.eval_rows, "rejects": self.rejects,
                "duplicates_removed": self.duplicates_removed,
                "discarded_draws": self.discarded_draws, "reject_rate": self.reject_rate,
                "leakage": self.leakage.to_json() if self.leakage else None,
                "decontamination": self.decontamination.to_json() if self.decontamination else None,
                "verify": vars(self.verify) | {"per_second": round(self.verify.per_second, 2)},
                "seconds": round(self.seconds, 1), "toolchain": self.toolchain}


def select_families(cfg: DataConfig) -> tuple[list[Family], list[Family]]:
    """(training families, held-out families) named by the config, in name order."""
    from chisellm.data.families import FAMILIES

    for key, names in (("families", cfg.families), ("exclude_families", cfg.exclude_families)):
        for name in names:
            if name not in FAMILIES:
                near = difflib.get_close_matches(name, list(FAMILIES), n=1)
                raise ChiselLLMError(f"config key `{key}`: no family named {name!r}",
                                     hint=f"did you mean {near[0]!r}?" if near else "see `chisellm data families`")
    chosen = [FAMILIES[n] for n in sorted(cfg.families or FAMILIES) if n not in set(cfg.exclude_families)]
    return [f for f in chosen if not f.held_out], [f for f in chosen if f.held_out]


def level_task_quota(cfg: DataConfig, train_families: list[Family]) -> dict[str, dict[str, int]]:
    """{level: {task: rows}} from the documented mix, over the levels that have training families."""
    present = [lv for lv in LEVELS if any(f.level == lv for f in train_families)]
    shares = cfg.level_mix.shares()
    per_level = largest_remainder(cfg.train_rows, {lv: shares[lv] for lv in present})
    return {lv: largest_remainder(per_level[lv], cfg.task_mix.shares()) for lv in present}


class Builder:
    """One build. `run()` does everything; `verify.workers` processes share the verification."""

    def __init__(self, cfg: DataConfig, log: Callable[[str], None] = print,
                 config_path: str = "configs/data/default.yaml", engine: Any = None):
        from chisellm.hdl.engine import engine_fingerprint

        self.cfg = cfg
        self.config_path = config_path
        self.log = log
        self.build_dir = Path(cfg.build_dir)
        self.toolchain = engine_fingerprint()  # the engine's own cache key: a new engine revision verifies again
        self.verifier = Verifier(VerifyCache(self.build_dir / "verify_cache.jsonl"), self.toolchain,
                                 cfg.verify.chunk, cfg.verify.workers, log, engine)
        self.rejects: list[dict[str, Any]] = []
        self.fact_problems: list[str] = []  # prompts that omit a fact their vectors check (fails the build)
        self.report = BuildReport(toolchain=self.toolchain)

    def run(self) -> BuildReport:
        """Build and write everything."""
        try:
            return self._run()
        finally:
            self.verifier.close()

    def _run(self) -> BuildReport:
        start = time.monotonic()
        cfg = self.cfg
        train_families, held_families = select_families(cfg)
        if not train_families:
            raise ChiselLLMError("no training families selected", hint="check `families` / `exclude_families`")
        by_name = {f.name: f for f in train_families + held_families}
        eval_drafts = self._eval_drafts(train_families, held_families)
        quota = level_task_quota(cfg, train_families)
        pool = self._training_pool(train_families, quota, eval_drafts)
        all_drafts = [d for ds in eval_drafts.values() for d in ds] + [d for ds in pool.values() for d in ds]
        verified = self._verify_references(all_drafts, by_name)
        self._check_reject_rates(all_drafts)
        suites, skipped = load_suite_texts(cfg.decontaminate, self.log)  # a notice for every suite without a path
        self.report.decontamination = DecontaminationReport(
            cfg.decontaminate.ngram, cfg.decontaminate.max_rouge_l, cfg.decontaminate.max_rouge_l_answer,
            skipped=skipped)
        train_rows = self._training_rows(train_families, quota, verified, suites)
        eval_rows = self._eval_rows(eval_drafts, verified, by_name)
        enforce_prompt_checks(self.fact_problems, eval_rows)
        self.report.leakage = check_leakage(train_rows, eval_rows)
        self.log(f"leakage: {self.report.leakage.headline()}")
        self._write(train_rows, eval_rows)
        self.report.seconds = time.monotonic() - start
        self.report.verify = self.verifier.stats
        return self.report

    # --- planning ------------------------------------------------------------------------------------------

    def _eval_drafts(self, train_families: list[Family], held: list[Family]) -> dict[str, list[Draft]]:
        """Eval designs first, so training draws can exclude their parameter combinations."""
        out = {}
        for family in train_families + held:
            if family.held_out:
                want = self.cfg.eval.per_held_out_family
            else:  # a small space of parameters or of distinct answers stays mostly with training
                space = param_space(family, self.cfg.seed, self.cfg.max_misses)
                codes = len(draw_drafts(family, self.cfg.seed, "space", 4 * self.cfg.eval.per_training_family,
                                        self.cfg.max_misses))
                want = min(self.cfg.eval.per_training_family, space // 4, codes // 4)
            out[family.name] = draw_drafts(family, self.cfg.seed, "eval", want, self.cfg.max_misses,
                                           distinct_code=not family.held_out, distinct_params=True)
        return out

    def _training_pool(self, families: list[Family], quota: dict[str, dict[str, int]],
                       eval_drafts: dict[str, list[Draft]]) -> dict[str, list[Draft]]:
        """Unique drafts per family, enough for its share of the mix plus `oversample` spares."""
        cfg = self.cfg
        eval_codes = {d.code_key for ds in eval_drafts.values() for d in ds}
        members = Counter(f.level for f in families)
        drafts: dict[str, list[Draft]] = {}
        seen_codes: set[str] = set(eval_codes)
        for family in families:
            fair = {t: math.ceil(q / members[family.level]) for t, q in quota[family.level].items()}
            want = math.ceil(PROBE_HEADROOM * cfg.oversample * design_demand(fair, cfg.rows_per_design))
            mine = draw_drafts(family, cfg.seed, "train", want, cfg.max_misses,
                               exclude_params={d.param_key for d in eval_drafts[family.name]},
                               exclude_codes=eval_codes)
            self.report.discarded_draws += (mine[-1].index + 1 - len(mine)) if mine else 0
            unique = [d for d in mine if d.code_key not in seen_codes]  # the same code from two families
            self.report.duplicates_removed += len(mine) - len(unique)
            seen_codes.update(d.code_key for d in unique)
            drafts[family.name] = unique
        caps = {name: {t: len(ds) for t in TASK_NAMES} for name, ds in drafts.items()}
        plan = allocate(quota, {f.name: f.level for f in families}, caps)
        pool = {}
        for family in families:
            need = design_demand(plan[family.name], cfg.rows_per_design)
            pool[family.name] = drafts[family.name][:math.ceil(need * cfg.oversample)]
            if len(drafts[family.name]) < need * cfg.oversample:
                self.log(f"{family.name}: only {len(drafts[family.name])} unique designs (wanted "
                         f"{math.ceil(need * cfg.oversample)}); its level's other families make up the rest")
        return pool

    # --- verification --------------------------------------------------------------------------------------

    def _verify_references(self, drafts: list[Draft], by_name: dict[str, Family]) -> dict[tuple[str, str, int], Verified]:
        """Every reference through the engine; failures become rejects."""
        designs = [materialize(by_name[d.family], d, self.cfg.seed) for d in drafts]
        candidates = [Candidate(x.code, x.module_name, x.vectors, x.top_args) for x in designs]
        results = self.verifier.verify(candidates, "reference designs")
        verified = {}
        for draft, design, result in zip(drafts, designs, results):
            if result is None:
                continue
            if result.ok:
                verified[(draft.family, draft.stream, draft.index)] = Verified(draft, design, result)
            else:
                self.rejects.append({"kind": "reference", "family": draft.family, "stream": draft.stream,
                                     "index": draft.index, "module_name": draft.module_name, "style": draft.style,
                                     "verdict": result.verdict.value, "summary": result.summary(),
                                     "code": draft.code})
        return verified

    def _check_reject_rates(self, drafts: list[Draft]) -> None:
        """Fail the build when a family's references fail more often than `verify.max_reject_rate`."""
        total = Counter(d.family for d in drafts)
        failed = Counter(r["family"] for r in self.rejects if r["kind"] == "reference")
        self.report.reject_rate = {f: round(failed[f] / total[f], 4) for f in sorted(total) if failed[f]}
        self._write_rejects()
        bad = {f: r for f, r in self.report.reject_rate.items() if r > self.cfg.verify.max_reject_rate}
        if bad:
            listing = ", ".join(f"{f} ({r:.0%})" for f, r in sorted(bad.items()))
            raise ChiselLLMError(
                f"reject rate above {self.cfg.verify.max_reject_rate:.0%} for: {listing} "
                f"(verdicts in {self.build_dir / 'rejects.jsonl'})",
                hint="fix those families, or list them under `exclude_families` in the data config")

    def _write_rejects(self) -> None:
        write_jsonl(self.build_dir / "rejects.jsonl", self.rejects)
        self.report.rejects = len(self.rejects)

    # --- training rows -------------------------------------------------------------------------------------

    def _training_rows(self, families: list[Family], quota: dict[str, dict[str, int]],
                       verified: dict[tuple[str, str, int], Verified],
                       suites: list[SuiteText]) -> list[dict[str, Any]]:
        cfg = self.cfg
        ok = {f.name: sorted((v for k, v in verified.items() if k[0] == f.name and k[1] == "train"),
                             key=lambda v: v.draft.index) for f in families}
        extras = {name: {v.draft.index: self._task_inputs(v) for v in vs} for name, vs in ok.items()}
        caps = {name: {t: sum(1 for v in vs if extras[name][v.draft.index].get(t) is not None) for t in TASK_NAMES}
                for name, vs in ok.items()}
        # A few spare rows per task cover repair slots without a failing candidate and duplicates; the
        # surplus is trimmed per task after the deterministic shuffle, so every task gets exactly its quota.
        padded = {lv: {t: q + math.ceil(q * SPARE_ROWS) for t, q in qs.items()} for lv, qs in quota.items()}
        plan = allocate(padded, {f.name: f.level for f in families}, caps)
        slots: list[tuple[str, Verified]] = []
        for name in sorted(ok):
            slots += self._assign(ok[name], extras[name], plan[name])
        repairs = self._repair_inputs([v for t, v in slots if t == "repair"])
        rows = []
        for task, item in slots:
            if task == "repair" and id(item) not in repairs:
                continue
            rng = random.Random(f"{cfg.seed}:row:{task}:{item.draft.family}:{item.draft.index}")
            inputs = extras[item.draft.family][item.draft.index]
            instruction, input_text = tasks.build_prompt(
                task, item.design, rng, verilog=inputs.get("verilog2chisel"),
                skeleton_code=inputs.get("complete"), broken=repairs.get(id(item)) if task == "repair" else None)
            row_id = f"{item.draft.family}-{task}-{item.draft.index}"
            self.fact_problems += unstated_facts(row_id, task, item.design, instruction)
            rows.append(tasks.train_row(row_id, task, item.design, instruction, input_text, self.toolchain)
                        | {"params": item.draft.params, "draw": f"{cfg.seed}:{item.draft.stream}:{item.draft.index}"})
        rows = self._dedup(rows)
        if self.report.decontamination is not None:  # spare rows replace the dropped ones
            skipped = self.report.decontamination.skipped
            rows, self.report.decontamination = decontaminate(rows, suites, cfg.decontaminate, skipped)
            self.log(f"decontamination: {self.report.decontamination.headline()}")
        random.Random(f"{cfg.seed}:shuffle").shuffle(rows)
        wanted = {t: sum(q[t] for q in quota.values()) for t in TASK_NAMES}
        kept: list[dict[str, Any]] = []
        taken: Counter[str] = Counter()
        for row in rows:
            if taken[row["task"]] < wanted[row["task"]]:
                taken[row["task"]] += 1
                kept.append(row)
        short = {t: wanted[t] - taken[t] for t in TASK_NAMES if taken[t] < wanted[t]}
        if short:
            raise ChiselLLMError(f"not enough verified rows for: {short} (after deduplication)",
                                 hint="raise `oversample`, add families, or lower `train_rows`")
        return kept

    def _task_inputs(self, item: Verified) -> dict[str, str | None]:
        """What each task needs from a design (None: the design cannot serve that task)."""
        rng = random.Random(f"{self.cfg.seed}:skeleton:{item.draft.family}:{item.draft.index}")
        return {"spec2chisel": "", "verilog2chisel": item.result.verilog or None,
                "complete": tasks.complete_skeleton(item.design, rng),
                "repair": "" if item.design.mutants else None}

    @staticmethod
    def _assign(items: list[Verified], extras: dict[int, dict[str, str | None]],
                plan: dict[str, int]) -> list[tuple[str, Verified]]:
        """Designs per task: distinct within a task, spread over the family's designs across tasks."""
        out: list[tuple[str, Verified]] = []
        pointer = 0
        for task in TASK_NAMES:
            eligible = [i for i, v in enumerate(items) if extras[v.draft.index].get(task) is not None]
            if not eligible:
                continue
            start = next((k for k, i in enumerate(eligible) if i >= pointer), 0)
            chosen = [eligible[(start + k) % len(eligible)] for k in range(plan[task])]
            out += [(task, items[i]) for i in chosen]
            if chosen:
                pointer = (chosen[-1] + 1) % len(items)
        return out

    def _repair_inputs(self, slots: list[Verified]) -> dict[int, tuple[str, Result]]:
        """A broken candidate with a real engine verdict for repair slots, tried in rounds; a slot whose
        candidates all pass (equivalent mutants) gets no row (the spare rows make up for it)."""
        variants = {id(v): tasks.repair_variants(v.design, random.Random(
            f"{self.cfg.seed}:repair:{v.draft.family}:{v.draft.index}")) for v in slots}
        attempt = {id(v): 0 for v in slots}
        found: dict[int, tuple[str, Result]] = {}
        for _ in range(self.cfg.verify.repair_attempts):
            pending = [v for v in slots if id(v) not in found and attempt[id(v)] < len(variants[id(v)])]
            if not pending:
                break
            cands = [Candidate(variants[id(v)][attempt[id(v)]][1], v.design.module_name, v.design.vectors,
                               v.design.top_args) for v in pending]
            for v, cand, result in zip(pending, cands, self.verifier.verify(cands, "repair inputs")):
                attempt[id(v)] += 1
                if result is not None and result.verdict in tasks.REPAIRABLE:
                    found[id(v)] = (cand.source, result)
        missing = sorted({v.draft.family for v in slots if id(v) not in found})
        if missing:
            self.log(f"{len(slots) - len(found)} repair slots found no failing candidate ({', '.join(missing)})")
        return found

    def _dedup(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Drop exact duplicates and normalized-code near duplicates (same task, same code in and out)."""
        seen: set[tuple[str, ...]] = set()
        out = []
        for row in rows:
            exact = ("exact", row["instruction"], row["input"], row["output"])
            near = ("near", row["task"], code_key(code_of(row["output"]), row["module_name"]),
                    code_key(code_of(row["input"]), row["module_name"]) if row["input"] else "")
            if exact in seen or near in seen:
                self.report.duplicates_removed += 1
                continue
            seen.update((exact, near))
            out.append(row)
        return out

    # --- eval rows -----------------------------------------------------------------------------------------

    def _eval_rows(self, eval_drafts: dict[str, list[Draft]], verified: dict[tuple[str, str, int], Verified],
                   by_name: dict[str, Family]) -> list[dict[str, Any]]:
        shares = self.cfg.eval.task_mix.shares()
        rows = []
        for name in sorted(eval_drafts):
            for draft in eval_drafts[name]:
                item = verified.get((name, "eval", draft.index))
                if item is None:
                    continue
                rng = random.Random(f"{self.cfg.seed}:eval:{name}:{draft.index}")
                task = rng.choices(TASK_NAMES, weights=[shares[t] for t in TASK_NAMES])[0]
                inputs = self._task_inputs(item)
                if task == "repair" or inputs.get(task) is None:
                    task = "spec2chisel"  # eval repair inputs would need another verification round
                instruction, input_text = tasks.build_prompt(task, item.design, rng, verilog=inputs["verilog2chisel"],
                                                             skeleton_code=inputs["complete"])
                self.fact_problems += unstated_facts(f"eval-{name}-{draft.index}", task, item.design, instruction)
                rows.append(tasks.eval_row(f"eval-{name}-{draft.index}", task, item.design, instruction,
                                           input_text, by_name[name].held_out))
        return rows

    # --- outputs -------------------------------------------------------------------------------------------

    def _write(self, train_rows: list[dict[str, Any]], eval_rows: list[dict[str, Any]]) -> None:
        from chisellm.data.card import write_release

        out = Path(self.cfg.out)
        write_jsonl(out, train_rows)
        write_jsonl(self.cfg.eval.out, eval_rows)
        self._write_rejects()
        self.report.train_rows = len(train_rows)
        self.report.eval_rows = len(eval_rows)
        if self.cfg.write_card:
            write_release(self.cfg, train_rows, eval_rows, self.report, self.config_path)
        self.log(f"wrote {len(train_rows)} training rows to {out} and {len(eval_rows)} eval rows to {self.cfg.eval.out}")


def build_dataset(cfg: DataConfig, log: Callable[[str], None] = print,
                  config_path: str = "configs/data/default.yaml", engine: Any = None) -> BuildReport:
    """Build the training and eval sets described by `cfg` (see `Builder`); `engine` defaults to the
    process-wide one (`chisellm bench data` passes a fresh engine without its on-disk cache). With
    `verify.workers` > 1 each worker process uses its own process-wide engine instead."""
    return Builder(cfg, log, config_path, engine).run()
