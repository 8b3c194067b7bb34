#!/usr/bin/env bash
# Runs bench/EvaluationBench.java against a local Prometheus with 31 days of history.
# Prints a markdown table; docs/benchmarks.md records a run.
exec "$(dirname "$0")/run-java-bench.sh" EvaluationBench
