use chrono::NaiveDate;
use chuyende::organisation::OrganisationId;
use chuyende::plan::{Plan, PlanBoard, PlanId};
use chuyende::topic_group::TopicGroup;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn plan_board(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<PlanBoard, ErrorPayload> {
    state
        .run(move |db| db.plan_board(organisation_id, year))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_plan(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Plan, ErrorPayload> {
    state
        .run(move |db| db.create_plan(organisation_id, year))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn copy_previous_plan(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Plan, ErrorPayload> {
    state
        .run(move |db| db.copy_previous_plan(organisation_id, year))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn approve_plan(
    state: State<'_, AppState>,
    id: PlanId,
    on: NaiveDate,
) -> Result<Plan, ErrorPayload> {
    state.run(move |db| db.approve_plan(id, on)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_topic_group(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    name: String,
) -> Result<TopicGroup, ErrorPayload> {
    state
        .run(move |db| db.create_topic_group(organisation_id, &name))
        .await
}
