# Shared by the benchmark scripts (sourced, not run): a release binary, a scratch directory removed
# on exit with every background process started into `pids`, and helpers for ports and readiness.

swift build -c release --product hubgate >/dev/null
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
