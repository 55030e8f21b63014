"""crosscheck: check press coverage against the official record.

>>> from crosscheck import load_corpus, check_corpus, write_report
>>> report = check_corpus(load_corpus("seeds"))      # doctest: +SKIP
>>> write_report(report, "reports")                  # doctest: +SKIP
"""
from crosscheck.inputs.corpus import add_source, load_corpus, load_files
from crosscheck.inputs.add import add_sources, init_corpus, load_source
from crosscheck.errors import CrosscheckError, ManifestError, SourceError
from crosscheck.model import Corpus, Finding, Report, Source, Span
from crosscheck.pipeline import check_corpus
from crosscheck.outputs.write import write_report

__version__ = "0.1.0"

__all__ = [
    "Corpus", "CrosscheckError", "Finding", "ManifestError", "Report", "Source", "SourceError", "Span",
    "add_source", "add_sources", "check_corpus", "init_corpus", "load_source", "load_corpus", "load_files", "write_report", "__version__",
]
