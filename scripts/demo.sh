#!/usr/bin/env bash
# Starts HubGate with its embedded HubSpot simulator (no HubSpot account needed).
# Extra arguments go to `hubgate demo`, e.g. `scripts/demo.sh --dialect hubspot --port 9080`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The same binary deploy/ ships: the Swift runtime and Foundation linked in, which also maps about
# 5 MB less of shared libraries into the process (bench/soak.sh measures that resident memory).
scripts/build-release.sh
# glibc gives busy threads up to 8 malloc arenas per core, and each keeps the free memory it once
# used. Under 1,000 connections (bench/soak.sh) the demo used 16 arenas, and after three 20 s runs
# its private memory stood at 46, 54, 55 MB (heap in use: 6-8 MB); with 2 arenas at 39, 41, 45 MB.
# An explicit setting in the environment wins.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# One descriptor per client connection: many systems start shells at 1,024, too few for a
# thousand-connection client. Raise the soft limit as far as the hard limit allows.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec .build/release/hubgate demo "$@"
