use chrono::NaiveDate;
use chuyende::compliance::Compliance;
use chuyende::organisation::OrganisationId;
use chuyende::overview::{Overdue, Upcoming};
use chuyende::plan::PlanId;
use chuyende::plan_report::PlanReport;
use chuyende::year_figures::YearFigures;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

/// Compliance with the guidance of an organisation's cells (or of one cell) in a year, today.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn compliance(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Compliance, ErrorPayload> {
    state
        .run(move |db| db.compliance(organisation_id, year))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn report_plan(
    state: State<'_, AppState>,
    id: PlanId,
    on: NaiveDate,
) -> Result<PlanReport, ErrorPayload> {
    state.run(move |db| db.report_plan(id, on)).await
}

/// What is overdue in an organisation and its cells, today.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn overdue(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
) -> Result<Overdue, ErrorPayload> {
    state.run(move |db| db.overdue(organisation_id)).await
}

/// The sessions ahead and this quarter's topics by state, in an organisation and its cells.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn upcoming(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
) -> Result<Upcoming, ErrorPayload> {
    state.run(move |db| db.upcoming(organisation_id)).await
}

/// The figures of the overview's charts (topics per quarter by state, attendance per cell).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn year_figures(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<YearFigures, ErrorPayload> {
    state
        .run(move |db| db.year_figures(organisation_id, year))
        .await
}
