#!/usr/bin/env bash
# Runs bench/DecisionBench.java: every scenario of bench/scenarios/ under sqo, an HPA on CPU at 70% and the oracle,
# in simulated time. Prints a markdown table and a verdict per scenario; see docs/simulate.md.
exec "$(dirname "$0")/run-java-bench.sh" DecisionBench
