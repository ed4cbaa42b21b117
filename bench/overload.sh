#!/usr/bin/env bash
# Upstream budget under overload: many clients push far more than HubSpot allows through HubGate to
# a simulator enforcing HubSpot-like limits, and the run prints how well the budget was used.
#
#   bench/overload.sh [seconds] [connections] [limit-per-window] [window-ms]
#
# Prints budget utilisation (calls HubSpot accepted / what its limit allowed), HubSpot 429s (must be
# 0), client-visible 429s (calls that could not get a turn within budget.maxWaitMs), and queue wait
# p50/p99. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-20}"
connections="${2:-64}"
limit="${3:-50}"
window_ms="${4:-2000}"
scripts/setup.sh wrk curl python3
source bench/common.sh

token="overload-hubspot-token"
client_key="overload-client-key"
sim_port="$(free_port)"; gw_port="$(free_port)"; admin_port="$(free_port)"

HUBGATE_SIMULATOR_TOKEN="$token" "$bin" simulator --port "$sim_port" --burst-limit "$limit" --burst-interval-ms "$window_ms" \
    --daily-limit 100000000 --log-level warning >"$work/simulator.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$sim_port/_simulator/stats"

HUBGATE_HUBSPOT_TOKEN="$token" HUBGATE_CLIENT_NAMES="overload" HUBGATE_CLIENT_LIMITS_ENABLED=false \
HUBGATE_CACHE_PATH="$work/cache.sqlite" HUBGATE_BUDGET_STATE_PATH="$work/state.sqlite" \
HUBGATE_BUDGET_BURST_LIMIT="$limit" HUBGATE_BUDGET_INTERVAL_MS="$window_ms" HUBGATE_BUDGET_MAX_WAIT_MS=5000 \
HUBGATE_CLIENTS_OVERLOAD_KEY_SHA256="$(printf '%s\n' "$client_key" | "$bin" hash-key)" \
    "$bin" serve --host 127.0.0.1 --port "$gw_port" --admin-port "$admin_port" --upstream-url "http://127.0.0.1:$sim_port" \
    --log-level error >"$work/gateway.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$admin_port/readyz"

out="$(WRK_AUTH="Bearer $client_key" wrk -t1 -c"$connections" -d"${duration}s" --timeout 10s -s bench/list.lua \
    "http://127.0.0.1:$gw_port/crm/v4/objects/contacts/101/associations/companies")"
sim="$(curl -s "http://127.0.0.1:$sim_port/_simulator/stats")"
budget="$(curl -s "http://127.0.0.1:$admin_port/budget/stats")"
SIM="$sim" BUDGET="$budget" WRK="$out" python3 - "$duration" "$limit" "$window_ms" "$connections" <<'PY'
import json, os, re, sys
duration, limit, window_ms, connections = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sim, budget, wrk = json.loads(os.environ["SIM"]), json.loads(os.environ["BUDGET"]), os.environ["WRK"]
total = int(re.search(r"(\d+) requests in", wrk).group(1))
non2xx = int(re.search(r"Non-2xx or 3xx responses: (\d+)", wrk).group(1)) if "Non-2xx" in wrk else 0
accepted = sim["requests"]["byOperation"].get("listAssociations", 0) - sim.get("rateLimited", 0)
allowed = limit * duration * 1000 / window_ms
print(f"HubGate upstream budget under overload: wrk -t1 -c{connections} -d{int(duration)}s, limit {limit} per {window_ms} ms")
print(f"  client calls answered        {total}")
print(f"  HubSpot accepted             {accepted}  (its limit allowed about {allowed:.0f} in {duration:.0f} s)")
print(f"  budget utilisation           {100 * accepted / allowed:.1f} %")
print(f"  HubSpot 429s                 {sim.get('rateLimited', 0)}")
print(f"  peak calls in any window     {sim.get('peakWindowCount')}  (limit {limit})")
print(f"  client-visible 429s          {non2xx}  (no turn within budget.maxWaitMs)")
p50, p99 = budget.get("waitP50Ms"), budget.get("waitP99Ms")
print(f"  queue wait p50 / p99         {p50:.0f} ms / {p99:.0f} ms" if p50 is not None else "  queue wait                   n/a")
PY
