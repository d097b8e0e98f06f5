#!/usr/bin/env bash
# Installs what is missing, builds, and opens Chuyên Đề on the default database in the
# user's data folder (or in $CHUYENDE_DATA_DIR when set).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Không có màn hình (DISPLAY chưa được đặt): hãy chạy lệnh này trong phiên làm việc có giao diện đồ hoạ." >&2
  exit 1
fi
exec "$CARGO_TARGET_DIR/debug/chuyende-app"
