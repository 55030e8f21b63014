"""report.html: one self-contained file rendered from report.json's dictionary."""
from __future__ import annotations

import jinja2

from .jsonreport import report_dict
from .model import Report


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("crosscheck", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True,
    )


def render_html(report: Report, data: dict | None = None) -> str:
    data = data or report_dict(report)
    return environment().get_template("report.html.j2").render(**data)
