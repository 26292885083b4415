"""Running untrusted work: the OS is the boundary.

Every program that touches candidate code or its outputs (the compile server, the elaboration workers, firtool,
Icarus) runs under bubblewrap with:

- a new user namespace and, when ChiselLLM runs as root, an unprivileged host user (`nobody`): the sandboxed
  process holds no capability and owns no host file, so even writable-looking kernel files refuse it;
- all capabilities dropped, no-new-privileges, and a seccomp filter (`chisellm.hdl.seccomp`);
- new network, PID, IPC, UTS and cgroup namespaces; no /proc at all unless a program needs it (and then
  /proc/sys read-only), so no host mount list, no /proc/self/fd and no /proc/self/mem;
- only /usr (and the /bin, /lib symlinks), the toolchain and the JDK visible, read-only, at neutral paths,
  and one private work folder (`/chisellm/work`) writable when the program needs one;
- a clean environment, `--die-with-parent`, and its own process group, killed whole on a timeout;
- resource limits through `prlimit` (address space, CPU seconds, file size, no core dumps).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from chisellm.hdl.seccomp import filter_program
from chisellm.hdl.toolchain import SETUP_HINT
from chisellm.utils.errors import ChiselLLMError

WORK = "/chisellm/work"          # the sandbox's writable folder, as the sandboxed program sees it
SANDBOX_UID = 65534              # `nobody`: the host user sandboxed programs run as when we are root


@dataclass(frozen=True)
class Limits:
    """Per-process resource limits (None = unlimited)."""

    memory_mb: int | None = None  # RLIMIT_AS
    cpu_s: int | None = None      # RLIMIT_CPU
    file_mb: int = 64             # RLIMIT_FSIZE: the largest file the process may write (its captured output too)


@dataclass(frozen=True)
class Mount:
    """A host path shown read-only inside the sandbox at `target`."""

    source: Path
    target: str


@dataclass(frozen=True)
class Sandbox:
    """Where a sandboxed program runs: its read-only mounts, its writable folder, whether it sees /proc."""

    mounts: tuple[Mount, ...] = ()
    workdir: Path | None = None   # bound read-write at WORK and made the working directory
    proc: bool = False
    env: tuple[tuple[str, str], ...] = ()
    limits: Limits = field(default_factory=Limits)


def limited(argv: list[str], limits: Limits) -> list[str]:
    """`argv` prefixed with `prlimit` settings for `limits`."""
    prefix = [shutil.which("prlimit") or "prlimit", "--core=0", f"--fsize={limits.file_mb << 20}"]
    if limits.memory_mb:
        prefix.append(f"--as={limits.memory_mb << 20}")
    if limits.cpu_s:
        prefix.append(f"--cpu={limits.cpu_s}")
    return [*prefix, "--", *argv]


def sandbox_uid() -> int | None:
    """The host uid sandboxed programs run as: `nobody` when we are root, else our own (None: no switch)."""
    return SANDBOX_UID if os.geteuid() == 0 else None


def own_workdir(path: Path) -> Path:
    """Hand `path` and everything in it to the sandbox user (a no-op unless we run as root)."""
    uid = sandbox_uid()
    if uid is not None:
        os.chown(path, uid, uid)
        os.chmod(path, 0o700)
        for root, dirs, files in os.walk(path):
            for name in dirs + files:
                os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)
    return path


@functools.lru_cache(maxsize=None)
def visible(path: Path) -> Path:
    """`path`, or a read-only copy of it the sandbox user can read.

    Unprivileged bubblewrap resolves mount sources as the sandbox user, so a toolchain under a private home
    (`/root/.cache`) must be mirrored to a world-readable folder (hard links where possible, once per version).
    """
    path = Path(path).resolve()
    if sandbox_uid() is None or _world_readable(path):
        return path
    digest = hashlib.sha256(f"{path}:{path.stat().st_mtime_ns}".encode()).hexdigest()[:16]
    mirror = Path("/tmp") / f"chisellm-ro-{digest}"
    if not _trusted(mirror):
        staging = Path(f"{mirror}.{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(path, staging, copy_function=_link_or_copy, symlinks=True)
        for root, dirs, files in os.walk(staging):
            os.chmod(root, 0o755)
            for name in files:
                full = os.path.join(root, name)
                if not os.path.islink(full):
                    os.chmod(full, os.stat(full).st_mode | 0o444)
        shutil.rmtree(mirror, ignore_errors=True)
        os.replace(staging, mirror)
    return mirror


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _trusted(path: Path) -> bool:
    """An existing mirror we made: owned by us and writable by nobody else."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _world_readable(path: Path) -> bool:
    """Whether every folder above `path` is traversable by others and `path` itself readable by them."""
    for parent in [*reversed(path.parents), path]:
        mode = parent.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


@functools.lru_cache(maxsize=None)
def _bwrap() -> str:
    found = shutil.which("bwrap")
    if found is None:
        raise ChiselLLMError("bubblewrap (`bwrap`) is not installed, so untrusted code cannot be sandboxed",
                             hint=SETUP_HINT)
    return found


def bwrap_argv(argv: Sequence[str], box: Sandbox, seccomp_fd: int | None) -> list[str]:
    """The bubblewrap command line that runs `argv` in `box` (without prlimit)."""
    uid = str(sandbox_uid() if sandbox_uid() is not None else os.geteuid())
    cmd = [_bwrap(), "--unshare-user", "--uid", uid, "--gid", uid, "--cap-drop", "ALL", "--unshare-net",
           "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent",
           "--new-session", "--ro-bind", "/usr", "/usr", "--dev", "/dev", "--tmpfs", "/tmp", "--remount-ro", "/tmp"]
    for top in ("/bin", "/lib", "/lib64", "/sbin"):
        if os.path.islink(top):
            cmd += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            cmd += ["--ro-bind", top, top]
    if box.proc:
        cmd += ["--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys"]
    for mount in box.mounts:
        source = visible(mount.source)
        if mount.target.startswith("/usr/") and str(source) == mount.target:
            continue  # already visible through /usr
        cmd += ["--ro-bind", str(source), mount.target]
    env = [("PATH", "/usr/bin:/bin"), ("LANG", "C.UTF-8"), ("HOME", WORK if box.workdir else "/"),
           ("TMPDIR", WORK if box.workdir else "/tmp"), *box.env]
    if box.workdir is not None:
        cmd += ["--bind", str(box.workdir), WORK, "--chdir", WORK]
    else:
        cmd += ["--chdir", "/"]
    cmd += ["--clearenv"]
    for key, value in env:
        cmd += ["--setenv", key, value]
    if seccomp_fd is not None:
        cmd += ["--seccomp", str(seccomp_fd)]
    return [*cmd, "--", *argv]


def _seccomp_fd() -> int | None:
    """A fresh memory file holding the seccomp program (bwrap reads it at start), or None if not available."""
    program = filter_program()
    if program is None:
        return None
    fd = os.memfd_create("chisellm-seccomp", os.MFD_CLOEXEC)
    os.write(fd, program)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _popen_kwargs(pass_fds: Sequence[int]) -> dict:
    kwargs: dict = {"start_new_session": True, "pass_fds": tuple(pass_fds)}
    uid = sandbox_uid()
    if uid is not None:
        kwargs.update(user=uid, group=uid, extra_groups=[])
    return kwargs


# Linux's parent-death signal is per *thread*: a sandbox dies with the thread that started it. Long-lived sandboxes
# (the JVMs) are therefore started from this one thread, which lives as long as the process.
_SPAWNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chisellm-spawner")
_spawn_lock = threading.Lock()


def spawn(argv: Sequence[str], box: Sandbox, *, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
          stderr=subprocess.DEVNULL, pass_fds: Sequence[int] = (), cwd: Path | None = None) -> subprocess.Popen:
    """Start `argv` in `box` in the background; it dies with this process and is killed by `kill`."""
    def start() -> subprocess.Popen:
        seccomp = _seccomp_fd()
        fds = [*pass_fds, *([seccomp] if seccomp is not None else [])]
        try:
            cmd = limited(bwrap_argv(argv, box, seccomp), box.limits)
            return subprocess.Popen(cmd, stdin=stdin, stdout=stdout, stderr=stderr, cwd=cwd or "/",
                                    **_popen_kwargs(fds))
        finally:
            if seccomp is not None:
                os.close(seccomp)
    return _SPAWNER.submit(start).result()


@dataclass(frozen=True)
class Completed:
    """A finished sandboxed run: exit status (negative: killed by that signal), output, whether it timed out."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False
    output_capped: bool = False


def run(argv: Sequence[str], box: Sandbox, timeout_s: float, capture_dir: Path, max_output_mb: int = 8) -> Completed:
    """Run `argv` in `box` to completion; stdout and stderr go to files in `capture_dir` (capped by the file-size
    limit, so a program that prints without end is stopped, not buffered), and only their last 200 kB are read."""
    out_path, err_path = capture_dir / "stdout.txt", capture_dir / "stderr.txt"
    seccomp = _seccomp_fd()
    limits = Limits(box.limits.memory_mb, box.limits.cpu_s, min(box.limits.file_mb, max_output_mb))
    try:
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            cmd = limited(bwrap_argv(argv, box, seccomp), limits)
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd="/",
                                    **_popen_kwargs([seccomp] if seccomp is not None else []))
    finally:
        if seccomp is not None:
            os.close(seccomp)
    timed_out = False
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill(proc)
    capped = any(p.stat().st_size >= max_output_mb << 20 for p in (out_path, err_path)) or proc.returncode in (-signal.SIGXFSZ, 128 + signal.SIGXFSZ)
    return Completed(proc.returncode, _tail(out_path), _tail(err_path), timed_out, capped)


def _tail(path: Path, limit: int = 200_000) -> str:
    with open(path, "rb") as handle:
        handle.seek(max(0, path.stat().st_size - limit))
        return handle.read().decode("utf-8", "replace")


def kill(proc: subprocess.Popen) -> None:
    """Kill a sandbox's whole process group (bwrap and, through its PID namespace, everything inside)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
