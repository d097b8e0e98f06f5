// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as a document reader (a child of this same program, see
    // chuyende::outline::isolation), read one document and exit before any window exists.
    chuyende::outline::isolation::serve_if_asked();
    chuyende_app::run();
}
