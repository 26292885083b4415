"""Installing the Chisel toolchain for a pip-installed chisellm (`chisellm setup`).

The Maven pom and the installer script ship inside the package, so a wheel can build the toolchain into the
user cache exactly as `make setup` builds it into a checkout's `.toolchain/`.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from chisellm.utils.errors import ChiselLLMError

INSTALLER = Path(__file__).with_name("setup_toolchain.sh")

# Programs the engine runs, with the Debian/Ubuntu package that provides each.
SYSTEM_TOOLS = (
    ("iverilog", "iverilog"),
    ("vvp", "iverilog"),
    ("verilator", "verilator"),
    ("bwrap", "bubblewrap"),
    ("java", "openjdk-17-jdk-headless"),
    ("mvn", "maven"),
    ("unzip", "unzip"),
)


@dataclass(frozen=True)
class MissingTools:
    """Programs not found on PATH and the apt packages that provide them."""

    programs: tuple[str, ...]
    packages: tuple[str, ...]

    @property
    def apt_command(self) -> str:
        return f"sudo apt-get install {' '.join(self.packages)}" if self.packages else ""


def missing_system_tools() -> MissingTools:
    """Which of the engine's external programs are absent from PATH."""
    missing = [(tool, pkg) for tool, pkg in SYSTEM_TOOLS if shutil.which(tool) is None]
    return MissingTools(tuple(t for t, _ in missing), tuple(dict.fromkeys(p for _, p in missing)))


def install_toolchain(dest: Path) -> None:
    """Fetch the pinned jars and firtool into `dest` and build the compile server (skipped when up to date).

    Raises:
        ChiselLLMError: when Maven, Java or unzip is missing or a step fails.
    """
    if shutil.which("bash") is None:
        raise ChiselLLMError(
            "`bash` was not found; the toolchain installer is a bash script", hint="install bash, or run on Linux"
        )
    proc = subprocess.run(["bash", str(INSTALLER), str(dest)], check=False)
    if proc.returncode != 0:
        raise ChiselLLMError(
            f"toolchain install into {dest} failed (exit status {proc.returncode})",
            hint="read the lines above; install what they name (see `chisellm setup --check`)",
        )
