"""Client of the warm compile-server JVM (`jvm/CompileServer.scala`): scalac only, no candidate code runs in it.

It returns, per candidate, the diagnostics or the candidate's class files (already checked by the bytecode
policy). After a crash or a timeout the JVM is killed and the next call starts a fresh one; it is also restarted
every `restart_every` batches to bound the compiler's memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chisellm.hdl.jvm_process import GarbledReply, JvmDied, JvmProcess, JvmSpec, JvmTimeout, Toolchain


@dataclass(frozen=True)
class ServerOptions:
    """How the compile server JVM runs."""

    heap_mb: int = 2048
    restart_every: int = 40      # batches
    startup_timeout_s: float = 120.0


@dataclass(frozen=True)
class CompileItem:
    """One candidate as the compile server sees it."""

    id: str
    package: str
    source: str
    harness: str


@dataclass
class Compiled:
    """The compile server's answer for one candidate."""

    id: str
    ok: bool
    errors: list[dict[str, Any]] = field(default_factory=list)
    harness_errors: list[dict[str, Any]] = field(default_factory=list)
    violation: str | None = None   # the bytecode policy refused the classes
    crash: str | None = None       # compiled alone, the candidate crashed scalac
    classes: dict[str, str] = field(default_factory=dict)  # internal name -> base64 class file

    @classmethod
    def from_reply(cls, row: dict[str, Any]) -> Compiled:
        return cls(id=row["id"], ok=bool(row["ok"]), errors=list(row.get("errors", [])),
                   harness_errors=list(row.get("harness_errors", [])), violation=row.get("violation"),
                   crash=row.get("crash"), classes=dict(row.get("classes", {})))


class CompileServer:
    """A long-lived `chisellm.server.CompileServer` process."""

    def __init__(self, options: ServerOptions | None = None, toolchain: Toolchain | None = None):
        self.options = options or ServerOptions()
        self._toolchain = toolchain
        self._jvm: JvmProcess | None = None
        self._batches = 0
        self.starts = 0

    @property
    def toolchain(self) -> Toolchain:
        if self._toolchain is None:
            self._toolchain = Toolchain()
        return self._toolchain

    @property
    def restarts(self) -> int:
        """How often the JVM was started again after the first time (crash, timeout, period)."""
        return max(0, self.starts - 1)

    @property
    def running(self) -> bool:
        return self._jvm is not None and self._jvm.running

    def start(self) -> None:
        tc = self.toolchain
        spec = JvmSpec("compiler", "chisellm.server.CompileServer", (tc.server, *tc.all_jars),
                       (":".join(tc.all_jars), tc.plugin), self.options.heap_mb, self.options.startup_timeout_s)
        self._jvm = JvmProcess(spec, tc)
        self.starts += 1
        self._batches = 0
        self._jvm.start()

    def close(self) -> None:
        if self._jvm is not None:
            self._jvm.close()
            self._jvm = None

    def compile(self, items: list[CompileItem], timeout_s: float) -> list[Compiled]:
        """Compile a batch; one answer per item, in order.

        Raises:
            JvmDied, JvmTimeout, GarbledReply: the JVM was lost with this batch (it is restarted next time).
        """
        if self._jvm is not None and (not self._jvm.running or self._batches >= self.options.restart_every):
            self.close()
        if self._jvm is None:
            self.start()
        assert self._jvm is not None
        self._batches += 1
        batch = [{"id": i.id, "pkg": i.package, "source": i.source, "harness": i.harness} for i in items]
        try:
            reply = self._jvm.request({"op": "compile", "batch": batch}, timeout_s)
        except (JvmDied, JvmTimeout, GarbledReply):
            self._jvm = None
            raise
        if reply.get("op") != "compiled" or len(reply.get("results", [])) != len(items):
            self.close()
            raise GarbledReply(f"unexpected reply to compile: {str(reply)[:300]}")
        results = [Compiled.from_reply(r) for r in reply["results"]]
        if [r.id for r in results] != [i.id for i in items]:
            self.close()
            raise GarbledReply("the compile server answered for other candidates")
        return results

    def log(self) -> str:
        return self._jvm.log() if self._jvm is not None else ""
