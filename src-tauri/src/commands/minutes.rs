use chuyende::minutes::{PageMargins, PartyDocument};
use chuyende::session::SessionId;
use chuyende::{ErrorCode, ErrorPayload};
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

/// Edits of the free-text parts are kept as a draft of the session's minutes, so they survive
/// closing the window; exports and prints use them.
fn draft_key(id: SessionId) -> String {
    format!("minutes:{}", id.0)
}

fn internal(message: String) -> ErrorPayload {
    ErrorPayload {
        code: ErrorCode::Internal,
        message,
        field: None,
    }
}

/// The minutes to show and print: the edited version if there is one, else drawn up afresh.
#[tauri::command]
pub async fn minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<PartyDocument, ErrorPayload> {
    state
        .run(move |db| match db.draft(&draft_key(session_id))? {
            Some(json) => Ok(serde_json::from_str(&json).or_else(|_| db.minutes(session_id))?),
            None => db.minutes(session_id),
        })
        .await
}

/// The pages as they will print (SVG images of the PDF's pages), for the true A4 preview.
#[tauri::command]
pub async fn minutes_pages(
    state: State<'_, AppState>,
    document: PartyDocument,
) -> Result<Vec<String>, ErrorPayload> {
    // Rendering takes a few milliseconds of CPU; off the main thread like every command.
    state
        .run(move |_| {
            chuyende::minutes::pdf::render_pages_svg(&document, PageMargins::default())
                .map_err(|e| chuyende::Error::invalid(chuyende::Field::Text, e.to_string()))
        })
        .await
}

/// Saves the secretary's edits of the minutes' text.
#[tauri::command]
pub async fn save_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
    document: PartyDocument,
) -> Result<(), ErrorPayload> {
    let json = serde_json::to_string(&document).map_err(|e| internal(e.to_string()))?;
    state
        .run(move |db| db.save_draft(&draft_key(session_id), &json))
        .await
}

/// Forgets the edits: the minutes are drawn up again from the session record.
#[tauri::command]
pub async fn reset_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<PartyDocument, ErrorPayload> {
    state
        .run(move |db| {
            db.save_draft(&draft_key(session_id), "")?;
            db.minutes(session_id)
        })
        .await
}

/// Renders the minutes as PDF or DOCX where the person chooses. Returns the path, or None when
/// they cancelled the dialog.
#[tauri::command]
pub async fn export_minutes(
    app: AppHandle,
    session_id: SessionId,
    format: String,
    document: PartyDocument,
) -> Result<Option<String>, ErrorPayload> {
    let (extension, label) = match format.as_str() {
        "pdf" => ("pdf", "PDF"),
        "docx" => ("docx", "Word (.docx)"),
        other => return Err(internal(format!("Định dạng không hỗ trợ: {other}"))),
    };
    let name = format!("bien-ban-{}.{extension}", session_id.0);
    // CHUYENDE_EXPORT_DIR: write there without asking (end-to-end tests cannot drive a native
    // save dialog; an administrator can use it to collect exports in one folder).
    let path = match std::env::var_os("CHUYENDE_EXPORT_DIR") {
        Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir).join(&name),
        _ => {
            let dialog = app
                .dialog()
                .file()
                .set_title("Lưu biên bản")
                .set_file_name(&name)
                .add_filter(label, &[extension]);
            let Some(target) = dialog.blocking_save_file() else {
                return Ok(None);
            };
            target.into_path().map_err(|e| internal(e.to_string()))?
        }
    };
    write_minutes(&document, extension, &path)?;
    Ok(Some(path.display().to_string()))
}

/// The yearly plan as a Party document (PDF or DOCX), saved where the person chooses.
#[tauri::command]
pub async fn export_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: chuyende::organisation::OrganisationId,
    year: i32,
    format: String,
) -> Result<Option<String>, ErrorPayload> {
    let document = state
        .run(move |db| db.plan_document(organisation_id, year))
        .await?;
    let extension = if format == "docx" { "docx" } else { "pdf" };
    let name = format!("ke-hoach-sinh-hoat-chuyen-de-{year}.{extension}");
    let path = match std::env::var_os("CHUYENDE_EXPORT_DIR") {
        Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir).join(&name),
        _ => {
            let Some(target) = app
                .dialog()
                .file()
                .set_title("Lưu kế hoạch")
                .set_file_name(&name)
                .add_filter(extension, &[extension])
                .blocking_save_file()
            else {
                return Ok(None);
            };
            target.into_path().map_err(|e| internal(e.to_string()))?
        }
    };
    write_minutes(&document, extension, &path)?;
    Ok(Some(path.display().to_string()))
}

fn write_minutes(
    document: &PartyDocument,
    format: &str,
    path: &std::path::Path,
) -> Result<(), ErrorPayload> {
    let margins = PageMargins::default();
    let bytes = match format {
        "pdf" => chuyende::minutes::pdf::render(document, margins)
            .map_err(|e| internal(e.to_string()))?,
        "docx" => chuyende::minutes::docx::write(document, margins),
        other => return Err(internal(format!("Định dạng không hỗ trợ: {other}"))),
    };
    std::fs::write(path, bytes)
        .map_err(|e| internal(format!("Không ghi được tệp {}: {e}", path.display())))
}

/// Opens the system print dialog on the page, which at print time shows the minutes alone
/// (see the @media print rules of the minutes screen). From Rust because WebKitGTK ignores
/// window.print() from the page; async because the dialog is modal.
#[tauri::command]
pub async fn print_minutes(window: WebviewWindow) -> Result<(), ErrorPayload> {
    let app = window.app_handle().clone();
    let webview = app.get_webview_window("main").unwrap_or(window);
    webview
        .print()
        .map_err(|e| internal(format!("Không mở được hộp thoại in: {e}")))
}
