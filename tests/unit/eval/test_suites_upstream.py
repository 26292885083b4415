"""Suite problem files: a local copy, the cache, a download checked against the pinned sha256, the offline error.
No test touches the network: downloads come from `file://` tarballs built here from our own fixture problems."""

import io
import re
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest

from chisellm.eval.suites import verilog_eval_v2
from chisellm.eval.suites.upstream import Upstream, problem_dir, problem_digest
from chisellm.utils.errors import ChiselLLMError

ROOT = Path(__file__).resolve().parents[3]
PROBLEMS = ROOT / "tests" / "fixtures" / "eval" / "verilog_eval"
_FILE = re.compile(r"Prob\d{3}_\w+_(prompt\.txt|ref\.sv|test\.sv)")


def fixture_upstream(url: str, sha256: str | None = None) -> Upstream:
    blank = Upstream("example/bench", "0" * 40, "problems", "", lambda name: bool(_FILE.fullmatch(name)), url)
    return replace(blank, sha256=problem_digest(PROBLEMS, blank) if sha256 is None else sha256)


def tarball(path: Path, upstream: Upstream, tamper: str = "") -> Path:
    """A GitHub-style archive of the fixture problems: `<name>-<commit>/<folder>/<file>`, plus a file outside
    the folder that must not be extracted; `tamper` names a problem file to alter."""
    with tarfile.open(path, "w:gz") as archive:
        for file in sorted(PROBLEMS.iterdir()):
            if file.is_file():
                data = file.read_bytes() + (b"\n// changed" if file.name == tamper else b"")
                info = tarfile.TarInfo(f"bench-{upstream.commit}/{upstream.folder}/{file.name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        readme = b"not a problem"
        info = tarfile.TarInfo(f"bench-{upstream.commit}/README.md")
        info.size = len(readme)
        archive.addfile(info, io.BytesIO(readme))
    return path


def test_download_is_checked_extracted_and_cached(tmp_path):
    upstream = fixture_upstream("")
    archive = tarball(tmp_path / "bench.tar.gz", upstream)
    upstream = replace(upstream, url=archive.as_uri())
    folder = problem_dir(upstream, cache_dir=tmp_path / "cache")
    assert folder.parent == tmp_path / "cache"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in PROBLEMS.glob("Prob*_*.*")
                                                              if _FILE.fullmatch(p.name))
    # The second use reads the cache: the download source may be gone.
    archive.unlink()
    assert problem_dir(upstream, cache_dir=tmp_path / "cache") == folder


def test_checksum_mismatch_is_refused_and_nothing_is_cached(tmp_path):
    upstream = fixture_upstream("")
    archive = tarball(tmp_path / "bench.tar.gz", upstream, tamper="Prob002_vector_and_test.sv")
    with pytest.raises(ChiselLLMError, match="do not match the pinned checksum") as info:
        problem_dir(replace(upstream, url=archive.as_uri()), cache_dir=tmp_path / "cache")
    assert "--suite-path" in info.value.hint
    assert not any((tmp_path / "cache").iterdir())


def test_a_tampered_cache_is_fetched_again(tmp_path):
    upstream = fixture_upstream("")
    upstream = replace(upstream, url=tarball(tmp_path / "bench.tar.gz", upstream).as_uri())
    folder = problem_dir(upstream, cache_dir=tmp_path / "cache")
    (folder / "Prob001_zero_ref.sv").write_text("module RefModule(output zero); assign zero = 1; endmodule\n")
    assert problem_dir(upstream, cache_dir=tmp_path / "cache") == folder
    assert (folder / "Prob001_zero_ref.sv").read_bytes() == (PROBLEMS / "Prob001_zero_ref.sv").read_bytes()


def test_offline_error_says_how_to_use_a_local_copy(tmp_path):
    # Port 9 on the loopback interface: the connection is refused at once, no network is involved.
    upstream = fixture_upstream("http://127.0.0.1:9/bench.tar.gz")
    with pytest.raises(ChiselLLMError, match="cannot download example/bench") as info:
        problem_dir(upstream, cache_dir=tmp_path / "cache")
    assert "--suite-path" in info.value.hint and "0000000000" in info.value.hint


def test_suite_path_is_the_folder_or_a_checkout_root(tmp_path):
    upstream = fixture_upstream("http://127.0.0.1:9/never-used.tar.gz")
    assert problem_dir(upstream, PROBLEMS) == PROBLEMS
    root = tmp_path / "checkout"
    (root / "problems").mkdir(parents=True)
    for file in PROBLEMS.glob("Prob001_*"):
        (root / "problems" / file.name).write_bytes(file.read_bytes())
    assert problem_dir(upstream, root) == root / "problems"
    with pytest.raises(ChiselLLMError, match="no example/bench problem files") as info:
        problem_dir(upstream, tmp_path / "empty")
    assert "--suite-path" in info.value.hint


def test_verilog_eval_is_pinned_to_a_commit_tarball():
    pinned = verilog_eval_v2.UPSTREAM
    assert re.fullmatch(r"[0-9a-f]{40}", pinned.commit) and re.fullmatch(r"[0-9a-f]{64}", pinned.sha256)
    assert pinned.archive_url.endswith(f"/{pinned.repo}/archive/{pinned.commit}.tar.gz")
    assert pinned.is_problem_file("Prob156_review2015_fancytimer_test.sv")
    assert not pinned.is_problem_file("problems.txt") and not pinned.is_problem_file("Prob062_bugs_mux2.sv")
