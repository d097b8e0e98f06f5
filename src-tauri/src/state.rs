use std::path::PathBuf;
use std::sync::Arc;

use chuyende::{Database, ErrorCode, ErrorPayload};

/// The open database, or why it could not be opened (kept, so every command and the start
/// screen can say it in Vietnamese instead of the window failing to start).
pub struct AppState {
    pub data_dir: Option<PathBuf>,
    db: Result<Arc<Database>, ErrorPayload>,
    /// Held while the window runs: one window per data folder.
    _lock: Option<chuyende::instance::InstanceLock>,
}

impl AppState {
    pub fn open(data_dir: Option<PathBuf>) -> Self {
        let mut lock = None;
        let db = match &data_dir {
            Some(dir) => chuyende::instance::InstanceLock::acquire(dir)
                .and_then(|l| {
                    lock = Some(l);
                    Database::open_in(dir)
                })
                .map(Arc::new)
                .map_err(|e| e.to_payload()),
            None => Err(ErrorPayload {
                code: ErrorCode::Internal,
                message: "Không xác định được thư mục dữ liệu của người dùng trên máy này. Hãy đặt biến môi trường CHUYENDE_DATA_DIR.".into(),
                field: None,
            }),
        };
        AppState {
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
            .map_err(|_| ErrorPayload {
                code: ErrorCode::Internal,
                message: "Đã xảy ra lỗi không mong muốn; thao tác chưa được lưu. Hãy thử lại."
                    .into(),
                field: None,
            })?
            .map_err(|e| e.to_payload())
    }
}
