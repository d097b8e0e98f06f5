use chrono::NaiveDate;
use chuyende::export::Exported;
use chuyende::minutes::{DocumentFormat, DocumentParagraph, Minutes, PageMargins, PartyDocument};
use chuyende::organisation::OrganisationId;
use chuyende::session::SessionId;
use chuyende::ErrorPayload;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

pub(crate) fn internal(message: String) -> ErrorPayload {
    crate::log::fault(message)
}

/// A session's minutes as the library keeps them (the latest revision, or the one asked for).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
    revision: Option<i64>,
) -> Result<Minutes, ErrorPayload> {
    state
        .run(move |db| match revision {
            Some(r) => db.minutes_revision(session_id, r),
            None => db.minutes_record(session_id),
        })
        .await
}

/// The pages as they will print (SVG images of the PDF's pages), for the true A4 preview.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn minutes_pages(
    state: State<'_, AppState>,
    session_id: SessionId,
    revision: Option<i64>,
) -> Result<Vec<String>, ErrorPayload> {
    // Rendering takes a few milliseconds of CPU; off the main thread like every command.
    state
        .run(move |db| {
            let minutes = match revision {
                Some(r) => db.minutes_revision(session_id, r)?,
                None => db.minutes_record(session_id)?,
            };
            chuyende::minutes::pdf::render_pages_svg(&minutes.document, PageMargins::default())
                .map_err(|e| chuyende::Error::invalid(chuyende::Field::Text, e.to_string()))
        })
        .await
}

/// Saves the secretary's edits of the minutes' text (refused once they are signed).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn save_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
    body: Vec<DocumentParagraph>,
) -> Result<Minutes, ErrorPayload> {
    state
        .run(move |db| db.save_minutes_edits(session_id, &body))
        .await
}

/// Forgets the edits: the minutes are drawn up again from the session record.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn reset_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<Minutes, ErrorPayload> {
    state.run(move |db| db.reset_minutes(session_id)).await
}

/// The printed copy was signed: the minutes become read-only.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn sign_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
    signed_on: NaiveDate,
) -> Result<Minutes, ErrorPayload> {
    state
        .run(move |db| db.sign_minutes(session_id, signed_on))
        .await
}

/// A correction of signed minutes: a new revision to edit; the signed one stays.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn correct_minutes(
    state: State<'_, AppState>,
    session_id: SessionId,
) -> Result<Minutes, ErrorPayload> {
    state.run(move |db| db.correct_minutes(session_id)).await
}

/// Renders the minutes, as the library keeps them, as PDF or DOCX where the person chooses.
/// Returns the path, or None when they cancelled the dialog.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_minutes(
    app: AppHandle,
    state: State<'_, AppState>,
    session_id: SessionId,
    revision: Option<i64>,
    format: DocumentFormat,
) -> Result<Option<String>, ErrorPayload> {
    let minutes = state
        .run(move |db| db.minutes_to_issue(session_id, revision))
        .await?;
    let stem = if minutes.revision > 1 {
        format!("bien-ban-{}-ban-{}", session_id.0, minutes.revision)
    } else {
        format!("bien-ban-{}", session_id.0)
    };
    let path = export_path(&app, "Lưu biên bản", &stem, format)?;
    write(
        &state,
        Exported::Minutes(session_id),
        format,
        path,
        minutes.document,
    )
    .await
}

/// The yearly plan as a Party document (PDF or DOCX), saved where the person chooses.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_plan(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
    format: DocumentFormat,
) -> Result<Option<String>, ErrorPayload> {
    let document = state
        .run(move |db| db.plan_to_issue(organisation_id, year))
        .await?;
    let path = export_path(
        &app,
        "Lưu kế hoạch",
        &format!("ke-hoach-sinh-hoat-chuyen-de-{year}"),
        format,
    )?;
    let what = Exported::Plan {
        organisation: organisation_id,
        year,
    };
    write(&state, what, format, path, document).await
}

/// The amendment (kế hoạch điều chỉnh) of an approved plan, dated `on`, saved where the
/// person chooses; the approved plan itself is untouched.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_plan_amendment(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
    on: NaiveDate,
    format: DocumentFormat,
) -> Result<Option<String>, ErrorPayload> {
    let document = state
        .run(move |db| db.plan_amendment_to_issue(organisation_id, year, on))
        .await?;
    let path = export_path(
        &app,
        "Lưu kế hoạch điều chỉnh",
        &format!("ke-hoach-dieu-chinh-{year}-{}", on.format("%Y%m%d")),
        format,
    )?;
    let what = Exported::PlanAmendment {
        organisation: organisation_id,
        year,
    };
    write(&state, what, format, path, document).await
}

/// Asks where to save (the native dialog). With
/// CHUYENDE_EXPORT_DIR set it writes into that folder without asking: end-to-end tests cannot
/// drive a native dialog, and an administrator can collect exports in one folder.
pub(crate) fn export_path(
    app: &AppHandle,
    title: &str,
    stem: &str,
    format: DocumentFormat,
) -> Result<Option<std::path::PathBuf>, ErrorPayload> {
    let label = match format {
        DocumentFormat::Pdf => "PDF",
        DocumentFormat::Docx => "Word (.docx)",
    };
    save_path(app, title, stem, format.extension(), label)
}

/// [`export_path`] for a file of any kind: its `extension` and the dialog filter's `label`.
pub(crate) fn save_path(
    app: &AppHandle,
    title: &str,
    stem: &str,
    extension: &str,
    label: &str,
) -> Result<Option<std::path::PathBuf>, ErrorPayload> {
    let name = format!("{stem}.{extension}");
    let path = match std::env::var_os("CHUYENDE_EXPORT_DIR") {
        // Nobody was asked about replacing a file there: never replace one, take a free name.
        Some(dir) if !dir.is_empty() => {
            chuyende::fsutil::free_name(&std::path::PathBuf::from(dir).join(&name))
        }
        _ => {
            let dialog = app
                .dialog()
                .file()
                .set_title(title)
                .set_file_name(&name)
                .add_filter(label, &[extension]);
            let Some(target) = dialog.blocking_save_file() else {
                return Ok(None);
            };
            target.into_path().map_err(|e| internal(e.to_string()))?
        }
    };
    Ok(Some(path))
}

/// Renders the document and has the library write it to `path` (none: the person cancelled)
/// and record the export in the trail. Atomic: the file the person chose (and agreed to
/// replace, in the save dialog) is replaced only once the new one is complete on disk.
pub(crate) async fn write(
    state: &State<'_, AppState>,
    what: Exported,
    format: DocumentFormat,
    path: Option<std::path::PathBuf>,
    document: PartyDocument,
) -> Result<Option<String>, ErrorPayload> {
    let Some(path) = path else {
        return Ok(None);
    };
    let bytes =
        chuyende::minutes::render(&document, format).map_err(|e| internal(e.to_string()))?;
    let shown = path.display().to_string();
    state
        .run(move |db| db.write_export(what, format, &path, &bytes))
        .await?;
    Ok(Some(shown))
}

/// Opens the system print dialog on the page, which at print time shows the minutes alone
/// (see the @media print rules of the minutes screen). From Rust because WebKitGTK ignores
/// window.print() from the page; async because the dialog is modal.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn print_minutes(
    window: WebviewWindow,
    state: State<'_, AppState>,
    session_id: SessionId,
    revision: Option<i64>,
) -> Result<(), ErrorPayload> {
    // Not with a mandatory part empty: the library says which.
    state
        .run(move |db| db.minutes_to_issue(session_id, revision))
        .await?;
    print_dialog(window)
}

/// The system print dialog on the main window, as its @media print rules lay it out. Modal:
/// only from async commands.
pub(crate) fn print_dialog(window: WebviewWindow) -> Result<(), ErrorPayload> {
    let app = window.app_handle().clone();
    let webview = app.get_webview_window("main").unwrap_or(window);
    webview
        .print()
        .map_err(|e| internal(format!("Không mở được hộp thoại in: {e}")))
}
