"""Issue 18: faults in the middle of a write. A writer killed (SIGKILL) at a random point leaves each
file whole (old or new); a full disk or a read-only folder is one line, exit 2, old files intact."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from crosscheck.outputs.write import JOURNAL, PAIR_META, finish_pending
from crosscheck.review.reviews import load_reviews

ARTICLE = "Sergueï Lavrov a déclaré à Wonsan que la Russie soutenait la Corée du Nord.\n"

# A slow filesystem: every fsync and rename of a crosscheck write sleeps, so that kills land inside writes.
SHIM = textwrap.dedent("""
    import os, random, time
    _fsync, _replace = os.fsync, os.replace
    def fsync(fd):
        time.sleep(random.uniform(0, 0.15)); _fsync(fd); time.sleep(random.uniform(0, 0.1))
    def replace(a, b, **kw):
        time.sleep(random.uniform(0, 0.1)); _replace(a, b, **kw); time.sleep(random.uniform(0, 0.1))
    os.fsync, os.replace = fsync, replace
""")


def _start(args, shim_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{shim_dir}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           "CROSSCHECK_REVIEWER": "kill-test"}
    return subprocess.Popen([sys.executable, "-m", "crosscheck.cli", *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _pair_ok(out: Path) -> bool:
    j, h = out / "report.json", out / "report.html"
    if not j.exists() and not h.exists():
        return True
    if not (j.exists() and h.exists()):
        return False  # killed between the two renames of a first write: the journal completes the pair
    raw = j.read_bytes()
    json.loads(raw)
    m = re.search(rf'<meta name="{PAIR_META}" content="sha256:([0-9a-f]+)">', h.read_text(encoding="utf-8"))
    return m is not None and m.group(1) == hashlib.sha256(raw).hexdigest()


def test_writers_killed_at_random_points_leave_whole_files(corpus_copy, tmp_path):
    rng = random.Random(18)
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    fs = json.loads(subprocess.run([sys.executable, "-m", "crosscheck.cli", "check", corpus_copy, "--format", "json",
                                    "--fail-on", "error"], capture_output=True, text=True).stdout)["findings"]
    out = tmp_path / "out"
    reviews, manifest = corpus_copy / "reviews.toml", corpus_copy / "sources.toml"
    kills = completed = repaired = 0
    for n in range(10):
        article = tmp_path / f"kill-{n}.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        before_dec = set(load_reviews(reviews).decisions)
        before_src = {e["id"] for e in tomllib.loads(manifest.read_text(encoding="utf-8"))["source"]}
        procs = [_start(("review", corpus_copy, "--accept", fs[n]["id"]), shim),
                 _start(("add", article, "--corpus", corpus_copy), shim),
                 _start(("report", corpus_copy, "--out", out), shim)]
        time.sleep(rng.uniform(0.6, 2.6))
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            else:
                completed += 1
            p.wait()
        after_dec = set(load_reviews(reviews).decisions)  # parses
        assert before_dec <= after_dec <= before_dec | {fs[n]["id"]}
        entries = tomllib.loads(manifest.read_text(encoding="utf-8"))["source"]  # parses
        assert before_src <= {e["id"] for e in entries} <= before_src | {f"kill-{n}"}
        assert all((corpus_copy / e["path"]).is_file() for e in entries)  # no entry without its file
        if not _pair_ok(out):  # killed between the two renames: the journal completes the pair
            assert (out / JOURNAL).exists()
            finish_pending(out)
            repaired += 1
        assert _pair_ok(out)
    assert kills > 0  # the test killed writers (not only finished ones)
    print(f"kill test: {kills} writers killed, {completed} finished, {repaired} report pairs completed by the journal")


# --- a full disk, a read-only folder -----------------------------------------------------------------

def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock") and ".crosscheck-cache" not in p.parts}


FAULTS = {
    "enospc": (errno.ENOSPC, "No space left on device"),
    "readonly": (errno.EROFS, "Read-only file system"),
}


@pytest.fixture(params=sorted(FAULTS))
def fault(request, monkeypatch):
    """Make every crosscheck write fail as on a full disk (at fsync) or a read-only folder (at create)."""
    import crosscheck.storage.atomic as atomic

    code, text = FAULTS[request.param]

    def fail(*a, **k):
        raise OSError(code, text)

    if request.param == "enospc":
        monkeypatch.setattr(atomic.os, "fsync", fail)
    else:
        monkeypatch.setattr(atomic.tempfile, "mkstemp", fail)
    return text


def _one_line_error(result, needle: str, text: str):
    assert result.exit_code == 2, result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and needle in err[0] and text in err[0], result.stderr


def test_review_on_a_full_or_readonly_disk(corpus_copy, cli, fault):
    (corpus_copy / "reviews.toml").write_text('format = "crosscheck-reviews"\nversion = 1\n', encoding="utf-8")
    f = json.loads(cli("check", corpus_copy, "--format", "json", "--fail-on", "error").stdout)["findings"][0]
    before = _files(corpus_copy)
    _one_line_error(cli("review", corpus_copy, "--accept", f["id"]), "reviews.toml", fault)
    assert _files(corpus_copy) == before


def test_add_on_a_full_or_readonly_disk(corpus_copy, cli, fault, tmp_path):
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = _files(corpus_copy)
    _one_line_error(cli("add", article, "--corpus", corpus_copy), "new.txt", fault)
    assert _files(corpus_copy) == before  # neither the copy nor the manifest entry


def test_report_on_a_full_or_readonly_disk(corpus_copy, cli, fault, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("{}", encoding="utf-8")
    (out / "report.html").write_text("<html></html>", encoding="utf-8")
    before = _files(out)
    _one_line_error(cli("report", corpus_copy, "--out", out), "report.json", fault)
    assert _files(out) == before


def test_check_output_on_a_full_or_readonly_disk(corpus_copy, cli, fault, tmp_path):
    target = tmp_path / "gate.sarif"
    target.write_text("old", encoding="utf-8")
    _one_line_error(cli("check", corpus_copy, "--format", "sarif", "--output", target), "gate.sarif", fault)
    assert target.read_text(encoding="utf-8") == "old"


def test_report_pair_is_rolled_back_when_its_second_rename_fails(corpus_copy, cli, tmp_path, monkeypatch):
    """report.json is renamed first; if report.html's rename then fails, the old JSON comes back: a
    reader never sees a new JSON beside an old HTML."""
    import crosscheck.storage.atomic as atomic

    out = tmp_path / "out"
    assert cli("report", corpus_copy, "--out", out).exit_code == 0
    before = _files(out)
    assert _pair_ok(out)
    art = corpus_copy / "press-001.txt"
    art.write_text(art.read_text(encoding="utf-8").replace("Wonsan", "Hamhung", 1), encoding="utf-8")
    real = os.replace

    def replace(src, dst, **kw):
        if Path(dst).name == "report.html":
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, **kw)

    monkeypatch.setattr(atomic.os, "replace", replace)
    _one_line_error(cli("report", corpus_copy, "--out", out), "report.json", "Input/output error")
    assert _files(out) == before and _pair_ok(out)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert cli("report", corpus_copy, "--out", out).exit_code == 0
    assert _files(out) != before and _pair_ok(out)


def test_a_pair_cut_between_its_two_renames_is_completed_by_the_next_run(corpus_copy, cli, tmp_path):
    """The state a SIGKILL between the renames leaves (new JSON, old HTML, the journal, the HTML's
    temporary file): the next `report` completes the pair before writing its own."""
    from crosscheck.storage.atomic import write_temp

    out = tmp_path / "out"
    assert cli("report", corpus_copy, "--out", out).exit_code == 0
    old_html = (out / "report.html").read_text(encoding="utf-8")
    new_json = (out / "report.json").read_text(encoding="utf-8").replace('"schema": 1', '"schema":  1')
    new_html = re.sub(r'content="sha256:[0-9a-f]+"',
                      f'content="sha256:{hashlib.sha256(new_json.encode()).hexdigest()}"', old_html)
    (out / "report.json").write_text(new_json, encoding="utf-8")
    tmp = write_temp(out / "report.html", new_html)
    (out / JOURNAL).write_text(json.dumps([[".gone.tmp", "report.json"], [tmp.name, "report.html"]]), encoding="utf-8")
    assert not _pair_ok(out)  # what a reader would see until then: detectable by the digest
    finish_pending(out)
    assert _pair_ok(out) and not (out / JOURNAL).exists() and not tmp.exists()
