"""Running untrusted work: bubblewrap (no network, read-only system, a private writable folder) plus
resource limits through `prlimit` (address space, CPU seconds, file size, no core dumps)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from chisellm.hdl.toolchain import SETUP_HINT
from chisellm.utils.errors import ChiselLLMError


@dataclass(frozen=True)
class Limits:
    """Per-process resource limits (None = unlimited)."""

    memory_mb: int | None = None  # RLIMIT_AS
    cpu_s: int | None = None      # RLIMIT_CPU
    file_mb: int = 64             # RLIMIT_FSIZE: the largest file the process may write


def limited(argv: list[str], limits: Limits) -> list[str]:
    """`argv` prefixed with `prlimit` settings for `limits`."""
    prefix = [shutil.which("prlimit") or "prlimit", "--core=0", f"--fsize={limits.file_mb << 20}"]
    if limits.memory_mb:
        prefix.append(f"--as={limits.memory_mb << 20}")
    if limits.cpu_s:
        prefix.append(f"--cpu={limits.cpu_s}")
    return [*prefix, "--", *argv]


def sandboxed(argv: list[str], workdir: Path, readable: list[Path] = (), die_with_parent: bool = True) -> list[str]:
    """`argv` wrapped in bubblewrap: no network, no other processes visible, the system read-only, only
    `workdir` writable, and of the rest only `/usr` and `readable` visible.

    `die_with_parent` kills the sandbox when the *thread* that started it exits (Linux's parent-death signal
    is per thread), so long-lived servers started from short-lived threads must turn it off.

    Raises:
        ChiselLLMError: when bwrap is missing or cannot create a sandbox here.
    """
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise ChiselLLMError("bubblewrap (`bwrap`) is not installed, so untrusted code cannot be sandboxed", hint=SETUP_HINT)
    cmd = [bwrap, *(["--die-with-parent"] if die_with_parent else []), "--new-session", "--unshare-net", "--unshare-pid", "--unshare-ipc",
           "--unshare-uts", "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for top in ("/bin", "/lib", "/lib64", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    for path in readable:
        path = Path(path).resolve()
        if path.exists() and not str(path).startswith("/usr/"):
            cmd += ["--ro-bind", str(path), str(path)]
    # A clean environment: nothing of the caller's (API keys, tokens) is visible inside.
    cmd += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir), "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", str(workdir), "--setenv", "TMPDIR", str(workdir),
            "--setenv", "LANG", "C.UTF-8", *argv]
    return cmd
