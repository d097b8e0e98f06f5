#!/usr/bin/env bash
# Installs what is missing to build, run and test Chuyên Đề on Debian 12 / Ubuntu 22.04+,
# then builds the UI and the Rust workspace. Sourced by scripts/start.sh and scripts/test.sh;
# safe to run again (it only installs what is not there).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The build cache lives outside the clone so that fresh clones and CI runs reuse it.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/chuyende/target}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# System packages: WebKitGTK and friends to build and run the window; Xvfb, xauth,
# WebKitWebDriver and x11-utils (xwininfo) for the end-to-end tests; poppler and LibreOffice
# Writer for tests that read exported PDFs and DOCX back (never used by the app); fonts with
# Vietnamese glyphs; desktop-file-utils to check the .deb's desktop entry (scripts/test.sh).
APT_PACKAGES=(
  build-essential pkg-config curl ca-certificates
  libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  xvfb xauth webkit2gtk-driver x11-utils fonts-liberation2 fonts-noto-core poppler-utils
  libreoffice-writer-nogui desktop-file-utils
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js 20+ (Vite 8). Debian 12's own nodejs is 18: take 20 from the distribution where it
# has it, else say what to do.
if ! command -v node >/dev/null 2>&1; then
  say "Installing Node.js"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: the UI build (Vite 8) needs Node.js 20 or newer." >&2
  echo "Install it from https://nodejs.org or your distribution's backports, then run this again." >&2
  exit 1
fi

# Rust, through rustup when the machine has none (Debian's own rustc is too old for tauri 2).
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  say "Installing Rust (rustup)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  export PATH="$HOME/.cargo/bin:$PATH"
fi

say "Installing the UI's npm packages"
(cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)

say "Building the UI"
(cd "$ROOT/ui" && npm run --silent build)

# What to build: the app and the tool by default; scripts/test.sh asks for the whole workspace
# with its tests, the set its `cargo test --workspace` builds: with `-p` there, cargo would
# unify the crates' features differently and build typst and tauri's crates a second time
# (15-30 min on 2 cores).
BUILD_SET="${CHUYENDE_BUILD_SET:--p chuyende-app -p chuyende-cli}"
say "Building the app and the chuyende tool (cargo target: $CARGO_TARGET_DIR)"
# shellcheck disable=SC2086 # the set is several words on purpose
(cd "$ROOT" && cargo build --locked $BUILD_SET)
