"""Icarus Verilog runs: the generated self-checking testbench, and upstream testbenches (`Testbench`).

Designs reaching here have passed `integrity.check_verilog`: they cannot print, stop the simulation, read files
or name anything outside their own modules, so only the testbench writes the report. Its report lines carry a
token drawn per run, the simulation is compiled with `SYNTHESIS` defined (the conditions the integrity check
assumed), output goes to capped files, and the checked cycle count must be the one the vectors define.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from chisellm.hdl.candidate import Testbench
from chisellm.hdl.results import Mismatch
from chisellm.hdl.sandbox import Limits, Sandbox, own_workdir, run
from chisellm.hdl.testbench import (DONE_TAG, MISMATCH_TAG, interface_problems, parse_ports, prefix_modules,
                                    render_testbench, write_vector_files)
from chisellm.hdl.toolchain import require_tool
from chisellm.hdl.vectors import Vectors

_IVERILOG_FAILED = "CHISELLM_IVERILOG_FAILED"
MAX_VCD_BYTES = 4 << 20


@dataclass(frozen=True)
class SimOutcome:
    """What a simulation found. `passed` is None when it could not decide (error, timeout, a cap)."""

    passed: bool | None
    mismatches: int = 0
    cycles: int = 0
    first: Mismatch | None = None
    message: str = ""
    timed_out: bool = False
    capped: bool = False
    vcd: str | None = None


@dataclass(frozen=True)
class SimLimits:
    timeout_s: float
    memory_mb: int
    max_output_mb: int = 8


@dataclass(frozen=True)
class SimJob:
    """One candidate of a (possibly shared) vectors simulation."""

    verilog: str
    top: str
    vectors: Vectors


def _token() -> str:
    return secrets.token_hex(8)


def simulate_vectors(verilog: str, top: str, vectors: Vectors, workdir: Path, limits: SimLimits,
                     want_vcd: bool = False) -> SimOutcome:
    """Drive `top` with `vectors` alone in one run and report the first mismatch and the mismatching cycles."""
    ports = parse_ports(verilog, top)
    if ports is None:
        return SimOutcome(False, message=f"the Verilog has no module `{top}`")
    problems = interface_problems(ports, vectors)
    if problems:
        return SimOutcome(False, message="interface mismatch: " + "; ".join(problems))
    token = _token()
    (workdir / "dut.v").write_text(verilog, encoding="utf-8")
    (workdir / "tb.v").write_text(render_testbench(vectors, top, ports, token=token, dump=want_vcd), encoding="utf-8")
    write_vector_files(vectors, workdir)
    outcome = _run_icarus(["tb.v", "dut.v"], workdir, limits)
    if isinstance(outcome, SimOutcome):
        return outcome
    parsed = _parse_report(outcome, token, {None: vectors})
    result = parsed[None] if parsed else SimOutcome(None, message=f"the simulation ended without a verdict: {outcome[-1000:]}")
    return _with_vcd(result, workdir) if want_vcd else result


def simulate_vectors_many(jobs: list[SimJob], workdir: Path, limits: SimLimits) -> list[SimOutcome]:
    """Simulate several candidates in one Icarus run: their modules are renamed apart (`c<i>_`), each gets its
    own testbench and vector files in `workdir/<i>/`, and all run side by side (the integrity check keeps them
    from reaching each other). If the shared run fails as a whole (a design Icarus rejects, a hang), each
    candidate is simulated on its own so verdicts stay exact."""
    outcomes: dict[int, SimOutcome] = {}
    sources, benches, live = [], [], []
    token = _token()
    for index, job in enumerate(jobs):
        ports = parse_ports(job.verilog, job.top)
        if ports is None:
            outcomes[index] = SimOutcome(False, message=f"the Verilog has no module `{job.top}`")
            continue
        problems = interface_problems(ports, job.vectors)
        if problems:
            outcomes[index] = SimOutcome(False, message="interface mismatch: " + "; ".join(problems))
            continue
        folder = workdir / str(index)
        folder.mkdir(exist_ok=True)
        write_vector_files(job.vectors, folder)
        sources.append(prefix_modules(job.verilog, f"c{index}_"))
        benches.append(render_testbench(job.vectors, job.top, ports, index=index, token=token))
        live.append(index)
    if len(live) == 1:
        index = live[0]
        solo = workdir / f"solo{index}"
        solo.mkdir()
        outcomes[index] = simulate_vectors(jobs[index].verilog, jobs[index].top, jobs[index].vectors, solo, limits)
    elif live:
        done = " && ".join(f"chisellm_tb_{i}.chisellm_done" for i in live)
        top = f"module chisellm_top;\n  initial begin\n    wait ({done});\n    $finish;\n  end\nendmodule\n"
        (workdir / "duts.v").write_text("\n".join(sources), encoding="utf-8")
        (workdir / "tbs.v").write_text("\n".join(benches) + top, encoding="utf-8")
        shared = SimLimits(limits.timeout_s * 2, limits.memory_mb, limits.max_output_mb)
        output = _run_icarus(["tbs.v", "duts.v"], workdir, shared)
        parsed = None if isinstance(output, SimOutcome) else _parse_report(output, token, {i: jobs[i].vectors for i in live})
        if parsed is None:
            for index in live:
                solo = workdir / f"solo{index}"
                solo.mkdir()
                outcomes[index] = simulate_vectors(jobs[index].verilog, jobs[index].top, jobs[index].vectors, solo, limits)
        else:
            outcomes.update(parsed)
    return [outcomes[i] for i in range(len(jobs))]


def _parse_report(output: str, token: str, vectors: dict[int | None, Vectors]) -> dict | None:
    """Per-candidate outcomes from the testbench's tagged lines, or None unless every candidate reported exactly
    once with the cycle count its vectors define."""
    def key(text: str) -> int | None:
        return int(text) if text else None
    done = re.findall(rf"{DONE_TAG}_{token}(?: (\d+))? (\d+) (\d+)$", output, re.M)
    found: dict[int | None, tuple[int, int]] = {}
    for index, errors, cycles in done:
        k = key(index)
        if k in found or k not in vectors or int(cycles) != vectors[k].cycles:
            return None
        found[k] = (int(errors), int(cycles))
    if set(found) != set(vectors):
        return None
    firsts: dict[int | None, Mismatch] = {}
    for index, cycle, port_name, expected_hex, got_hex in re.findall(
            rf"{MISMATCH_TAG}_{token}(?: (\d+))? (\d+) (\S+) (\S+) (\S+)$", output, re.M):
        k = key(index)
        if k in firsts or k not in vectors:
            continue
        port = next((p for p in vectors[k].outputs if p.name == port_name), None)
        if port is None:
            return None
        firsts[k] = Mismatch(int(cycle), port_name, _as_int(expected_hex, port.width, port.signed),
                             _got(got_hex, port.width, port.signed))
    return {k: SimOutcome(errors == 0, mismatches=errors, cycles=cycles, first=firsts.get(k))
            for k, (errors, cycles) in found.items()}


def simulate_testbench(verilog: str, bench: Testbench, workdir: Path, limits: SimLimits,
                       want_vcd: bool = False) -> SimOutcome:
    """An upstream testbench around the candidate's Verilog (VerilogEval's `Mismatches: N in M samples`, RTLLM's
    pass message), with its report line tagged by this run's token."""
    token = _token()
    names = []
    for name, text in bench.prepare(token):
        (workdir / name).write_text(text, encoding="utf-8")
        if name.endswith((".v", ".sv")):
            names.append(name)
    (workdir / "chisellm_dut.v").write_text(verilog, encoding="utf-8")
    names.append("chisellm_dut.v")
    if want_vcd:
        (workdir / "chisellm_dump.v").write_text(
            f'module chisellm_dump;\n  initial begin\n    $dumpfile("wave.vcd");\n    $dumpvars(0, {bench.root});\n'
            "  end\nendmodule\n", encoding="utf-8")
        names.append("chisellm_dump.v")
    outcome = _run_icarus(names, workdir, limits)
    if isinstance(outcome, SimOutcome):
        return outcome
    result = bench.judge(outcome, token)
    return _with_vcd(result, workdir) if want_vcd else result


def _with_vcd(outcome: SimOutcome, workdir: Path) -> SimOutcome:
    path = workdir / "wave.vcd"
    if not path.is_file() or path.stat().st_size > MAX_VCD_BYTES:
        return outcome
    return replace(outcome, vcd=path.read_text(encoding="utf-8", errors="replace"))


def _run_icarus(sources: list[str], workdir: Path, limits: SimLimits) -> str | SimOutcome:
    """Compile with iverilog (SYNTHESIS defined) and run vvp in one sandbox; stdout of the run, or an outcome
    describing the failure."""
    iverilog = str(require_tool("iverilog").resolve())
    vvp = str(require_tool("vvp").resolve())
    script = (f'"{iverilog}" -g2012 -DSYNTHESIS -o sim.vvp "$@" || {{ echo {_IVERILOG_FAILED} >&2; exit 97; }}; '
              f'exec "{vvp}" -n sim.vvp')
    own_workdir(workdir)
    capture = workdir.parent / f"{workdir.name}.capture"
    capture.mkdir(exist_ok=True)
    box = Sandbox(workdir=workdir, limits=Limits(memory_mb=limits.memory_mb, cpu_s=int(limits.timeout_s) + 1,
                                                 file_mb=limits.max_output_mb))
    done = run(["/bin/sh", "-c", script, "sh", *sources], box, limits.timeout_s, capture, limits.max_output_mb)
    if done.timed_out:
        return SimOutcome(None, message=f"the simulation took longer than {limits.timeout_s:.0f} s (wall-time cap)",
                          timed_out=True)
    if done.output_capped:
        return SimOutcome(None, message=f"the simulation printed more than {limits.max_output_mb} MiB (output cap)",
                          capped=True)
    if done.returncode != 0:
        if _IVERILOG_FAILED in done.stderr:
            return SimOutcome(False, message=f"iverilog rejected the design: "
                                             f"{done.stderr.replace(_IVERILOG_FAILED, '').strip()[-2000:]}")
        if done.returncode < 0 or done.returncode > 128:
            return SimOutcome(None, message="the simulation was killed by a resource limit "
                                            f"({limits.memory_mb} MiB, {limits.timeout_s:.0f} s of CPU)", capped=True)
        return SimOutcome(None, message=f"vvp failed: {(done.stderr + done.stdout)[-2000:].strip()}")
    return done.stdout


def _as_int(hex_text: str, width: int, signed: bool) -> int:
    value = int(hex_text, 16)
    return value - (1 << width) if signed and value >> (width - 1) else value


def _got(hex_text: str, width: int, signed: bool) -> str:
    try:
        return str(_as_int(hex_text, width, signed))
    except ValueError:
        return hex_text  # x or z bits
