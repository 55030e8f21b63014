"""crosscheck's version (one place; the package and the cache key read it)."""
__version__ = "0.1.0"
