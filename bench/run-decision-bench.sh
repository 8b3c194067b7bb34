#!/usr/bin/env bash
# Builds sqo, then runs bench/DecisionBench.java: every scenario of bench/scenarios/ under sqo, an HPA on CPU at 70%
# and the oracle, in simulated time. Prints a markdown table and a verdict per scenario; see docs/simulate.md.
# Maven options go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
out=target/bench-classes
mkdir -p "$out"
cp="target/classes:$(cat target/bench.classpath)"
javac -d "$out" -cp "$cp" bench/DecisionBench.java
exec java -cp "$out:$cp" DecisionBench
