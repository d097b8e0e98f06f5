use chuyende::session::SessionId;
use chuyende::vote::ConclusionVote;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn conclusion_vote(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<Option<ConclusionVote>, ErrorPayload> {
    state.run(move |db| db.vote(session_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_conclusion_vote(
    state: State<'_, AppState>,
    session_id: SessionId,
    vote: ConclusionVote,
) -> Result<ConclusionVote, ErrorPayload> {
    state.run(move |db| db.set_vote(session_id, &vote)).await
}
