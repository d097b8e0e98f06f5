//! Where the data lives. The desktop app resolves its folder through tauri's path API
//! (`app_data_dir`, which is the OS data folder joined with the app identifier); the CLI, which
//! has no tauri, computes the same folder here. `CHUYENDE_DATA_DIR` overrides both.

use std::path::{Path, PathBuf};

/// Must equal `identifier` in `src-tauri/tauri.conf.json` (a test there checks it).
pub const APP_IDENTIFIER: &str = "vn.chuyende.desktop";
/// Environment variable that points the app and the CLI at another data folder.
pub const DATA_DIR_ENV: &str = "CHUYENDE_DATA_DIR";
/// The database file inside the data folder: one file to back up.
pub const DATABASE_FILE: &str = "chuyende.sqlite3";

/// The data folder: `CHUYENDE_DATA_DIR` when set and not empty, else `default`.
pub fn resolve_data_dir(default: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => default(),
    }
}

/// The OS per-user data folder of the app, as tauri computes it (`dirs::data_dir()` joined with
/// the identifier): `%APPDATA%\vn.chuyende.desktop` on Windows, `~/.local/share/…` on Linux.
pub fn os_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}
