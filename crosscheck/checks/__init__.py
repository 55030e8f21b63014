"""The checks: segment, extract quotes, align, judge, fact checks, fingerprints."""
