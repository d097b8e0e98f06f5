//! The desktop shell: opens the database in the data folder and hands IPC calls to the domain
//! library. No rule lives here; see `chuyende-domain`.

mod commands;
mod log;
mod state;

use tauri::Manager;

pub use state::AppState;

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            // CHUYENDE_DATA_DIR wins; otherwise the OS per-user data folder of this app.
            let data_dir = chuyende::paths::resolve_data_dir(|| app.path().app_data_dir().ok());
            main_window(app, data_dir.as_deref())?;
            app.manage(AppState::open(data_dir));
            Ok(())
        })
        // Every `#[tauri::command]` in src/commands, listed by build.rs (see command_manifest.rs).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .run(tauri::generate_context!())
        .expect("the window could not start");
}

/// The main window. Made here rather than in tauri.conf.json so that the webview keeps its
/// storage (unsaved form drafts, the chosen text size) in the same data folder as the database:
/// one folder to back up, and `CHUYENDE_DATA_DIR` isolates it completely.
fn main_window(app: &tauri::App, data_dir: Option<&std::path::Path>) -> tauri::Result<()> {
    let mut builder = tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
        .title("Chuyên Đề")
        .inner_size(1280.0, 820.0)
        .min_inner_size(960.0, 600.0);
    if let Some(dir) = data_dir {
        builder = builder.data_directory(dir.join("webview"));
    }
    builder.build()?;
    Ok(())
}
