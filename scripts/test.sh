#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the UI's type check, the domain
# library's and the CLI's tests, and the end-to-end tests of the real window (they start their
# own Xvfb, so no display is needed).
set -euo pipefail
CHUYENDE_BUILD_SET="--workspace --tests" source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

say "Type-checking the UI against the generated bindings"
(cd ui && npm run --silent check)

say "Running the tests"
cargo test --locked --workspace

# The package people install (issue 17): built as `tauri build` makes it, installed with dpkg,
# its desktop entry checked, and the installed binary started on an empty data folder under
# Xvfb, where a WebDriver check sees its first screen (tests/e2e/first_start.rs, run again
# against /usr/bin/chuyende-app).
say "Building the .deb (release profile: see README, Packages)"
(cd src-tauri && ../ui/node_modules/.bin/tauri build --ci --bundles deb)
deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -n 1)"
package="$(dpkg-deb -f "$deb" Package)"
say "Installing $(basename "$deb") ($(du -h --apparent-size "$deb" | cut -f1))"
$SUDO dpkg -i "$deb"
entry="$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$')"
say "Checking its desktop entry $entry"
desktop-file-validate "$entry"
grep -qx 'Name=Chuyên Đề' "$entry"
installed="$(dpkg -L "$package" | grep '^/usr/bin/' | head -n 1)"
say "Starting the installed $installed on an empty data folder"
CHUYENDE_APP_BIN="$installed" cargo test --locked --workspace --test e2e -- first_start::

say "Start-up and memory beside an empty Tauri window (printed, not asserted)"
bash scripts/startup-memory.sh
