"""[scale] Engines that run the per-article work elsewhere than the local process pool."""
