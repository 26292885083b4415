"""Finding the external tools, in one place. Each lookup honours an environment variable that names a path,
and fails with a message that says to run `chisellm setup` (or `make setup` in a checkout).

- `CHISELLM_TOOLCHAIN`: the folder `chisellm setup` / `make setup` fills (jars/, plugin/, firtool/, server/);
  default: the checkout's `.toolchain` when this is a checkout that has one, else the user cache
  (`$XDG_CACHE_HOME/chisellm/toolchain`, ~/.cache/chisellm/toolchain).
- `CHISEL_FIRTOOL_PATH`: a folder holding `firtool` (as Chisel itself reads it).
- `JAVA_HOME`: the JDK whose `bin/java` runs the compile server.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError

SETUP_HINT = ("run `chisellm setup` (it installs the Chisel jars, firtool and the compile server and names the apt "
              "packages for iverilog, verilator and bwrap); in a checkout `make setup` does the same")
CHISEL_VERSION = "7.14.0"
SCALA_VERSION = "2.13.18"
FIRTOOL_VERSION = "1.155.0"


def repo_root() -> Path:
    """The checkout this package was installed from (editable install); for a wheel, the folder above
    site-packages, which holds no `.toolchain`."""
    return Path(__file__).resolve().parents[3]


def user_toolchain_dir() -> Path:
    """Where `chisellm setup` installs the toolchain for a pip-installed chisellm."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "chisellm" / "toolchain"


def toolchain_dir() -> Path:
    """`$CHISELLM_TOOLCHAIN`, else the checkout's `.toolchain` if it exists, else the user cache."""
    if os.environ.get("CHISELLM_TOOLCHAIN"):
        return Path(os.environ["CHISELLM_TOOLCHAIN"])
    checkout = repo_root() / ".toolchain"
    return checkout if checkout.is_dir() else user_toolchain_dir()


def require_tool(name: str) -> Path:
    """The path of an external program, or a `ChiselLLMError` saying how to install it.

    `firtool` is looked up in `$CHISEL_FIRTOOL_PATH`, then the toolchain folder, then PATH; `java` in
    `$JAVA_HOME/bin`, then PATH; everything else on PATH.
    """
    candidates: list[Path] = []
    if name == "firtool":
        if os.environ.get("CHISEL_FIRTOOL_PATH"):
            candidates.append(Path(os.environ["CHISEL_FIRTOOL_PATH"]) / "firtool")
        candidates.append(toolchain_dir() / "firtool" / "bin" / "firtool")
    if name == "java" and os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    if found:
        return Path(found)
    raise ChiselLLMError(f"`{name}` was not found", hint=SETUP_HINT)


@dataclass(frozen=True)
class JvmClasspath:
    """The jars the compile server runs with and compiles candidates against."""

    jars: tuple[Path, ...]
    plugin: Path
    server_classes: Path

    @property
    def classpath(self) -> str:
        return os.pathsep.join(str(p) for p in (self.server_classes, *self.jars))


def require_jvm_classpath() -> JvmClasspath:
    """The Chisel/Scala jars, the Chisel compiler plugin and the built compile server."""
    root = toolchain_dir()
    jars = tuple(sorted((root / "jars").glob("*.jar")))
    plugins = sorted((root / "plugin").glob("chisel-plugin_*.jar"))
    server = root / "server"
    if not jars or not plugins or not (server / "chisellm").is_dir():
        raise ChiselLLMError(f"the Chisel toolchain is not installed in {root}", hint=SETUP_HINT)
    return JvmClasspath(jars, plugins[0], server)


@functools.lru_cache(maxsize=None)
def tool_version(name: str) -> str:
    """The version a tool reports, or "missing"."""
    try:
        path = require_tool(name)
    except ChiselLLMError:
        return "missing"
    args = {"firtool": ["--version"], "iverilog": ["-V"], "verilator": ["--version"], "java": ["-version"],
            "bwrap": ["--version"], "vvp": ["-V"]}.get(name, ["--version"])
    try:
        proc = subprocess.run([str(path), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = proc.stdout + proc.stderr
    patterns = {"firtool": r"firtool-([\d.]+)", "iverilog": r"version ([\d.]+)", "vvp": r"version ([\d.]+)",
                "verilator": r"Verilator ([\d.]+)", "java": r'version "([^"]+)"', "bwrap": r"bubblewrap ([\d.]+)"}
    match = re.search(patterns.get(name, r"([\d]+\.[\d.]+)"), text)
    return match.group(1) if match else (text.strip().splitlines() or ["unknown"])[0]


def toolchain_fingerprint() -> str:
    """A short string naming the versions that decide a verification result (part of cache keys)."""
    return f"chisel-{CHISEL_VERSION}+scala-{SCALA_VERSION}+firtool-{tool_version('firtool')}+iverilog-{tool_version('iverilog')}"
