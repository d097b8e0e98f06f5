//! An empty Tauri 2 window: the floor any Tauri app pays in start-up time and memory, measured
//! beside the app by scripts/startup-memory.sh. Same tauri, same window size, same release
//! profile; no plugins, no database, a page of one line. Like the app it prints the start-up
//! mark when its page says it has painted (with CHUYENDE_STARTUP_MARK set).

/// The same line as the app's (src-tauri/src/startup.rs).
const MARK: &str = "chuyende-startup: first screen painted";

#[tauri::command]
fn first_screen_painted() {
    if std::env::var_os("CHUYENDE_STARTUP_MARK").is_some_and(|v| !v.is_empty()) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{MARK}");
        let _ = out.flush();
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_screen_painted])
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
                .title("Empty window")
                .inner_size(1280.0, 820.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the empty window could not start");
}
