#!/usr/bin/env bash
# `make setup`'s toolchain step: the packaged installer (also behind `chisellm setup`) filling this checkout's .toolchain/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec bash "$root/src/chisellm/install/setup_toolchain.sh" "$root/.toolchain"
