"""govkg benchmarks: ``python benchmarks/run.py [--quick] [--only build,query,...]``.

Not part of the test suite. Every measurement that needs a clean process
(builds, peak memory, the browser) runs in a child process; the parent only
orchestrates, prints the table and writes ``BENCHMARKS.md``.
"""
