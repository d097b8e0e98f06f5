use chuyende::organisation::OrganisationId;
use chuyende::term::{CommitteeTerm, TermDraft, TermId};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_terms(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
) -> Result<Vec<CommitteeTerm>, ErrorPayload> {
    state.run(move |db| db.terms(organisation_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_term(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    draft: TermDraft,
) -> Result<CommitteeTerm, ErrorPayload> {
    state
        .run(move |db| db.add_term(organisation_id, &draft))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn remove_term(state: State<'_, AppState>, id: TermId) -> Result<(), ErrorPayload> {
    state.run(move |db| db.remove_term(id)).await
}
