#!/usr/bin/env bash
# Installs the system packages HubGate builds and runs with (Debian/Ubuntu). Safe to run again:
# it only calls apt-get when something is missing.
set -euo pipefail

packages=(libcurl4-openssl-dev pkg-config ca-certificates "$@")
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "setup: a Swift 6.2+ toolchain is required (https://www.swift.org/install/linux/)" >&2
    exit 1
fi
