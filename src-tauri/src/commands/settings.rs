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
