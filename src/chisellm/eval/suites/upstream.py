"""Public benchmark problems read from a local copy or fetched once, at a pinned commit, into a user cache.

The project never ships upstream prompts or testbenches. A suite names its upstream repository, commit and
folder; `problem_dir` returns a folder holding those files: `--suite-path` when given, else the cache, else a
fresh download of the commit's tarball, checked against a sha256 over the problem files before it is used.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from chisellm.utils.errors import ChiselLLMError

FETCH_TIMEOUT_S = 60.0
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # the tarballs are a few MB; a runaway download is cut off


@dataclass(frozen=True)
class Upstream:
    """Where a suite's problems come from.

    Args:
        repo: `owner/name` on GitHub, for messages.
        commit: The pinned commit (40 hex digits).
        folder: The folder inside the repository that holds the problem files.
        sha256: `problem_digest` of that folder at the commit.
        is_problem_file: Which files of the folder are problem files (hashed, extracted).
        url: The tarball of the commit; by default GitHub's archive of `repo` at `commit`.
    """

    repo: str
    commit: str
    folder: str
    sha256: str
    is_problem_file: Callable[[str], bool]
    url: str = ""

    @property
    def archive_url(self) -> str:
        return self.url or f"https://github.com/{self.repo}/archive/{self.commit}.tar.gz"

    def local_copy_hint(self) -> str:
        return (f"download {self.repo} at commit {self.commit[:12]} elsewhere (git clone + git checkout) and pass "
                f"--suite-path PATH/{self.folder} (or the checkout's root)")


def default_suite_cache() -> Path:
    """The user cache of fetched suites (`$XDG_CACHE_HOME/chisellm/suites`)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chisellm" / "suites"


def problem_files(folder: Path, upstream: Upstream) -> list[Path]:
    """The problem files of `folder`, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and upstream.is_problem_file(p.name))


def problem_digest(folder: Path, upstream: Upstream) -> str:
    """sha256 over the sorted (name, content hash) pairs of the problem files."""
    h = hashlib.sha256()
    for path in problem_files(folder, upstream):
        h.update(f"{path.name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return h.hexdigest()


def problem_dir(upstream: Upstream, suite_path: str | Path | None = None, cache_dir: Path | None = None) -> Path:
    """A folder with the suite's problem files.

    Args:
        upstream: The pinned source.
        suite_path: A local copy: the problem folder itself or a checkout holding `upstream.folder`. Used as is
            (a copy of your own may differ from the pinned commit; the run records its eval-set digest).
        cache_dir: Where fetched suites live; default `default_suite_cache()`.

    Raises:
        ChiselLLMError: a `suite_path` without problem files, a download that fails (offline) or a download
            whose problem files do not match the pinned checksum.
    """
    if suite_path is not None:
        return _local_copy(Path(suite_path), upstream)
    target = (cache_dir or default_suite_cache()) / f"{upstream.repo.replace('/', '+')}-{upstream.commit[:12]}"
    if target.is_dir() and problem_digest(target, upstream) == upstream.sha256:
        return target
    return _fetch(upstream, target)


def _local_copy(path: Path, upstream: Upstream) -> Path:
    for folder in (path, path / upstream.folder):
        if folder.is_dir() and problem_files(folder, upstream):
            return folder
    raise ChiselLLMError(f"{path}: no {upstream.repo} problem files here or in {path / upstream.folder}",
                         hint=f"point --suite-path at the `{upstream.folder}` folder of a {upstream.repo} checkout")


def _fetch(upstream: Upstream, target: Path) -> Path:
    try:
        with urllib.request.urlopen(upstream.archive_url, timeout=FETCH_TIMEOUT_S) as response:
            data = response.read(MAX_ARCHIVE_BYTES + 1)
    except (urllib.error.URLError, OSError) as exc:
        raise ChiselLLMError(f"cannot download {upstream.repo} at {upstream.commit[:12]} from {upstream.archive_url} "
                             f"({getattr(exc, 'reason', exc)})", hint=upstream.local_copy_hint()) from None
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ChiselLLMError(f"{upstream.archive_url}: the archive is larger than {MAX_ARCHIVE_BYTES >> 20} MiB",
                             hint=upstream.local_copy_hint())
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        _extract(data, upstream, staging)
        digest = problem_digest(staging, upstream)
        if digest != upstream.sha256:
            raise ChiselLLMError(f"{upstream.archive_url}: the problem files do not match the pinned checksum "
                                 f"(got {digest[:16]}..., want {upstream.sha256[:16]}...)",
                                 hint=upstream.local_copy_hint())
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _extract(data: bytes, upstream: Upstream, dest: Path) -> None:
    """Copy the problem files of `upstream.folder` (and nothing else) out of a GitHub-style tarball."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            for member in archive:
                parts = PurePosixPath(member.name).parts
                # GitHub archives have one top folder, `<name>-<commit>/`.
                if (member.isfile() and len(parts) == 3 and parts[1] == upstream.folder
                        and upstream.is_problem_file(parts[2])):
                    source = archive.extractfile(member)
                    if source is not None:
                        (dest / parts[2]).write_bytes(source.read())
    except tarfile.TarError as exc:
        raise ChiselLLMError(f"{upstream.archive_url}: not a readable tarball ({exc})",
                             hint=upstream.local_copy_hint()) from None
