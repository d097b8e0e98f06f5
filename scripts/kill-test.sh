#!/usr/bin/env bash
# The full kill test: 100 SIGKILLs at random points of long imports, `demo-data --large` runs
# and backups, each followed by integrity, foreign-key and no-partial-record checks. CI runs a
# smoke count of the same test (12 kills). CHUYENDE_KILL_SEED=N replays one run's points.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chuyende/target}"
# --workspace: `-p chuyende-cli` alone unifies features differently and rebuilds typst.
CHUYENDE_KILLS="${CHUYENDE_KILLS:-100}" cargo test --workspace --test kill -- --nocapture
