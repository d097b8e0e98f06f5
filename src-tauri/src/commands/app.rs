use chuyende::info::AppStatus;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ()> {
    Ok(status(&state).await)
}

/// The page's first screen is painted with its data: logged with the time since start and the
/// moments of the page's own start, wall-clock milliseconds (and printed for the start-up
/// script, see `crate::startup`).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn first_screen_painted(
    navigation: Option<f64>,
    html: Option<f64>,
    script_loaded: Option<f64>,
    script_runs: Option<f64>,
    first_data: Option<f64>,
    drawn: Option<f64>,
    first_frame: Option<f64>,
) -> Result<(), ()> {
    crate::startup::first_screen_painted(crate::startup::PageStart {
        navigation,
        html,
        script_loaded,
        script_runs,
        first_data,
        drawn,
        first_frame,
    });
    Ok(())
}

/// The text Settings copies for a support request (see `chuyende::logging::diagnostic_summary`).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn diagnostic_summary(state: State<'_, AppState>) -> Result<String, ()> {
    let status = status(&state).await;
    let data_dir = state.data_dir.clone().unwrap_or_default();
    Ok(chuyende::logging::diagnostic_summary(&status, &data_dir))
}

async fn status(state: &AppState) -> AppStatus {
    let shown = |p: &std::path::PathBuf| p.display().to_string();
    let (database, profile_name, setup_needed, error) = match state
        .run(|db| Ok((db.info()?, db.profile_name()?, db.setup_needed()?)))
        .await
    {
        Ok((info, profile, setup)) => (Some(info), profile, setup, None),
        Err(e) => (None, None, false, Some(e)),
    };
    // A damaged database: offer the newest backup that passes its checks.
    let restorable = match (&error, &state.db_folder()) {
        (Some(e), Some(dir)) if e.code == chuyende::ErrorCode::Corrupt => {
            let folder = chuyende::backup::backup_folder(dir);
            crate::state::blocking(move || chuyende::backup::newest_restorable(&folder))
                .await
                .ok()
                .flatten()
        }
        _ => None,
    };
    // A read-only folder cannot be set up: its data is shown as it is.
    let setup_needed = setup_needed && !database.as_ref().is_some_and(|d| d.read_only);
    AppStatus {
        app_version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir.as_ref().map(shown).unwrap_or_default(),
        log_dir: state.log_dir.as_ref().map(shown),
        profile_name,
        database,
        error,
        restorable,
        setup_needed,
        demo: state.is_demo(),
    }
}
