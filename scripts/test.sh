#!/usr/bin/env bash
# Runs the whole test suite: Swift unit and integration tests (real sockets, real libcurl).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build --disable-xctest
