"""Benchmarks: ``parallax bench`` / ``python -m reader.bench``.

Speed and memory targets live here, not in timed tests.
"""
