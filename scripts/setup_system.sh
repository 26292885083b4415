#!/usr/bin/env bash
# Installs the simulator and sandbox tools (and Chromium + its driver, for the workbench's browser tests) from
# Debian's packages when any is missing.
set -euo pipefail
missing=()
for tool in iverilog:iverilog vvp:iverilog verilator:verilator bwrap:bubblewrap mvn:maven java:openjdk-17-jdk-headless unzip:unzip \
            chromium:chromium chromedriver:chromium-driver; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system: iverilog, verilator, bwrap, java, mvn, chromium present"
  exit 0
fi
pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system: installing $pkgs"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >/dev/null
