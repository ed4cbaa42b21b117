#!/usr/bin/env bash
# Starts HubGate with its embedded HubSpot simulator (no HubSpot account needed).
# Extra arguments go to `hubgate demo`, e.g. `scripts/demo.sh --dialect hubspot --port 9080`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product hubgate
exec .build/release/hubgate demo "$@"
