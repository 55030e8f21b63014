"""Writing files safely and caching results between runs."""
