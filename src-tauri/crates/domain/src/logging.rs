//! The log: what happened, for the person who answers "it did not print". The window and the
//! `chuyende` tool both write to `<data folder>/logs/`, one file per program and day, the last
//! [`KEPT_FILES`] of each kept.
//!
//! What goes in at info level and above: which command ran, how long it took, whether it
//! failed, and each failure with its cause chain. Never document text or people's names at
//! those levels; such detail, when useful, goes in at debug level, which is off unless
//! `CHUYENDE_LOG=debug` is set.

use std::path::{Path, PathBuf};

use tracing::Level;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// The log folder inside the data folder.
pub const LOG_DIR: &str = "logs";
/// Daily files kept per program; older ones are deleted as new days begin.
pub const KEPT_FILES: usize = 14;
/// Environment variable raising (or lowering) the level: `debug`, `trace`, `warn`…
pub const LEVEL_ENV: &str = "CHUYENDE_LOG";

pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_DIR)
}

/// Keeps the log writing; dropping it flushes what is still queued.
pub struct LogGuard {
    _writer: WorkerGuard,
}

/// Starts logging `program`'s events (e.g. `chuyende`) to `<data_dir>/logs/`.
pub fn init(data_dir: &Path, program: &str) -> std::io::Result<LogGuard> {
    init_with(
        data_dir,
        program,
        tracing_subscriber::layer::Identity::new(),
    )
}

/// [`init`] plus an extra `layer` (the window adds its per-command timing). Our own crates log
/// from `info` (or [`LEVEL_ENV`]), libraries only their warnings.
pub fn init_with<L>(data_dir: &Path, program: &str, layer: L) -> std::io::Result<LogGuard>
where
    L: Layer<tracing_subscriber::Registry> + Send + Sync + 'static,
{
    let dir = log_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(program)
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(&dir)
        .map_err(std::io::Error::other)?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let level = std::env::var(LEVEL_ENV)
        .ok()
        .and_then(|l| l.parse::<Level>().ok())
        .unwrap_or(Level::INFO);
    let filter = Targets::new()
        .with_default(Level::WARN)
        .with_target("chuyende", level)
        .with_target("chuyende_app", level)
        .with_target("chuyende_cli", level);
    let file = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true);
    tracing_subscriber::registry()
        .with(layer)
        .with(file)
        .with(filter)
        .try_init()
        .map_err(std::io::Error::other)?;
    Ok(LogGuard { _writer: guard })
}

/// Logs a failure of the library on its way to a person. A refusal (invalid input, a step the
/// workflow does not allow, a missing record) is the library doing its job: logged at info
/// level by its code only, since its message may quote what the person typed. A fault is
/// logged as an error with its cause chain.
pub fn log_failure(error: &crate::Error) {
    use crate::ErrorCode;
    match error.code() {
        ErrorCode::Validation | ErrorCode::Transition | ErrorCode::NotFound => {
            tracing::info!(refused = ?error.code(), field = ?error.field());
            tracing::debug!(message = %error);
        }
        code => tracing::error!(?code, "{}", cause_chain(error)),
    }
}

/// An error and everything that caused it, outermost first: "A: B: C".
pub fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut chain = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        chain.push_str(": ");
        chain.push_str(&cause.to_string());
        source = cause.source();
    }
    chain
}

/// The last `n` error lines of the logs in `data_dir`, oldest first, for a support request.
pub fn recent_errors(data_dir: &Path, n: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(log_dir(data_dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    // Names end in the day (prefix.YYYY-MM-DD.log): by modification time, since two programs
    // write side by side.
    files.sort_by_key(|p| p.metadata().and_then(|m| m.modified()).ok());
    let mut errors: Vec<String> = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        errors.extend(
            text.lines()
                .filter(|l| l.contains(" ERROR "))
                .map(str::to_owned),
        );
    }
    let skip = errors.len().saturating_sub(n);
    errors.split_off(skip)
}

/// What a support request needs, as text to paste: the version, the folders, the database's
/// schema version, and the last errors of the log. No document text, no names.
pub fn diagnostic_summary(status: &crate::info::AppStatus, data_dir: &Path) -> String {
    let mut out = format!(
        "Chuyên Đề {}\nHệ điều hành: {} {}\nThư mục dữ liệu: {}\nNhật ký: {}\n",
        status.app_version,
        std::env::consts::OS,
        std::env::consts::ARCH,
        status.data_dir,
        status
            .log_dir
            .as_deref()
            .unwrap_or("(chưa ghi được nhật ký)"),
    );
    match (&status.database, &status.error) {
        (Some(db), _) => out.push_str(&format!("Phiên bản dữ liệu: {}\n", db.schema_version)),
        (None, Some(e)) => out.push_str(&format!("Dữ liệu chưa mở được: {:?}\n", e.code)),
        (None, None) => {}
    }
    let errors = recent_errors(data_dir, RECENT_ERRORS);
    if errors.is_empty() {
        out.push_str("Lỗi gần đây: không có\n");
    } else {
        out.push_str(&format!("Lỗi gần đây ({}):\n", errors.len()));
        for line in errors {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// How many of the last errors a diagnostic summary carries.
pub const RECENT_ERRORS: usize = 20;
