use chuyende::comment::{Comment, GuestRemarkDraft};
use chuyende::guest::{Guest, GuestDraft, GuestId};
use chuyende::session::SessionId;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_guest(
    state: State<'_, AppState>,
    session_id: SessionId,
    draft: GuestDraft,
) -> Result<Guest, ErrorPayload> {
    state.run(move |db| db.add_guest(session_id, &draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_guests(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<Vec<Guest>, ErrorPayload> {
    state.run(move |db| db.guests(session_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn remove_guest(state: State<'_, AppState>, id: GuestId) -> Result<(), ErrorPayload> {
    state.run(move |db| db.remove_guest(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_guest_remark(
    state: State<'_, AppState>,
    session_id: SessionId,
    draft: GuestRemarkDraft,
) -> Result<Comment, ErrorPayload> {
    state
        .run(move |db| db.add_guest_remark(session_id, &draft))
        .await
}
