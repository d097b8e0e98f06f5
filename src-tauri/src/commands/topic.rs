use chuyende::audit::AuditEvent;
use chuyende::plan::{PlanId, Quarter};
use chuyende::topic::{Topic, TopicDraft, TopicId};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn topic(state: State<'_, AppState>, id: TopicId) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.topic(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn topic_history(
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<Vec<AuditEvent>, ErrorPayload> {
    state.run(move |db| db.topic_history(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_topic(
    state: State<'_, AppState>,
    plan_id: PlanId,
    draft: TopicDraft,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.create_topic(plan_id, &draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn update_topic(
    state: State<'_, AppState>,
    id: TopicId,
    draft: TopicDraft,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.update_topic(id, &draft)).await
}

// The secretary's manual steps, each a verb of the library's cycle module.

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn start_drafting(
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.start_drafting(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn postpone_topic(
    state: State<'_, AppState>,
    id: TopicId,
    to: Quarter,
    reason: String,
) -> Result<Topic, ErrorPayload> {
    state
        .run(move |db| db.postpone_topic(id, to, &reason))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn cancel_topic(
    state: State<'_, AppState>,
    id: TopicId,
    reason: String,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.cancel_topic(id, &reason)).await
}
