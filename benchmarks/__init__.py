"""Benchmarks and the title-resolution evaluation set (shared with the tests)."""
