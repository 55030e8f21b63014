"""Write report.json and report.html into an output folder, atomically and as a pair.

Both files are rendered in full, then written to temporary files beside their targets (fsynced),
then renamed one after the other under the folder's lock (``storage/lock.py``), so two concurrent
``report`` runs never interleave (A's JSON beside B's HTML). The HTML names the JSON it belongs to
(``<meta name="crosscheck-report-json" content="sha256:...">``), so a reader can tell a pair from a
mismatch. A journal (``.report.pending``) lists the two renames while they happen: a run killed
between them is completed by the next run (the renamed-to files were complete and fsynced).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from crosscheck.errors import CrosscheckError
from crosscheck.storage.atomic import atomic_write, write_temp
from crosscheck.storage.lock import locked
from crosscheck.outputs.htmlreport import render_html
from crosscheck.outputs.jsonreport import report_dict, to_json
from crosscheck.model import Report

JOURNAL = ".report.pending"
PAIR_META = "crosscheck-report-json"


def pair_digest(json_text: str | bytes) -> str:
    raw = json_text.encode("utf-8") if isinstance(json_text, str) else json_text
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _tag(html_text: str, digest: str) -> str:
    meta = f'<meta name="{PAIR_META}" content="{digest}">'
    head = html_text.find("<head>")
    if head < 0:
        return meta + html_text
    return html_text[:head + 6] + meta + html_text[head + 6:]


def finish_pending(out: Path) -> None:
    """Complete the renames of a pair whose writer was killed between them."""
    journal = out / JOURNAL
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)
        return
    for tmp, target in moves:
        if (out / tmp).exists():
            os.replace(out / tmp, out / target)
    journal.unlink(missing_ok=True)


def write_report(report: Report, out_dir: str | os.PathLike, html: bool = True) -> dict[str, Path]:
    out = Path(out_dir)
    data = report_dict(report)
    json_text = to_json(report)
    html_text = _tag(render_html(report, data), pair_digest(json_text)) if html else None  # render fully first
    paths = {"json": out / "report.json"}
    if html_text is None:
        atomic_write(paths["json"], json_text)
        return paths
    paths["html"] = out / "report.html"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CrosscheckError(f"{paths['json']}: cannot write: {e.strerror or e}") from None
    with locked(paths["json"]):
        finish_pending(out)
        temps: list[tuple[Path, Path]] = []
        backup = out / ".report.json.previous"
        replaced = False
        try:
            for target, text in ((paths["json"], json_text), (paths["html"], html_text)):
                temps.append((write_temp(target, text), target))
            if paths["json"].exists():  # to undo the first rename if the second fails (an error, Ctrl-C)
                backup.unlink(missing_ok=True)
                try:
                    os.link(paths["json"], backup)
                except OSError:  # no hard links here (FAT, some network shares): a copy does
                    shutil.copyfile(paths["json"], backup)
            atomic_write(out / JOURNAL, json.dumps([[t.name, p.name] for t, p in temps]))
            for t, target in temps:
                os.replace(t, target)
                replaced = True
        except BaseException as e:
            if replaced and backup.exists():
                os.replace(backup, paths["json"])  # both old, as before the run
            for t, _ in temps:
                t.unlink(missing_ok=True)
            (out / JOURNAL).unlink(missing_ok=True)
            backup.unlink(missing_ok=True)
            if isinstance(e, OSError):
                raise CrosscheckError(f"{paths['json']}: cannot write the report: {e.strerror or e}") from None
            raise
        (out / JOURNAL).unlink(missing_ok=True)
        backup.unlink(missing_ok=True)
    return paths
