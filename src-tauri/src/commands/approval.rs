//! The committee's approval: what waits, the decision dialog, the steps (submit, decide),
//! a topic's timeline, and the approved outline as a document. Each a translation to the
//! library (`chuyende::approval`, the cycle's verbs).

use chuyende::approval::{ApprovalBoard, CommitteeDecision, DecidedPage, DecisionForm, SubmissionId};
use chuyende::export::Exported;
use chuyende::minutes::{DocumentFormat, PageMargins};
use chuyende::organisation::OrganisationId;
use chuyende::timeline::TimelineEntry;
use chuyende::topic::{Topic, TopicId};
use chuyende::ErrorPayload;
use tauri::{AppHandle, State, WebviewWindow};

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn approvals(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
) -> Result<ApprovalBoard, ErrorPayload> {
    state.run(move |db| db.approvals(organisation_id)).await
}

/// The page of decisions older than the one on `before` (the last the screen shows).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn older_decisions(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    before: SubmissionId,
) -> Result<DecidedPage, ErrorPayload> {
    state
        .run(move |db| db.older_decisions(organisation_id, before))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn submit_topic(state: State<'_, AppState>, id: TopicId) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.submit_topic(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn decision_form(
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<DecisionForm, ErrorPayload> {
    state.run(move |db| db.decision_form(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn decide_topic(
    state: State<'_, AppState>,
    id: TopicId,
    decision: CommitteeDecision,
) -> Result<Topic, ErrorPayload> {
    state.run(move |db| db.decide_topic(id, &decision)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn topic_timeline(
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<Vec<TimelineEntry>, ErrorPayload> {
    state.run(move |db| db.topic_timeline(id)).await
}

/// The approved outline as a Party document (PDF or DOCX), saved where the person chooses.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_approved_outline(
    app: AppHandle,
    state: State<'_, AppState>,
    id: TopicId,
    format: DocumentFormat,
) -> Result<Option<String>, ErrorPayload> {
    let document = state
        .run(move |db| db.approved_outline_to_issue(id))
        .await?;
    let path = crate::commands::minutes::export_path(
        &app,
        "Lưu đề cương đã duyệt",
        &format!("de-cuong-da-duyet-{}", id.0),
        format,
    )?;
    crate::commands::minutes::write(
        &state,
        Exported::ApprovedOutline(id),
        format,
        path,
        document,
    )
    .await
}

/// The approved outline's A4 pages (SVG), laid out in the page for the print dialog. Refused
/// like the export when a mandatory part of the document is empty.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn approved_outline_pages(
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<Vec<String>, ErrorPayload> {
    state
        .run(move |db| {
            let document = db.approved_outline_to_issue(id)?;
            chuyende::minutes::pdf::render_pages_svg(&document, PageMargins::default())
                .map_err(|e| chuyende::Error::invalid(chuyende::Field::Text, e.to_string()))
        })
        .await
}

/// Opens the system print dialog on the topic screen, which at print time shows the approved
/// outline's pages alone (TopicDetail's @media print rules).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn print_approved_outline(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: TopicId,
) -> Result<(), ErrorPayload> {
    state
        .run(move |db| db.approved_outline_to_issue(id))
        .await?;
    crate::commands::minutes::print_dialog(window)
}
