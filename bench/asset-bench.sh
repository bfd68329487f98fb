#!/usr/bin/env bash
# Asset sync benchmark: copies 1 GiB of mixed assets (many small files, four of 200 MiB) from one devstage
# environment to another with the sync-assets phase (its own JVM, -Xmx256m), and compares it with a raw S3
# stream copy of the same bytes bucket to bucket in the same run. Last line: RESULT {"mbPerSec", "rawMbPerSec", "ratio", "peakHeapMb"}.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/steps.sh
step "compile (mvn test-compile)" mvn_q test-compile
step "classpath (mvn dependency:build-classpath)" mvn_q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
step "compile the benchmark (javac AssetBench.java)" javac -d target/bench-classes -cp "$CP" bench/java/io/stagesync/assets/AssetBench.java
java -Xmx1g -Dlogback.configurationFile=bench/logback-bench.xml -cp "target/bench-classes:$CP" io.stagesync.assets.AssetBench
