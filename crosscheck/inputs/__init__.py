"""Reading the corpus: the manifest and its sources."""
