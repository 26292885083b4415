"""Icarus Verilog runs: the generated self-checking testbench, and the VerilogEval-style mode."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from chisellm.hdl.candidate import VerilogEvalBench
from chisellm.hdl.results import Mismatch
from chisellm.hdl.sandbox import Limits, limited, sandboxed
from chisellm.hdl.testbench import (DONE_TAG, MISMATCH_TAG, interface_problems, parse_ports, prefix_modules,
                                    render_testbench, write_vector_files)
from chisellm.hdl.toolchain import require_tool
from chisellm.hdl.vectors import Vectors

_IVERILOG_FAILED = "CHISELLM_IVERILOG_FAILED"
_MISMATCHES = re.compile(r"Mismatches:\s*(\d+)\s+in\s+(\d+)\s+samples")


@dataclass(frozen=True)
class SimOutcome:
    """What a simulation found. `passed` is None when it could not decide (error, timeout)."""

    passed: bool | None
    mismatches: int = 0
    cycles: int = 0
    first: Mismatch | None = None
    message: str = ""
    timed_out: bool = False


@dataclass(frozen=True)
class SimLimits:
    timeout_s: float
    memory_mb: int
    sandbox: bool = True


def simulate_vectors(verilog: str, top: str, vectors: Vectors, workdir: Path, limits: SimLimits) -> SimOutcome:
    """Drive `top` with `vectors` and report the first mismatch and the count of mismatching cycles."""
    ports = parse_ports(verilog, top)
    if ports is None:
        return SimOutcome(False, message=f"the Verilog has no module `{top}`")
    problems = interface_problems(ports, vectors)
    if problems:
        return SimOutcome(False, message="interface mismatch: " + "; ".join(problems))
    (workdir / "dut.v").write_text(verilog, encoding="utf-8")
    (workdir / "tb.v").write_text(render_testbench(vectors, top, ports), encoding="utf-8")
    write_vector_files(vectors, workdir)
    outcome = _run_icarus(["tb.v", "dut.v"], workdir, limits)
    if isinstance(outcome, SimOutcome):
        return outcome
    done = re.search(rf"{DONE_TAG} (\d+) (\d+)", outcome)
    if done is None:
        return SimOutcome(None, message=f"the simulation ended without a verdict: {outcome[-1000:]}")
    errors, cycles = int(done.group(1)), int(done.group(2))
    first = None
    found = re.search(rf"{MISMATCH_TAG} (\d+) (\S+) (\S+) (\S+)", outcome)
    if found:
        cycle, port_name, expected_hex, got_hex = found.groups()
        port = next(p for p in vectors.outputs if p.name == port_name)
        first = Mismatch(int(cycle), port_name, _as_int(expected_hex, port.width, port.signed),
                         _got(got_hex, port.width, port.signed))
    return SimOutcome(errors == 0, mismatches=errors, cycles=cycles, first=first)


@dataclass(frozen=True)
class SimJob:
    """One candidate of a shared simulation."""

    verilog: str
    top: str
    vectors: Vectors


def simulate_vectors_many(jobs: list[SimJob], workdir: Path, limits: SimLimits) -> list[SimOutcome]:
    """Simulate several candidates in one Icarus run: their modules are renamed apart (`c<i>_`), each gets its
    own testbench and vector files in `workdir/<i>/`, and all run side by side. If the shared run fails as a
    whole (a design Icarus rejects, a hang), each candidate is simulated on its own so verdicts stay exact."""
    outcomes: dict[int, SimOutcome] = {}
    sources, benches, live = [], [], []
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
        benches.append(render_testbench(job.vectors, job.top, ports, index=index))
        live.append(index)
    if live:
        done = " && ".join(f"chisellm_tb_{i}.chisellm_done" for i in live)
        top = f"module chisellm_top;\n  initial begin\n    wait ({done});\n    $finish;\n  end\nendmodule\n"
        (workdir / "duts.v").write_text("\n".join(sources), encoding="utf-8")
        (workdir / "tbs.v").write_text("\n".join(benches) + top, encoding="utf-8")
        shared = limits if len(live) == 1 else SimLimits(limits.timeout_s * 2, limits.memory_mb, limits.sandbox)
        output = _run_icarus(["tbs.v", "duts.v"], workdir, shared)
        parsed = None if isinstance(output, SimOutcome) else _parse_shared(output, {i: jobs[i].vectors for i in live})
        if parsed is None:
            for index in live:
                solo = workdir / f"solo{index}"
                solo.mkdir()
                outcomes[index] = simulate_vectors(jobs[index].verilog, jobs[index].top, jobs[index].vectors, solo, limits)
        else:
            outcomes.update(parsed)
    return [outcomes[i] for i in range(len(jobs))]


def _parse_shared(output: str, vectors: dict[int, Vectors]) -> dict[int, SimOutcome] | None:
    """Per-candidate outcomes from a shared run, or None if any candidate did not finish."""
    found = {int(i): (int(e), int(n)) for i, e, n in re.findall(rf"{DONE_TAG} (\d+) (\d+) (\d+)", output)}
    if set(found) != set(vectors):
        return None
    firsts = {}
    for index, cycle, port_name, expected_hex, got_hex in re.findall(rf"{MISMATCH_TAG} (\d+) (\d+) (\S+) (\S+) (\S+)", output):
        index = int(index)
        if index in firsts:
            continue
        port = next(p for p in vectors[index].outputs if p.name == port_name)
        firsts[index] = Mismatch(int(cycle), port_name, _as_int(expected_hex, port.width, port.signed),
                                 _got(got_hex, port.width, port.signed))
    return {i: SimOutcome(errors == 0, mismatches=errors, cycles=cycles, first=firsts.get(i))
            for i, (errors, cycles) in found.items()}


def simulate_bench(verilog: str, bench: VerilogEvalBench, workdir: Path, limits: SimLimits) -> SimOutcome:
    """VerilogEval mode: candidate + `RefModule` + testbench; the testbench prints `Mismatches: N in M samples`."""
    (workdir / "dut.v").write_text(verilog, encoding="utf-8")
    (workdir / "ref.sv").write_text(bench.ref_sv, encoding="utf-8")
    (workdir / "test.sv").write_text(bench.test_sv, encoding="utf-8")
    outcome = _run_icarus(["test.sv", "ref.sv", "dut.v"], workdir, limits)
    if isinstance(outcome, SimOutcome):
        return outcome
    found = _MISMATCHES.search(outcome)
    if found is None:
        return SimOutcome(None, message=f"the testbench printed no `Mismatches: N in M samples` line: {outcome[-1000:]}")
    errors, samples = int(found.group(1)), int(found.group(2))
    return SimOutcome(errors == 0, mismatches=errors, cycles=samples,
                      message="" if errors == 0 else f"Mismatches: {errors} in {samples} samples")


def _run_icarus(sources: list[str], workdir: Path, limits: SimLimits) -> str | SimOutcome:
    """Compile with iverilog and run vvp in one sandboxed shell (one sandbox start instead of two); stdout of
    the run, or an outcome describing the failure."""
    iverilog = str(require_tool("iverilog").resolve())
    vvp = str(require_tool("vvp").resolve())
    script = (f'"{iverilog}" -g2012 -o sim.vvp "$@" || {{ echo {_IVERILOG_FAILED} >&2; exit 97; }}; '
              f'exec "{vvp}" -n sim.vvp')
    argv = ["/bin/sh", "-c", script, "sh", *sources]
    if limits.sandbox:
        argv = sandboxed(argv, workdir)
    argv = limited(argv, Limits(memory_mb=limits.memory_mb, cpu_s=int(limits.timeout_s) + 1, file_mb=64))
    try:
        proc = subprocess.run(argv, cwd=workdir, capture_output=True, timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        return SimOutcome(None, message=f"the simulation took longer than {limits.timeout_s:.0f} s", timed_out=True)
    output = proc.stdout.decode("utf-8", "replace")[-200_000:]
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        if _IVERILOG_FAILED in stderr:
            return SimOutcome(False, message=f"iverilog rejected the design: {stderr.replace(_IVERILOG_FAILED, '').strip()[-2000:]}")
        if proc.returncode < 0:
            return SimOutcome(None, message="the simulation was killed by a resource limit", timed_out=True)
        return SimOutcome(None, message=f"vvp failed: {(stderr + output)[-2000:].strip()}")
    return output


def _as_int(hex_text: str, width: int, signed: bool) -> int:
    value = int(hex_text, 16)
    return value - (1 << width) if signed and value >> (width - 1) else value


def _got(hex_text: str, width: int, signed: bool) -> str:
    try:
        return str(_as_int(hex_text, width, signed))
    except ValueError:
        return hex_text  # x or z bits
