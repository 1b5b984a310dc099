#!/usr/bin/env bash
# The Java conformance runner: builds the client and the runner offline (`mvn -o`, so
# tools/install-client-tools.sh must have fetched the dependencies), then runs the vectors
# named by SB_CONFORMANCE_VECTORS against SB_CONFORMANCE_ADDRESS with the identities in
# SB_CONFORMANCE_TLS_DIR. Its last line is `conformance java: P/N passed`.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p target
if ! mvn -o -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/conformance-classpath.txt >target/conformance-build.log 2>&1; then
  cat target/conformance-build.log >&2
  echo "conformance java: build failed" >&2
  exit 1
fi
exec java -cp "target/test-classes:target/classes:$(cat target/conformance-classpath.txt)" \
  io.secretsbroker.conformance.ConformanceRunner
