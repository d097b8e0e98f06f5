use chuyende::topic::TopicId;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

/// The question to ask before saving a session whose date is far from its topics' quarter
/// (the library decides what is far); None when nothing needs confirming.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn session_date_question(
    state: State<'_, AppState>,
    held_on: chrono::NaiveDate,
    topic_ids: Vec<TopicId>,
) -> Result<Option<String>, ErrorPayload> {
    state
        .run(move |db| db.session_date_question(held_on, &topic_ids))
        .await
}
