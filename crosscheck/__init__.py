"""crosscheck: check press coverage against the official record.

>>> from crosscheck import load_corpus, check_corpus, write_report
>>> report = check_corpus(load_corpus("seeds"))      # doctest: +SKIP
>>> write_report(report, "reports")                  # doctest: +SKIP

Reviews (reviews.toml) and the CI gate work on the same report:

>>> state = apply_reviews(report, load_reviews(reviews_path(report.corpus)))   # doctest: +SKIP
>>> failing_findings(report_dict(report)["findings"], "warning")               # doctest: +SKIP

The library has no side effects beyond the paths it is given: it draws nothing (pass
``progress=callback`` to :func:`check_corpus`) and leaves the garbage collector alone.
"""
from crosscheck.version import __version__

from crosscheck.checks.record import Record  # noqa: E402
from crosscheck.errors import CrosscheckError, ManifestError, ReviewsError, SourceError, WorkerError  # noqa: E402
from crosscheck.inputs.add import add_source, add_sources, init_corpus, load_source  # noqa: E402
from crosscheck.inputs.corpus import load_corpus, load_files  # noqa: E402
from crosscheck.model import (  # noqa: E402
    Alignment, Claim, Corpus, DiffOp, Finding, Kind, PersonForm, PersonGroup, Release, Report, Segment,
    SegmentedSource, Severity, Source, Span, Turn, Verdict,
)
from crosscheck.outputs.htmlreport import render_html  # noqa: E402
from crosscheck.outputs.jsonreport import json_schema, report_dict, to_json  # noqa: E402
from crosscheck.outputs.write import write_report  # noqa: E402
from crosscheck.pipeline import RunStats, check_corpus  # noqa: E402
from crosscheck.review.gate import failing_findings  # noqa: E402
from crosscheck.review.reviews import (  # noqa: E402
    Decision, Reviews, ReviewState, apply_reviews, load_reviews, record_decision, reviews_path, save_reviews,
)
from crosscheck.storage.cache import ResultCache  # noqa: E402

__all__ = [
    # loading
    "load_corpus", "load_files", "load_source", "add_source", "add_sources", "init_corpus",
    # checking
    "check_corpus", "Record", "ResultCache", "RunStats",
    # writing
    "write_report", "report_dict", "to_json", "render_html", "json_schema",
    # reviewing and the gate
    "load_reviews", "reviews_path", "apply_reviews", "record_decision", "save_reviews", "failing_findings",
    "Decision", "Reviews", "ReviewState",
    # errors
    "CrosscheckError", "ManifestError", "SourceError", "ReviewsError", "WorkerError",
    # the data model
    "Corpus", "Source", "Span", "Report", "Finding", "DiffOp", "Alignment", "PersonGroup", "PersonForm",
    "Release", "Turn", "Segment", "SegmentedSource", "Kind", "Verdict", "Severity", "Claim",
    "__version__",
]
