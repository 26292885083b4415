"""A sandboxed JVM and the channel to it (`jvm/Protocol.scala`).

The channel is a pair of named pipes in a private folder; the JVM opens them by path at start, and as soon as
it answers the first ping the pipes are unlinked. From then on only the two processes hold them: the sandbox
mounts no /proc, the JVM keeps the streams in local variables of its main thread, and its stdout/stderr go to a
capped log. Every request carries an id and a random nonce that its reply must repeat; reply lines are bounded,
and a reply that is not the one awaited fails that request only.
"""

from __future__ import annotations

import json
import os
import queue
import re
import secrets
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.hdl.sandbox import Limits, Mount, Sandbox, kill, sandbox_uid, spawn
from chisellm.hdl.toolchain import JvmClasspath, require_jvm_classpath, require_tool, tool_version
from chisellm.utils.errors import ChiselLLMError

MAX_REPLY_BYTES = 256 << 20
_CHANNEL = "/chisellm/channel"
_TOOLCHAIN = "/chisellm/toolchain"
_JDK = "/chisellm/jdk"


class JvmDied(Exception):
    """The JVM exited (a crash, a kill after a timeout, or its own exit after a candidate it does not trust)."""


class JvmTimeout(Exception):
    """The JVM did not answer in time; it has been killed."""


class GarbledReply(Exception):
    """A reply that is not valid JSON, too long, or not the answer to the request sent."""


@dataclass(frozen=True)
class Jdk:
    """The JDK that runs the JVMs."""

    home: Path
    feature: int

    @property
    def has_security_manager(self) -> bool:
        """JDK 24 removed the SecurityManager (JEP 486); up to 23 it still works when allowed at start."""
        return self.feature < 24


def find_jdk() -> Jdk:
    """The JDK of `java` (JAVA_HOME first), checked to be 17 or newer."""
    java = require_tool("java").resolve()
    version = tool_version("java")
    match = re.match(r"(\d+)(?:\.(\d+))?", version)
    if match is None:
        raise ChiselLLMError(f"cannot tell the version of {java} (it printed {version!r})",
                             hint="point JAVA_HOME at a JDK 17 or newer")
    feature = int(match.group(1)) if match.group(1) != "1" else int(match.group(2) or 0)
    if feature < 17:
        raise ChiselLLMError(f"{java} is Java {version}; the Chisel toolchain needs JDK 17 or newer",
                             hint="install openjdk-17-jdk-headless or point JAVA_HOME at a newer JDK")
    return Jdk(java.parent.parent, feature)


@dataclass(frozen=True)
class JvmSpec:
    """What to run: a main class, its arguments (paths inside the sandbox), heap and limits."""

    name: str
    main_class: str
    classpath: tuple[str, ...]
    args: tuple[str, ...]
    heap_mb: int
    startup_timeout_s: float = 120.0


class Toolchain:
    """The toolchain's paths as a sandboxed JVM sees them."""

    def __init__(self, cp: JvmClasspath | None = None, jdk: Jdk | None = None):
        self.cp = cp or require_jvm_classpath()
        self.jdk = jdk or find_jdk()
        self.jars_dir = self.cp.jars[0].parent
        self.mounts = [Mount(self.jars_dir, f"{_TOOLCHAIN}/jars"), Mount(self.cp.plugin.parent, f"{_TOOLCHAIN}/plugin"),
                       Mount(self.cp.server_classes, f"{_TOOLCHAIN}/server")]
        jdk_home = self.jdk.home.resolve()
        self.java_home = str(jdk_home) if str(jdk_home).startswith("/usr/") else _JDK
        if self.java_home == _JDK:
            self.mounts.append(Mount(jdk_home, _JDK))
        etc = Path("/etc") / jdk_home.name.replace("-amd64", "").replace("-arm64", "")
        if etc.is_dir():  # Debian's JDK keeps its conf/ there, behind symbolic links
            self.mounts.append(Mount(etc, str(etc)))

    def jar(self, path: Path) -> str:
        return f"{_TOOLCHAIN}/jars/{path.name}"

    @property
    def all_jars(self) -> tuple[str, ...]:
        return tuple(self.jar(j) for j in self.cp.jars)

    @property
    def plugin(self) -> str:
        return f"{_TOOLCHAIN}/plugin/{self.cp.plugin.name}"

    @property
    def server(self) -> str:
        return f"{_TOOLCHAIN}/server"

    def jars_named(self, *prefixes: str) -> tuple[str, ...]:
        return tuple(self.jar(j) for j in self.cp.jars if j.name.startswith(prefixes))


class JvmProcess:
    """One sandboxed JVM speaking the line protocol. Not thread-safe: one request at a time."""

    def __init__(self, spec: JvmSpec, toolchain: Toolchain):
        self.spec = spec
        self.toolchain = toolchain
        self._proc: subprocess.Popen | None = None
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._reply_fd = -1
        self._request_fd = -1
        self._log_dir = Path(tempfile.mkdtemp(prefix=f"chisellm-{spec.name}-"))
        self.requests = 0

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> dict[str, Any]:
        """Start the JVM; returns its answer to the first ping."""
        channel = Path(tempfile.mkdtemp(prefix="chisellm-channel-"))
        os.chmod(channel, 0o711)
        request_path, reply_path = channel / "request", channel / "reply"
        for path in (request_path, reply_path):
            os.mkfifo(path, 0o600)
            if sandbox_uid() is not None:
                os.chown(path, sandbox_uid(), sandbox_uid())
        # Our ends first, so that neither open blocks: O_RDWR on a FIFO never waits for the other side.
        self._reply_fd = os.open(reply_path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(self._reply_fd, True)
        # A writer of our own until the JVM has opened its end: reading a FIFO nobody writes gives end of file.
        keeper = os.open(reply_path, os.O_WRONLY | os.O_NONBLOCK)
        self._request_fd = os.open(request_path, os.O_RDWR)
        tc = self.toolchain
        argv = [f"{tc.java_home}/bin/java", f"-Xmx{self.spec.heap_mb}m", "-Xss16m", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-Xshare:auto",
                # C1 only: C2's compiler threads compete for the same two cores (bench verify: 1.5x cold, 1.3x warm).
                *(["-Djava.security.manager=allow"] if 18 <= tc.jdk.feature < 24 else []),
                "-cp", ":".join(self.spec.classpath), self.spec.main_class,
                f"{_CHANNEL}/request", f"{_CHANNEL}/reply", *self.spec.args]
        box = Sandbox(mounts=(*tc.mounts, Mount(channel, _CHANNEL)), proc=False,
                      env=(("LD_LIBRARY_PATH", f"{tc.java_home}/lib"),),
                      # Address space: the heap plus what the JVM reserves for metaspace, code cache and threads.
                      limits=Limits(memory_mb=self.spec.heap_mb + 6144, file_mb=64))
        log = open(self._log_dir / "jvm.log", "ab")
        try:
            self._proc = spawn(argv, box, stdout=log, stderr=log)
        finally:
            log.close()
        self._lines = queue.Queue()
        threading.Thread(target=_pump, args=(self._reply_fd, self._lines), daemon=True,
                         name=f"chisellm-{self.spec.name}-reader").start()
        try:
            return self.request({"op": "ping"}, self.spec.startup_timeout_s)
        finally:
            os.close(keeper)
            for path in (request_path, reply_path):
                path.unlink(missing_ok=True)
            channel.rmdir()

    def request(self, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
        """Send one request and wait for its reply.

        Raises:
            JvmDied: the JVM exited before answering.
            JvmTimeout: no answer within `timeout_s` (the JVM has been killed).
            GarbledReply: the answer was malformed or not this request's (the JVM has been killed).
        """
        if self._proc is None:
            raise JvmDied(f"the {self.spec.name} JVM is not running")
        self.requests += 1
        ident, nonce = str(self.requests), secrets.token_hex(8)
        line = (json.dumps({**message, "id": ident, "nonce": nonce}) + "\n").encode()
        try:
            _write_all(self._request_fd, line)
        except OSError:
            self.close(force=True)
            raise JvmDied(f"the {self.spec.name} JVM exited") from None
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                raw = self._lines.get(timeout=min(0.5, max(0.0, deadline - time.monotonic())))
                break
            except queue.Empty:
                if self._proc is not None and self._proc.poll() is not None and self._lines.empty():
                    raw = None  # exited without a reply (before it opened the reply pipe, for instance)
                    break
                if time.monotonic() >= deadline:
                    self.close(force=True)
                    raise JvmTimeout(f"no answer from the {self.spec.name} JVM within {timeout_s:.0f} s") from None
        if raw is None:
            code = self._proc.wait() if self._proc else None
            self.close(force=True)
            raise JvmDied(f"the {self.spec.name} JVM exited with status {code}")
        try:
            reply = json.loads(raw)
            if not isinstance(reply, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            self.close(force=True)
            raise GarbledReply(f"malformed reply from the {self.spec.name} JVM ({exc})") from None
        if reply.get("id") != ident or reply.get("nonce") != nonce:
            self.close(force=True)
            raise GarbledReply(f"the {self.spec.name} JVM answered another request")
        return reply

    def close(self, force: bool = False) -> None:
        """Stop the JVM: close its input (it exits by itself), or kill its sandbox."""
        proc, self._proc = self._proc, None
        # The reply pipe is the reader thread's to close (at end of file), so its number is never reused under it.
        if self._request_fd >= 0:
            try:
                os.close(self._request_fd)
            except OSError:
                pass
        self._request_fd = self._reply_fd = -1
        if proc is None:
            return
        if not force:
            try:
                proc.wait(timeout=5)
                return
            except subprocess.TimeoutExpired:
                pass
        kill(proc)

    def log(self) -> str:
        path = self._log_dir / "jvm.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _pump(fd: int, lines: queue.Queue) -> None:
    """Split what the JVM writes into lines; a line longer than MAX_REPLY_BYTES becomes b"" (garbled)."""
    buffer = bytearray()
    oversized = False
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            chunk = b""
        if not chunk:
            os.close(fd)
            lines.put(None)
            return
        while chunk:
            newline = chunk.find(b"\n")
            part, chunk = (chunk, b"") if newline < 0 else (chunk[:newline], chunk[newline + 1:])
            if not oversized:
                buffer += part
                if len(buffer) > MAX_REPLY_BYTES:
                    oversized, buffer = True, bytearray()
            if newline >= 0:
                lines.put(b"" if oversized else bytes(buffer))
                buffer, oversized = bytearray(), False
