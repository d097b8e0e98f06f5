use chuyende::member::{Departure, FoundMembers, Member, MemberDraft, MemberId};
use chuyende::member_period::{MemberPeriodDraft, MemberPeriodId};
use chuyende::organisation::OrganisationId;
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

/// One organisation's roll, whole: the window reads a cell's (Tổ chức & Đảng viên); a đảng bộ's
/// or everyone's, some 2,000 at 250 cells, is searched a page at a time with `find_members`.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_members(
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    include_moved: bool,
) -> Result<Vec<Member>, ErrorPayload> {
    state
        .run(move |db| db.members(Some(organisation_id), include_moved))
        .await
}

/// A đảng bộ's roll searched by name or cell, a page at a time (its whole roll is some 2,000
/// members at 250 cells).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn find_members(
    state: State<'_, AppState>,
    organisation_id: Option<OrganisationId>,
    text: String,
) -> Result<FoundMembers, ErrorPayload> {
    state
        .run(move |db| db.find_members(organisation_id, &text))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_member(
    state: State<'_, AppState>,
    draft: MemberDraft,
) -> Result<Member, ErrorPayload> {
    state.run(move |db| db.create_member(&draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn update_member(
    state: State<'_, AppState>,
    id: MemberId,
    draft: MemberDraft,
) -> Result<Member, ErrorPayload> {
    state.run(move |db| db.update_member(id, &draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn record_departure(
    state: State<'_, AppState>,
    id: MemberId,
    departure: Departure,
) -> Result<Member, ErrorPayload> {
    state
        .run(move |db| db.record_departure(id, &departure))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn reinstate_member(
    state: State<'_, AppState>,
    id: MemberId,
) -> Result<Member, ErrorPayload> {
    state.run(move |db| db.reinstate_member(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn add_member_period(
    state: State<'_, AppState>,
    id: MemberId,
    period: MemberPeriodDraft,
) -> Result<Member, ErrorPayload> {
    state.run(move |db| db.add_member_period(id, &period)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn remove_member_period(
    state: State<'_, AppState>,
    id: MemberPeriodId,
) -> Result<Member, ErrorPayload> {
    state.run(move |db| db.remove_member_period(id)).await
}
