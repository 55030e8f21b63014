"""Write report.json and report.html into an output folder, atomically."""
from __future__ import annotations

import os
from pathlib import Path

from crosscheck.storage.atomic import atomic_write
from crosscheck.outputs.htmlreport import render_html
from crosscheck.outputs.jsonreport import report_dict, to_json
from crosscheck.model import Report


def write_report(report: Report, out_dir: str | os.PathLike, html: bool = True) -> dict[str, Path]:
    out = Path(out_dir)
    data = report_dict(report)
    json_text = to_json(report)
    html_text = render_html(report, data) if html else None  # render fully before touching any file
    paths = {"json": out / "report.json"}
    atomic_write(paths["json"], json_text)
    if html_text is not None:
        paths["html"] = out / "report.html"
        atomic_write(paths["html"], html_text)
    return paths
