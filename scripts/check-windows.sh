#!/usr/bin/env bash
# Type-checks the whole Rust side for Windows from this Linux machine: the library, the
# `chuyende` tool and the window (`cargo check --target x86_64-pc-windows-gnu`), so code that
# only builds on Linux (an unguarded `std::os::unix`, a libc call) is found before a Windows
# build is tried. It links nothing and runs nothing: WebView2, the installers and the document
# reader's process on Windows still need a Windows machine (README, "Packages").
# Not part of CI (some 35 minutes on 2 cores, in a target folder of its own).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET=x86_64-pc-windows-gnu
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR_WINDOWS:-$HOME/.cache/chuyende/target-windows}"
SUDO=""; if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The C parts (SQLite, the compression libraries) are compiled by build scripts even for a
# check: they need MinGW's compiler.
if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc-mingw-w64-x86-64
fi
rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
# The window embeds ui/dist.
[ -f "$ROOT/ui/dist/index.html" ] || (cd "$ROOT/ui" && npm ci --no-audit --no-fund && npm run build)
cd "$ROOT"
cargo check --target "$TARGET" -p chuyende-domain -p chuyende-cli -p chuyende-app --lib --bins
echo "Windows: the library, the tool and the window type-check."
