use chrono::NaiveDate;
use chuyende::organisation::{Organisation, OrganisationDraft, OrganisationId};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_organisations(
    state: State<'_, AppState>,
    include_retired: bool,
) -> Result<Vec<Organisation>, ErrorPayload> {
    state.run(move |db| db.organisations(include_retired)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_organisation(
    state: State<'_, AppState>,
    draft: OrganisationDraft,
) -> Result<Organisation, ErrorPayload> {
    state.run(move |db| db.create_organisation(&draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn update_organisation(
    state: State<'_, AppState>,
    id: OrganisationId,
    draft: OrganisationDraft,
) -> Result<Organisation, ErrorPayload> {
    state
        .run(move |db| db.update_organisation(id, &draft))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn retire_organisation(
    state: State<'_, AppState>,
    id: OrganisationId,
    on: NaiveDate,
) -> Result<Organisation, ErrorPayload> {
    state.run(move |db| db.retire_organisation(id, on)).await
}
