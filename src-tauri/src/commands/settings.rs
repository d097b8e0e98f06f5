use chuyende::settings::Place;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_profile_name(
    state: State<'_, AppState>,
    name: String,
) -> Result<String, ErrorPayload> {
    state.run(move |db| db.set_profile_name(&name)).await
}

/// Where the window reopens: the screen and organisation last used.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn last_place(state: State<'_, AppState>) -> Result<Place, ErrorPayload> {
    state.run(move |db| db.last_place()).await
}

/// Remembers the screen and organisation the secretary is working on.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_last_place(state: State<'_, AppState>, place: Place) -> Result<(), ErrorPayload> {
    state.run(move |db| db.set_last_place(&place)).await
}
