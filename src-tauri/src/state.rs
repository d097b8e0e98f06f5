use std::path::PathBuf;
use std::sync::Arc;

use chuyende::{Database, ErrorCode, ErrorPayload};

/// The open database, or why it could not be opened (kept, so every command and the start
/// screen can say it in Vietnamese instead of the window failing to start).
pub struct AppState {
    pub data_dir: Option<PathBuf>,
    /// Where the log is written, when it could be started (see `crate::log`).
    pub log_dir: Option<PathBuf>,
    _log: Option<chuyende::logging::LogGuard>,
    db: Result<Arc<Database>, ErrorPayload>,
    /// Held while the window runs: one window per data folder.
    _lock: Option<chuyende::instance::InstanceLock>,
}

impl AppState {
    pub fn open(data_dir: Option<PathBuf>) -> Self {
        // First, so that a database that cannot be opened is in the log too.
        let log = data_dir.as_deref().and_then(|dir| {
            chuyende::logging::init_with(dir, "chuyende-app", crate::log::CommandLog)
                .inspect_err(|e| eprintln!("chuyende-app: the log could not be started: {e}"))
                .ok()
        });
        tracing::info!(version = env!("CARGO_PKG_VERSION"), "the window starts");
        let mut lock = None;
        let db = match &data_dir {
            Some(dir) => chuyende::instance::InstanceLock::acquire(dir)
                .and_then(|l| {
                    lock = Some(l);
                    Database::open_in(dir)
                })
                .map(Arc::new)
                .map_err(crate::log::failure),
            None => Err(ErrorPayload {
                code: ErrorCode::Internal,
                message: "Không xác định được thư mục dữ liệu của người dùng trên máy này. Hãy đặt biến môi trường CHUYENDE_DATA_DIR.".into(),
                field: None,
            }),
        };
        AppState {
            log_dir: log
                .as_ref()
                .and(data_dir.as_deref())
                .map(chuyende::logging::log_dir),
            _log: log,
            data_dir,
            db,
            _lock: lock,
        }
    }

    pub fn db(&self) -> Result<Arc<Database>, ErrorPayload> {
        self.db.clone()
    }

    /// Runs domain work on a blocking thread: the connection must not be held across an
    /// `.await`, and database work on the main thread would freeze the window.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&Database) -> chuyende::Result<T> + Send + 'static,
    {
        let db = self.db()?;
        tauri::async_runtime::spawn_blocking(move || work(&db))
            .await
            .map_err(|e| {
                crate::log::internal(
                    "Đã xảy ra lỗi không mong muốn; thao tác chưa được lưu. Hãy thử lại.",
                    &e,
                )
            })?
            .map_err(crate::log::failure)
    }
}
