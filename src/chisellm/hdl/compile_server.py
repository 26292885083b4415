"""Client of the warm JVM compile server (`jvm/CompileServer.scala`): JSON lines over a pipe, with
timeouts. The JVM runs sandboxed; after a crash or a timeout it is killed and the next call starts a fresh
one. It is also restarted every `restart_every` batches to bound the compiler's memory."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chisellm.hdl.sandbox import Limits, limited, sandboxed
from chisellm.hdl.toolchain import require_jvm_classpath, require_tool


class ServerDied(Exception):
    """The JVM exited (System.exit from candidate code, a crash, or a kill after a timeout)."""


class ServerTimeout(Exception):
    """The JVM did not answer in time; it has been killed."""


@dataclass(frozen=True)
class ServerOptions:
    """How the compile server JVM runs."""

    heap_mb: int = 2048
    restart_every: int = 40      # batches
    sandbox: bool = True
    startup_timeout_s: float = 120.0


class CompileServer:
    """A long-lived `chisellm.server.CompileServer` process."""

    def __init__(self, options: ServerOptions | None = None):
        self.options = options or ServerOptions()
        self._proc: subprocess.Popen | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._batches = 0
        self._workdir = Path(tempfile.mkdtemp(prefix="chisellm-jvm-"))
        self.starts = 0

    # --- lifecycle -------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the JVM and wait until it answers a ping."""
        cp = require_jvm_classpath()
        java = require_tool("java").resolve()
        java_home = java.parent.parent
        readable = [cp.server_classes.parent.resolve(), java_home, Path("/usr/lib/jvm")]
        etc_java = Path("/etc") / java_home.name.replace("-amd64", "").replace("-arm64", "")
        if etc_java.exists():
            readable.append(etc_java)  # Debian's JDK keeps its conf/ there
        argv = [str(java), "-Djava.security.manager=allow", f"-Xmx{self.options.heap_mb}m", "-Xss16m",
                "-XX:+UseSerialGC", "-XX:-UsePerfData",
                # C1 only: C2's compiler threads compete for the same two cores; measured 1.5x faster cold and
                # 1.2-1.3x faster warm on the 2-core VM (bench verify).
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-cp", cp.classpath, "chisellm.server.CompileServer",
                os.pathsep.join(str(j) for j in cp.jars), str(cp.plugin),
                # The JVM's private working folder is readable: Chisel looks up source lines there (relative paths)
                # to quote them in its error messages.
                ",".join([str(p) for p in readable + [Path("/dev/urandom"), Path("/dev/random"), Path("/proc/self"),
                                                      self._workdir]] + ["./"])]
        if self.options.sandbox:
            # The server outlives the thread that starts it; it exits by itself when our end of stdin closes.
            argv = sandboxed(argv, self._workdir, readable, die_with_parent=False)
        # Address-space limit: the heap plus what the JVM reserves for metaspace, code cache and threads.
        argv = limited(argv, Limits(memory_mb=self.options.heap_mb + 6144))
        log = open(self._workdir / "jvm.log", "ab")
        self._proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                      start_new_session=True, cwd=self._workdir)
        log.close()
        self._lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self._proc, self._lines), daemon=True).start()
        self._batches = 0
        self.starts += 1
        reply = self._request({"op": "ping"}, self.options.startup_timeout_s)
        if reply.get("op") != "pong":
            raise ServerDied(f"compile server did not start: {reply}")

    def close(self) -> None:
        """Stop the JVM."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self._kill(proc)

    @property
    def restarts(self) -> int:
        """How often the JVM was started again after the first time (crash, timeout, period)."""
        return max(0, self.starts - 1)

    def restart(self) -> None:
        self.close()
        self.start()

    @property
    def running(self) -> bool:
        return self._proc is not None

    def jvm_log(self) -> str:
        path = self._workdir / "jvm.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # --- requests --------------------------------------------------------------------------------------
    def compile(self, items: list[dict[str, str]], timeout_s: float) -> list[dict[str, Any]]:
        """Compile a batch of {id, source, harness}; one result per item, in order."""
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None  # died between batches (killed from outside): start afresh
        if self._proc is None or self._batches >= self.options.restart_every:
            self.restart() if self._proc is not None else self.start()
        self._batches += 1
        reply = self._request({"op": "compile", "batch": items}, timeout_s)
        if reply.get("op") != "compiled":
            raise ServerDied(f"unexpected reply to compile: {str(reply)[:500]}")
        return reply["results"]

    def elaborate(self, item_id: str, package: str, timeout_s: float, max_firrtl: int) -> dict[str, Any]:
        """Elaborate the harness of a compiled candidate; returns the server's reply."""
        if self._proc is None:
            raise ServerDied("compile server is not running")
        # The server stops a runaway generator itself after `timeout_s`; this process-level watchdog only
        # fires if the whole JVM hangs.
        return self._request({"op": "elaborate", "id": item_id, "pkg": package, "max_firrtl": max_firrtl,
                              "timeout_ms": int(timeout_s * 1000)}, timeout_s + 15)

    def _request(self, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
        proc = self._proc
        assert proc is not None and proc.stdin is not None
        try:
            proc.stdin.write((json.dumps(message) + "\n").encode())
            proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self._proc = None
            self._kill(proc)
            raise ServerDied("compile server exited") from None
        deadline = time.monotonic() + timeout_s
        try:
            line = self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            self._proc = None
            self._kill(proc)
            raise ServerTimeout(f"no answer within {timeout_s:.0f} s") from None
        if line is None:
            self._proc = None
            code = proc.wait()
            raise ServerDied(f"compile server exited with status {code}")
        return json.loads(line)

    @staticmethod
    def _pump(proc: subprocess.Popen, lines: queue.Queue) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw.decode("utf-8", "replace"))
        lines.put(None)

    @staticmethod
    def _kill(proc: subprocess.Popen) -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
