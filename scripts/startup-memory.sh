#!/usr/bin/env bash
# Start-up and memory of the app beside an empty Tauri 2 window (issue 18), both release
# builds with the same tauri and the same release profile, each started several times under
# Xvfb. Prints launch → first screen with data and RSS/PSS of the app with its web processes,
# each as a ratio to the empty window (targets 1.3× and 1.2×), then the sizes of the binary and
# the .deb. Figures are printed, not asserted. CI runs it at the end of scripts/test.sh.
#
#   bash scripts/startup-memory.sh [RUNS]        # 5 starts of each by default
#
# Needs what scripts/setup.sh installs (it is not sourced here: run setup or test.sh once).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chuyende/target}"
RUNS="${1:-5}"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
cd "$ROOT"

# Both release binaries in one cargo run, so that they share tauri and every other dependency
# built once (the same features); the app built this way is the one the .deb carries (cargo
# reuses what `tauri build` made when nothing changed). ui/dist must be built: setup.sh does.
say "Building the release app and the empty window (cargo target: $CARGO_TARGET_DIR)"
cargo build --locked --release -p chuyende-app -p chuyende-empty-window
# The measuring program is a debug build (it only starts processes and reads /proc); built
# with --workspace, as every cargo command here (-p alone would rebuild typst's features).
cargo build --locked --workspace --bin startup-memory

say "Starting each $RUNS times (and once first, not counted)"
"$CARGO_TARGET_DIR/debug/startup-memory" --runs "$RUNS" \
  --app "$CARGO_TARGET_DIR/release/chuyende-app" \
  --empty "$CARGO_TARGET_DIR/release/chuyende-empty-window"

echo
size() { if [ -f "$1" ]; then printf '%s: %s bytes (%s)\n' "$2" "$(stat -c %s "$1")" "$(du -h --apparent-size "$1" | cut -f1)"; fi; }
size "$CARGO_TARGET_DIR/release/chuyende-app" "release binary chuyende-app (stripped)"
size "$CARGO_TARGET_DIR/release/chuyende-empty-window" "release binary of the empty window"
for deb in "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb; do size "$deb" ".deb $(basename "$deb")"; done
