"""atomic_write: a reader sees the old file or the new one, never half of either; failures are one line."""
from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

import crosscheck.storage.atomic
from crosscheck.storage.atomic import atomic_write
from crosscheck.errors import CrosscheckError


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_new_file_and_creates_folders(tmp_path):
    target = tmp_path / "a" / "b" / "report.json"
    atomic_write(target, "{\"é\": 1}\n")
    assert target.read_bytes() == "{\"é\": 1}\n".encode()
    assert files_in(target.parent) == ["report.json"]


def test_replaces_existing_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "sources.toml"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_umask_permissions_not_private(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "report.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644


class _BrokenWriter(io.RawIOBase):
    """Writes the first half of the data, then fails like a full disk or a Ctrl-C."""

    def __init__(self, fd: int, exc: BaseException):
        self.fd, self.exc = fd, exc

    def writable(self):
        return True

    def write(self, b):
        os.write(self.fd, bytes(b)[: len(b) // 2])
        raise self.exc

    def fileno(self):
        return self.fd

    def close(self):
        if not self.closed:
            os.close(self.fd)
        super().close()


@pytest.mark.parametrize("exc, raised", [
    (OSError(28, "No space left on device"), CrosscheckError),
    (KeyboardInterrupt(), KeyboardInterrupt),
    (RuntimeError("boom"), RuntimeError),
])
def test_interrupted_mid_write_keeps_previous_file(tmp_path, monkeypatch, exc, raised):
    target = tmp_path / "report.json"
    target.write_text("previous report\n")
    monkeypatch.setattr(crosscheck.storage.atomic.os, "fdopen", lambda fd, mode: _BrokenWriter(fd, exc))
    with pytest.raises(raised) as info:
        atomic_write(target, "x" * 100_000)
    assert target.read_text() == "previous report\n"
    assert files_in(tmp_path) == ["report.json"]  # the half-written temporary file is gone
    if raised is CrosscheckError:
        assert str(info.value) == f"{target}: cannot write: No space left on device"


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), OSError(18, "Invalid cross-device link")])
def test_interrupted_at_rename_keeps_previous_file(tmp_path, monkeypatch, exc):
    target = tmp_path / "report.json"
    target.write_text("previous report\n")

    def replace(src, dst):
        raise exc

    monkeypatch.setattr(crosscheck.storage.atomic.os, "replace", replace)
    with pytest.raises((KeyboardInterrupt, CrosscheckError)):
        atomic_write(target, "new")
    assert target.read_text() == "previous report\n"
    assert files_in(tmp_path) == ["report.json"]


def test_permission_denied_is_one_line(tmp_path, monkeypatch):
    """What a read-only folder gives (simulated: tests may run as root, whom chmod does not stop)."""
    def denied(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(crosscheck.storage.atomic.tempfile, "mkstemp", denied)
    with pytest.raises(CrosscheckError) as info:
        atomic_write(tmp_path / "report.json", "{}")
    assert str(info.value) == f"{tmp_path / 'report.json'}: cannot write: Permission denied"


def test_parent_is_a_file(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(CrosscheckError, match=r"out/report.json: cannot write: "):
        atomic_write(tmp_path / "out" / "report.json", "{}")
    assert (tmp_path / "out").read_text() == "not a folder"


def test_target_is_a_folder(tmp_path):
    (tmp_path / "report.json").mkdir()
    with pytest.raises(CrosscheckError, match="report.json: cannot write: Is a directory"):
        atomic_write(tmp_path / "report.json", "{}")
    assert files_in(tmp_path) == ["report.json"]
