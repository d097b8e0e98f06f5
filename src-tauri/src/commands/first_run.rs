//! The first-run set-up and the demonstration data it offers (see `chuyende::first_run`).

use chuyende::first_run::{SetupDone, SetupDraft, SetupStart};
use chuyende::{Database, ErrorPayload};
use tauri::State;

use crate::state::blocking;
use crate::AppState;

/// Makes the workstation's organisation and user; with the demo chosen, makes the demo beside
/// them and shows it.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn complete_setup(
    state: State<'_, AppState>,
    draft: SetupDraft,
) -> Result<SetupDone, ErrorPayload> {
    let user = draft.user_name.clone();
    let done = state.run(move |db| db.complete_setup(&draft)).await?;
    if done.start == SetupStart::Demo {
        let dir = data_dir(&state)?;
        let demo = blocking(move || chuyende::demo::start_demo(&dir, &user)).await?;
        state.show(demo, true);
    }
    Ok(done)
}

/// "Xóa dữ liệu mẫu": the window shows the real data again and the demo's folder is removed.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn remove_demo(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    let dir = data_dir(&state)?;
    let real = dir.clone();
    let db = blocking(move || Database::open_in(&real)).await?;
    // The demo's handle is dropped here (commands still using it keep it until they end).
    state.show(db, false);
    blocking(move || chuyende::demo::remove_demo(&dir)).await
}

fn data_dir(state: &AppState) -> Result<std::path::PathBuf, ErrorPayload> {
    state
        .data_dir
        .clone()
        .ok_or_else(|| crate::log::fault("Không xác định được thư mục dữ liệu.".into()))
}
