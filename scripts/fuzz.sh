#!/usr/bin/env bash
# Fuzzes the readers of untrusted files — the outline importers (docx, odt, pdf, txt/md) and the
# backup reader — with cargo-fuzz, one target after the other, each for a bounded time.
#
#   bash scripts/fuzz.sh            # every target, 600 s each (what "fuzzed" means here)
#   bash scripts/fuzz.sh 30 docx    # one target, 30 s (a smoke run)
#
# cargo-fuzz needs nightly compiler flags; the stable toolchain accepts them with
# RUSTC_BOOTSTRAP=1 (no other toolchain is needed). The seeds in
# src-tauri/crates/domain/fuzz/corpus/TARGET are kept small in the repository; what a run
# discovers goes to a scratch corpus under the target folder. A crash is saved under
# fuzz/artifacts/TARGET/: fix it, and add the input as a test of the reader it broke.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(docx odt pdf text backup)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chuyende/target}-fuzz"
FUZZ="$ROOT/src-tauri/crates/domain/fuzz"
cd "$FUZZ/.."
failed=()
for t in "${TARGETS[@]}"; do
  scratch="$CARGO_TARGET_DIR/corpus/$t"
  mkdir -p "$scratch"
  echo "== fuzzing $t for ${SECONDS_EACH}s"
  # -timeout: an input taking longer than 30 s counts as a hang; -rss_limit_mb: memory bomb.
  # A crash ends this target only: the others still run, and the script fails at the end.
  nice -n 19 cargo fuzz run --release --sanitizer none "$t" "$scratch" "$FUZZ/corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
    || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "== crashed: ${failed[*]} (inputs under $FUZZ/artifacts/)"
  exit 1
fi
echo "== no crash in: ${TARGETS[*]}"
