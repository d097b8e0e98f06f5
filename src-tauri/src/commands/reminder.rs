//! Reminders (issue 16): the list on Tổng quan, the system's notifications, the switch in Cài
//! đặt. Which are due, and which were shown, the library decides (`chuyende::reminder`).

use chuyende::reminder::Reminders;
use chuyende::ErrorPayload;
use tauri::{AppHandle, State};
use tauri_plugin_notification::NotificationExt;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn reminders(state: State<'_, AppState>) -> Result<Reminders, ErrorPayload> {
    state.run(|db| db.reminders()).await
}

/// Shows each reminder due and not shown yet as a notification of the system, once: those
/// shown are remembered in the database. A notification the system could not show (no
/// notification service) stays to be shown another time. Returns how many were shown.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn notify_reminders(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<u32, ErrorPayload> {
    let due = state.run(|db| db.reminders_to_notify()).await?;
    let mut shown = Vec::new();
    for r in due {
        match app.notification().builder().title(&r.title).body(&r.text).show() {
            Ok(()) => shown.push(r.key),
            Err(e) => tracing::warn!("notification not shown: {e}"),
        }
    }
    let count = shown.len() as u32;
    if !shown.is_empty() {
        state.run(move |db| db.mark_reminders_shown(&shown)).await?;
    }
    Ok(count)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_reminders_enabled(
    state: State<'_, AppState>,
    enabled: bool,
) -> Result<bool, ErrorPayload> {
    state.run(move |db| db.set_reminders_enabled(enabled)).await
}
