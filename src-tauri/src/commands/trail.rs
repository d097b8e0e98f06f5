use chuyende::audit::verify::{Limits, TrailReport};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

/// What the check of the trail at start found (see `crate::check_trail`); None while it
/// is still running.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn trail_check(state: State<'_, AppState>) -> Result<Option<TrailReport>, ()> {
    Ok(state
        .trail
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

/// The whole check, as `chuyende verify` runs it (every entry and original), asked for in
/// Settings.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn verify_trail(state: State<'_, AppState>) -> Result<TrailReport, ErrorPayload> {
    state
        .run(|db| db.verify_trail(Limits::FULL))
        .await
}
