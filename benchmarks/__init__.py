"""Benchmarks of `topics` against the tools analysts would otherwise use.

One entry point, ``python -m benchmarks.run [--quick] [--only NAME ...]``:
each module here with a ``run(quick) -> list[dict]`` function is one
benchmark; the runner prints its rows as a Markdown table and writes them,
with a description of the machine, as JSON under ``artifacts/bench/``.
"""
