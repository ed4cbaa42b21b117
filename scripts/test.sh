#!/usr/bin/env bash
# Runs the whole test suite:
#   1. HubSpot's official Python client (hubspot-api-client from PyPI) against `hubgate demo`;
#   2. the Swift unit and integration tests (real sockets, real libcurl, no network).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh python3 python3-venv curl
swift build --build-tests
scripts/check-official-client.sh
swift test --skip-build --disable-xctest
