//! The year's documents of an organisation: the yearly report (workbook, PDF, Word) and the
//! year's archive (one PDF), each saved where the person chooses.

use chuyende::export::Exported;
use chuyende::organisation::OrganisationId;
use chuyende::yearly_report::{self, ReportFormat};
use chuyende::ErrorPayload;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use super::minutes::{internal, save_path};
use crate::AppState;

/// The event the window listens to while the archive is put together.
pub const ARCHIVE_PROGRESS: &str = "archive-progress";

/// Documents laid out so far, of how many.
#[derive(Clone, Serialize)]
struct ArchiveProgress {
    done: usize,
    total: usize,
}

/// The yearly report (báo cáo kết quả sinh hoạt chuyên đề năm …) as a workbook, PDF or Word
/// file, saved where the person chooses. Returns the path, or None when they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_yearly_report(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
    format: ReportFormat,
) -> Result<Option<String>, ErrorPayload> {
    let (report, document) = state
        .run(move |db| db.yearly_report_to_issue(organisation_id, year, format))
        .await?;
    let label = match format {
        ReportFormat::Xlsx => "Excel (.xlsx)",
        ReportFormat::Docx => "Word (.docx)",
        ReportFormat::Pdf => "PDF",
    };
    let stem = format!("bao-cao-sinh-hoat-chuyen-de-{year}");
    let Some(path) = save_path(&app, "Lưu báo cáo năm", &stem, format.extension(), label)?
    else {
        return Ok(None);
    };
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        yearly_report::render(&report, &document, format)
    })
    .await
    .map_err(|e| internal(e.to_string()))?
    .map_err(|e| internal(e.to_string()))?;
    let shown = path.display().to_string();
    let what = Exported::YearlyReport {
        organisation: organisation_id,
        year,
    };
    state
        .run(move |db| db.write_export_file(what, format.extension(), &path, &bytes))
        .await?;
    Ok(Some(shown))
}

/// The year's archive (hồ sơ lưu trữ) as one PDF, saved where the person chooses; while it is
/// laid out, `archive-progress` events say how far ({done, total}).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn export_archive(
    app: AppHandle,
    state: State<'_, AppState>,
    organisation_id: OrganisationId,
    year: i32,
) -> Result<Option<String>, ErrorPayload> {
    let book = state
        .run(move |db| db.archive_book(organisation_id, year))
        .await?;
    let stem = format!("ho-so-luu-tru-sinh-hoat-chuyen-de-{year}");
    let Some(path) = save_path(&app, "Lưu hồ sơ lưu trữ", &stem, "pdf", "PDF")? else {
        return Ok(None);
    };
    let events = app.clone();
    let archive = tauri::async_runtime::spawn_blocking(move || {
        chuyende::archive::render(&book, |done, total| {
            // A window closed meanwhile hears nothing; the file is still written.
            let _ = events.emit(ARCHIVE_PROGRESS, ArchiveProgress { done, total });
        })
    })
    .await
    .map_err(|e| internal(e.to_string()))?
    .map_err(|e| internal(e.to_string()))?;
    let shown = path.display().to_string();
    let what = Exported::Archive {
        organisation: organisation_id,
        year,
    };
    state
        .run(move |db| db.write_export_file(what, "pdf", &path, &archive.pdf))
        .await?;
    Ok(Some(shown))
}
