#!/usr/bin/env bash
# Builds sqo, then compiles and runs one bench/<Class>.java against sqo's classes and dependencies.
# Maven options go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
out=target/bench-classes
mkdir -p "$out"
cp="target/classes:$(cat target/bench.classpath)"
javac -d "$out" -cp "$cp" "bench/$1.java"
exec java -cp "$out:$cp" "$1"
