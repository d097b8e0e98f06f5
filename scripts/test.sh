#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the UI's type check, the domain
# library's and the CLI's tests, and the end-to-end tests of the real window (they start their
# own Xvfb, so no display is needed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

say "Type-checking the UI against the generated bindings"
(cd ui && npm run --silent check)

say "Running the tests"
cargo test --locked --workspace
