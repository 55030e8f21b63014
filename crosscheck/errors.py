"""Errors the command line turns into one-line messages with exit code 2."""


class CrosscheckError(Exception):
    """Bad input: a manifest, a source, a reviews file. Message is one line, names the file."""


class ManifestError(CrosscheckError):
    pass


class SourceError(CrosscheckError):
    pass


class ReviewsError(CrosscheckError):
    pass


class WorkerError(CrosscheckError):
    """A worker process of a parallel check stopped (killed, out of memory): nothing is written."""
