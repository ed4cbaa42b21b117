#!/usr/bin/env bash
# Builds the release binary (.build/release/hubgate) the way deploy/, the demo and the benchmarks
# use it: the Swift runtime and Foundation linked in, and every function in a section of its own,
# so the release link (Package.swift) can put the code that runs together, in the order of
# link/hubgate.order, and leave the rest of the 26 MB of code on disk. Extra arguments go to
# `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib --product hubgate
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections)
# SwiftPM does not recompile what it built before when only these compiler flags change, so a tree
# once built with plain `swift build -c release` would keep its objects without function sections
# (and the binary its scattered layout). Start the release build over when the flags differ.
stamp=.build/release-flags
if [ "$(cat "$stamp" 2>/dev/null)" != "${flags[*]}" ]; then
    release_dir="$(swift build -c release --show-bin-path 2>/dev/null || true)"
    if [ -n "$release_dir" ] && [ -d "$release_dir" ]; then
        echo "build-release: other compiler flags than the last release build; rebuilding it" >&2
        rm -rf "$release_dir"
    fi
fi
swift build "${flags[@]}" "$@"
mkdir -p .build && printf '%s' "${flags[*]}" >"$stamp"
