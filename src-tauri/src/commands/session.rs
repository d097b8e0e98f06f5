use chuyende::comment::{
    AnswerDraft, Comment, CommentCorrection, CommentDraft, CommentId, PlacedComment, RevisionStatus,
};
use chuyende::member::MemberId;
use chuyende::organisation::OrganisationId;
use chuyende::outline::OutlineVersionId;
use chuyende::session::{
    AttendanceTotals, OrganisationSettings, Presence, Session, SessionDraft, SessionId,
};
use chuyende::session_list::SessionPage;
use chuyende::topic::{Topic, TopicId};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_session(
    state: State<'_, AppState>,
    draft: SessionDraft,
) -> Result<Session, ErrorPayload> {
    state.run(move |db| db.create_session(&draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn update_session(
    state: State<'_, AppState>,
    id: SessionId,
    draft: SessionDraft,
) -> Result<Session, ErrorPayload> {
    state.run(move |db| db.update_session(id, &draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn session(state: State<'_, AppState>, id: SessionId) -> Result<Session, ErrorPayload> {
    state.run(move |db| db.session(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_sessions(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
    cell: Option<OrganisationId>,
    cell_name: String,
    page: u32,
) -> Result<SessionPage, ErrorPayload> {
    state
        .run(move |db| db.sessions(organisation_id, year, cell, &cell_name, page))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_attendance(
    state: State<'_, AppState>,
    id: SessionId,
    member_id: MemberId,
    presence: Presence,
    reason: String,
) -> Result<AttendanceTotals, ErrorPayload> {
    state
        .run(move |db| db.set_attendance(id, member_id, presence, &reason))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_conclusion(
    state: State<'_, AppState>,
    id: SessionId,
    conclusion: String,
) -> Result<(), ErrorPayload> {
    state
        .run(move |db| db.set_conclusion(id, &conclusion))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_comment(
    state: State<'_, AppState>,
    id: SessionId,
    draft: CommentDraft,
) -> Result<Comment, ErrorPayload> {
    state.run(move |db| db.add_comment(id, &draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn session_comments(
    state: State<'_, AppState>,
    id: SessionId,
) -> Result<Vec<Comment>, ErrorPayload> {
    state.run(move |db| db.session_comments(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn comments_on_version(
    state: State<'_, AppState>,
    topic_id: TopicId,
    version_id: OutlineVersionId,
) -> Result<Vec<PlacedComment>, ErrorPayload> {
    state
        .run(move |db| db.comments_on_version(topic_id, version_id))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn topic_comments(
    state: State<'_, AppState>,
    topic_id: TopicId,
) -> Result<Vec<Comment>, ErrorPayload> {
    state.run(move |db| db.topic_comments(topic_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn answer_comment(
    state: State<'_, AppState>,
    id: CommentId,
    answer: AnswerDraft,
) -> Result<Comment, ErrorPayload> {
    state.run(move |db| db.answer_comment(id, &answer)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn revision_status(
    state: State<'_, AppState>,
    topic_id: TopicId,
) -> Result<RevisionStatus, ErrorPayload> {
    state.run(move |db| db.revision_status(topic_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pass_draft(
    state: State<'_, AppState>,
    topic_id: TopicId,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.pass_draft(topic_id)).await
}

/// What is being typed, saved on every keystroke.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn save_draft(
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> Result<(), ErrorPayload> {
    state.run(move |db| db.save_draft(&key, &value)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn load_draft(
    state: State<'_, AppState>,
    key: String,
) -> Result<Option<String>, ErrorPayload> {
    state.run(move |db| db.draft(&key)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn organisation_settings(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
) -> Result<OrganisationSettings, ErrorPayload> {
    state
        .run(move |db| db.organisation_settings(organisation_id))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_organisation_settings(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    settings: OrganisationSettings,
) -> Result<OrganisationSettings, ErrorPayload> {
    state
        .run(move |db| db.set_organisation_settings(organisation_id, settings))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn correct_comment(
    state: State<'_, AppState>,
    id: CommentId,
    correction: CommentCorrection,
) -> Result<Comment, ErrorPayload> {
    state
        .run(move |db| db.correct_comment(id, &correction))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn withdraw_comment(
    state: State<'_, AppState>,
    id: CommentId,
    reason: String,
) -> Result<Comment, ErrorPayload> {
    state.run(move |db| db.withdraw_comment(id, &reason)).await
}

/// The speakers that fit what the meeting secretary typed, best first (indexes into `names`).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn rank_speakers(query: String, names: Vec<String>) -> Result<Vec<u32>, ErrorPayload> {
    Ok(chuyende::speaker::rank_speakers(&query, &names)
        .into_iter()
        .map(|i| i as u32)
        .collect())
}
