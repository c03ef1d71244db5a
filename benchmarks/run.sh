#!/usr/bin/env bash
# Runs the JMH planning benchmarks (one thread = one core). Usage: benchmarks/run.sh [JMH include regex]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B install -DskipTests
mvn -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "benchmarks/target/benchmarks-0.1.0.jar:$(cat benchmarks/target/classpath.txt)" \
  io.inferplan.benchmarks.PlanBenchmarks "${1:-PlanBenchmarks}"
