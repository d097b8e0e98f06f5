use chrono::NaiveDate;
use chuyende::minutes::PageMargins;
use chuyende::organisation::OrganisationId;
use chuyende::plan::{Plan, PlanBoard, PlanId};
use chuyende::topic_group::TopicGroup;
use chuyende::ErrorPayload;
use tauri::{Manager, State, WebviewWindow};

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

/// The yearly plan's pages exactly as the exported PDF has them (SVG images), which the plan
/// screen lays out for printing: the printed plan and the exported one are the same document.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn plan_pages(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Vec<String>, ErrorPayload> {
    state
        .run(move |db| {
            // These pages are what the print dialog prints: not with a mandatory part empty.
            let document = db.plan_to_issue(organisation_id, year)?;
            chuyende::minutes::pdf::render_pages_svg(&document, PageMargins::default())
                .map_err(|e| chuyende::Error::invalid(chuyende::Field::Text, e.to_string()))
        })
        .await
}

/// Opens the system print dialog on the plan screen, which at print time shows the plan's
/// pages alone (its @media print rules). From Rust because WebKitGTK ignores window.print()
/// from the page; async because the dialog is modal.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn print_plan(window: WebviewWindow) -> Result<(), ErrorPayload> {
    let app = window.app_handle().clone();
    let webview = app.get_webview_window("main").unwrap_or(window);
    webview
        .print()
        .map_err(|e| crate::log::internal("Không mở được hộp thoại in", &e))
}
