# Shared by the benchmark scripts (sourced, not run): a release binary, a scratch directory removed
# on exit with every background process started into `pids`, and helpers for ports and readiness.

# Built as scripts/demo.sh and deploy/ build it (a different flag set would rebuild everything).
scripts/build-release.sh >/dev/null
bin=.build/release/hubgate

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A free TCP port on the loopback interface.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Waits until a URL answers (for up to $2 seconds, default 10), or stops the script.
wait_for() { for _ in $(seq 1 $((${2:-10} * 20))); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; echo "bench: $1 did not come up" >&2; exit 1; }

# The overhead benchmarks' pair, on ports $sim_port, $gw_port and $admin_port with $token and
# $client_key: a simulator whose limits are out of reach, and a HubGate in front of it with one
# read/write client, no upstream budget and no per-client limits. NAME=value arguments to
# start_unlimited_gateway come after these settings, so they override them.
start_unlimited_simulator() {
    HUBGATE_SIMULATOR_TOKEN="$token" "$bin" simulator --port "$sim_port" --burst-limit 1000000000 --daily-limit 1000000000 \
        >"$work/simulator.log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$sim_port/_simulator/stats"
}
start_unlimited_gateway() {
    env HUBGATE_HUBSPOT_TOKEN="$token" HUBGATE_CLIENT_NAMES="bench" HUBGATE_CACHE_PATH="$work/cache.sqlite" \
    HUBGATE_BUDGET_ENABLED=false HUBGATE_CLIENT_LIMITS_ENABLED=false \
    HUBGATE_CLIENTS_BENCH_KEY_SHA256="$(printf '%s\n' "$client_key" | "$bin" hash-key)" HUBGATE_CLIENTS_BENCH_SCOPES="read,write" \
    "$@" \
        "$bin" serve --host 127.0.0.1 --port "$gw_port" --admin-port "$admin_port" --upstream-url "http://127.0.0.1:$sim_port" \
        --log-level warning >"$work/gateway.log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$admin_port/readyz"
}
# Two associations, so reads return real bodies.
seed_associations() {
    curl -s -o /dev/null -X POST "http://127.0.0.1:$sim_port/crm/v4/associations/contacts/companies/batch/create" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"inputs":[{"from":{"id":"101"},"to":{"id":"201"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":1}]},{"from":{"id":"102"},"to":{"id":"202"},"types":[{"associationCategory":"HUBSPOT_DEFINED","associationTypeId":279}]}]}'
}
