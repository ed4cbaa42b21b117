#!/usr/bin/env bash
# What one client connection costs HubGate in private memory (RssAnon), for the soak's budget
# (bench/soak.sh): opens many keep-alive connections against a fresh `hubgate serve` in front of
# the simulator, and prints the KB per connection
#   - open, before it sends anything;
#   - kept after one call of each kind, answered, while the connection stays open and idle;
#   - held by a call waiting for the upstream budget (a gateway whose budget allows 10 calls): a v4
#     call, which waits before its task starts, and a v3 call, which waits inside its task.
#
#   bench/connection-memory.sh [connections=1000]
#
# Each figure comes from its own fresh gateway: memory freed by an earlier step stays with the
# allocator and would hide the next one's. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-1000}"
scripts/setup.sh curl python3
source bench/common.sh
token="bench-hubspot-token"; client_key="bench-client-key"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((connections + 256)) ]; then
    ulimit -n "$(ulimit -Hn)"
fi

# One measurement against the gateway on $gw_port: $1 is the call kind, $2 the gateway's pid.
measure() {
    python3 - "$connections" "$1" "$2" "$gw_port" "$client_key" <<'PY'
import socket, sys, time
n, kind, pid, port, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
calls = {
    "open": None,
    "v4 batch/read": ("POST", "/crm/v4/associations/contacts/companies/batch/read", b'{"inputs":[{"id":"101"}]}'),
    "v4 list": ("GET", "/crm/v4/objects/contacts/101/associations/companies", b""),
    "v3 batch/read": ("POST", "/crm/v3/associations/contacts/companies/batch/read", b'{"inputs":[{"id":"101"}]}'),
    "v3 types": ("GET", "/crm/v3/associations/contacts/companies/types", b""),
    "waiting v4": ("POST", "/crm/v4/associations/contacts/companies/batch/read", b'{"inputs":[{"id":"101"}]}'),
    "waiting v3": ("POST", "/crm/v3/associations/contacts/companies/batch/read", b'{"inputs":[{"id":"101"}]}'),
}
def private_kb():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
def answer(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk: raise SystemExit(f"{kind}: the gateway closed a connection")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    status = head.split(b"\r\n")[0]
    if not status.startswith(b"HTTP/1.1 2"): raise SystemExit(f"{kind}: {status.decode()}")
    length = int(next(l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")))
    while len(rest) < length: rest += sock.recv(65536)
before = private_kb()
sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
time.sleep(1)
opened = private_kb()
if kind == "open":
    print(f"  {'open, nothing sent':30} {(opened - before) / n:6.1f} KB per connection")
    raise SystemExit
method, path, body = calls[kind]
request = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
           f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
if kind.startswith("waiting"):
    for sock in sockets: sock.sendall(request)
    time.sleep(4)
    print(f"  {kind.replace('waiting', 'waiting for the budget,'):30} {(private_kb() - opened) / n:6.1f} KB per call, on top of its connection")
    raise SystemExit
for start in range(0, n, 50):   # 50 at a time: the calls themselves are not what is measured
    batch = sockets[start:start + 50]
    for sock in batch: sock.sendall(request)
    for sock in batch: answer(sock)
time.sleep(1.5)
print(f"  {'kept after one ' + kind:30} {(private_kb() - opened) / n:6.1f} KB per connection, on top of the open one")
PY
}

# A fresh simulator and gateway for one measurement; $1: NAME=value settings for the gateway,
# space-separated, over the benchmark pair's own.
fresh_pair() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
    rm -f "$work"/*.sqlite*
    sim_port="$(free_port)"; gw_port="$(free_port)"; admin_port="$(free_port)"
    start_unlimited_simulator
    seed_associations
    # shellcheck disable=SC2086 # $1 is a list of NAME=value settings
    start_unlimited_gateway ${1:-}
    gw_pid="${pids[-1]}"
}

echo "HubGate memory per client connection: $connections keep-alive connections, RssAnon of hubgate serve, $(date -u '+%F %H:%M UTC')"
for kind in "open" "v4 batch/read" "v4 list" "v3 batch/read" "v3 types"; do
    fresh_pair
    measure "$kind" "$gw_pid"
done
# A budget of 10 calls per window with waits allowed for 10 minutes: the first 10 calls go, the
# rest wait in the queue while the script measures.
for kind in "waiting v4" "waiting v3"; do
    fresh_pair "HUBGATE_BUDGET_ENABLED=true HUBGATE_BUDGET_BURST_LIMIT=10 HUBGATE_BUDGET_MAX_WAIT_MS=600000 HUBGATE_BUDGET_STATE_PATH=$work/budget.sqlite"
    measure "$kind" "$gw_pid"
done
