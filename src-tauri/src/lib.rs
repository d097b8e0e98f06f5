//! The desktop shell: opens the database in the data folder and hands IPC calls to the domain
//! library. No rule lives here; see `chuyende-domain`.

mod commands;
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
            commands::plan::plan_board,
            commands::plan::create_plan,
            commands::plan::copy_previous_plan,
            commands::plan::approve_plan,
            commands::plan::plan_history,
            commands::plan::create_topic_group,
            commands::topic::topic,
            commands::topic::topic_history,
            commands::topic::create_topic,
            commands::topic::update_topic,
            commands::topic::start_drafting,
            commands::topic::postpone_topic,
            commands::topic::cancel_topic,
            commands::settings::set_profile_name,
            commands::outline::import_outline,
            commands::outline::pick_outline_files,
            commands::outline::outline_versions,
            commands::outline::outline_text,
            commands::outline::compare_outlines,
            commands::outline::search_outlines,
            commands::outline::save_outline_copy,
            commands::outline::open_outline_original,
            commands::session::create_session,
            commands::session::update_session,
            commands::session::session,
            commands::session::list_sessions,
            commands::session::set_attendance,
            commands::session::set_conclusion,
            commands::session::add_comment,
            commands::session::session_comments,
            commands::session::comments_on_version,
            commands::session::topic_comments,
            commands::session::answer_comment,
            commands::session::revision_status,
            commands::session::pass_draft,
            commands::session::save_draft,
            commands::session::load_draft,
            commands::session::organisation_settings,
            commands::session::set_organisation_settings,
            commands::minutes::minutes,
            commands::minutes::save_minutes,
            commands::minutes::reset_minutes,
            commands::minutes::export_minutes,
            commands::minutes::print_minutes,
            commands::minutes::minutes_pages,
            commands::minutes::export_plan,
        ])
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
