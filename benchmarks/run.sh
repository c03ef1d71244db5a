#!/usr/bin/env bash
# Runs the JMH benchmarks (one thread = one core). Usage: benchmarks/run.sh [JMH include regex] [JMH options…]
# e.g. benchmarks/run.sh 'AnalyticBenchmarks' -prof gc
# Builds the reactor from this checkout (never `mvn install`: the sibling modules come from their target/ jars).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "benchmarks/target/benchmarks-0.1.0.jar:$(cat benchmarks/target/classpath.txt)" \
  org.openjdk.jmh.Main "${1:-PlanBenchmarks}" "${@:2}"
