//! The desktop shell: opens the database in the data folder and hands IPC calls to the domain
//! library. No rule lives here; see `chuyende-domain`.

mod commands;
mod state;

use tauri::Manager;

pub use state::AppState;

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            // CHUYENDE_DATA_DIR wins; otherwise the OS per-user data folder of this app.
            let data_dir = chuyende::paths::resolve_data_dir(|| app.path().app_data_dir().ok());
            app.manage(AppState::open(data_dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::organisation::list_organisations,
            commands::organisation::create_organisation,
            commands::organisation::update_organisation,
            commands::organisation::retire_organisation,
            commands::member::list_members,
            commands::member::create_member,
            commands::member::update_member,
            commands::member::record_departure,
            commands::member::reinstate_member,
        ])
        .run(tauri::generate_context!())
        .expect("the window could not start");
}
