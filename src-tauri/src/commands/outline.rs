use std::path::PathBuf;

use chuyende::outline::compare::Comparison;
use chuyende::outline::{OutlineText, OutlineVersion, OutlineVersionId};
use chuyende::search::{SearchFilter, SearchHit};
use chuyende::topic::TopicId;
use chuyende::ErrorPayload;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::AppState;

/// Imports one file as the next version of a topic's outline. The window's drop handler and its
/// "choose files" button both end here, one call per file, so each gets its own answer. Only a
/// file the person dropped on the window or chose in its dialog is read.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn import_outline(
    state: State<'_, AppState>,
    topic_id: TopicId,
    path: PathBuf,
    note: String,
) -> Result<OutlineVersion, ErrorPayload> {
    if !state.was_offered(&path) {
        // Logged: a page naming a path it was not given is worth knowing about.
        return Err(crate::log::fault(
            "Chỉ nhập được tệp đã kéo thả vào cửa sổ hoặc đã chọn bằng nút “Chọn tệp”. Hãy kéo thả hoặc chọn lại tệp.".into(),
        ));
    }
    state
        .run(move |db| db.import_outline_file(topic_id, &path, &note))
        .await
}

/// The system's file dialog, for outlines; the chosen paths (none when cancelled).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn pick_outline_files(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Vec<PathBuf>, ErrorPayload> {
    let files = app
        .dialog()
        .file()
        .set_title("Chọn tệp đề cương")
        .add_filter(
            "Đề cương (.docx, .odt, .fodt, .pdf, .txt, .md, .doc)",
            &["docx", "odt", "fodt", "pdf", "txt", "md", "doc"],
        )
        .blocking_pick_files()
        .unwrap_or_default();
    let paths: Vec<PathBuf> = files
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    state.offer(&paths);
    Ok(paths)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn outline_versions(
    state: State<'_, AppState>,
    topic_id: TopicId,
) -> Result<Vec<OutlineVersion>, ErrorPayload> {
    state.run(move |db| db.outline_versions(topic_id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn outline_text(
    state: State<'_, AppState>,
    id: OutlineVersionId,
) -> Result<OutlineText, ErrorPayload> {
    state.run(move |db| db.outline_text(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn compare_outlines(
    state: State<'_, AppState>,
    old: OutlineVersionId,
    new: OutlineVersionId,
) -> Result<Comparison, ErrorPayload> {
    state.run(move |db| db.compare_outlines(old, new)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn search_outlines(
    state: State<'_, AppState>,
    query: String,
    filter: SearchFilter,
) -> Result<Vec<SearchHit>, ErrorPayload> {
    state.run(move |db| db.search(&query, &filter, 50)).await
}

fn io_error(e: std::io::Error) -> ErrorPayload {
    let os = chuyende::os_error::OsError::from(e);
    crate::log::internal(format!("Không ghi được tệp: {}.", os.vietnamese()), &os)
}

fn path_error(e: impl std::fmt::Display) -> ErrorPayload {
    crate::log::internal("Không xác định được chỗ lưu tệp.", &e)
}

/// Saves the original file of a version where the person chooses. Returns where, or None when
/// they cancelled.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn save_outline_copy(
    app: AppHandle,
    state: State<'_, AppState>,
    id: OutlineVersionId,
) -> Result<Option<String>, ErrorPayload> {
    let (version, _) = state.run(move |db| db.outline_original(id)).await?;
    let Some(target) = app
        .dialog()
        .file()
        .set_title("Lưu bản sao đề cương")
        .set_file_name(&version.file_name)
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path = target.into_path().map_err(path_error)?;
    // Atomic: a file the person agreed to replace (in the save dialog) is replaced only once the
    // copy is complete on disk; a full disk or a pulled USB stick leaves the old one whole. The
    // library records the copy in the trail.
    let shown = path.display().to_string();
    state.run(move |db| db.save_outline_copy(id, &path)).await?;
    Ok(Some(shown))
}

/// Opens the original file of a version in the system's default application, from a copy in
/// the app's cache (the database keeps the only authoritative copy). The copy's name is made
/// here from the version (topic, number, format), never from the stored file name, which came
/// from outside.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn open_outline_original(
    app: AppHandle,
    state: State<'_, AppState>,
    id: OutlineVersionId,
) -> Result<(), ErrorPayload> {
    let (version, bytes) = state.run(move |db| db.outline_original(id)).await?;
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(path_error)?
        .join("originals")
        .join(format!("{}-{}", version.topic_id.0, version.number));
    std::fs::create_dir_all(&dir).map_err(io_error)?;
    let path = dir.join(format!(
        "de-cuong-{}-v{}.{}",
        version.topic_id.0,
        version.number,
        version.format.as_str()
    ));
    std::fs::write(&path, bytes).map_err(io_error)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| crate::log::internal("Không mở được tệp bằng ứng dụng mặc định.", &e))
}
