#!/usr/bin/env bash
# Builds sqo, then runs bench/EvaluationBench.java against a local Prometheus with 31 days of history.
# Prints a markdown table; docs/benchmarks.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
out=target/bench-classes
mkdir -p "$out"
cp="target/classes:$(cat target/bench.classpath)"
javac -d "$out" -cp "$cp" bench/EvaluationBench.java
exec java -cp "$out:$cp" EvaluationBench
