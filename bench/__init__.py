"""Benchmark drivers for `make bench` (docs/PERFORMANCE.md): not part of the site, not installed."""
