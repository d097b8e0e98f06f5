use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;

use chuyende::{Database, ErrorCode, ErrorPayload};

/// The open database, or why it could not be opened (kept, so every command and the start
/// screen can say it in Vietnamese instead of the window failing to start). Replaced when a
/// damaged database is restored from a backup.
///
/// The database is opened on a thread of its own while WebKit starts the window's processes and
/// loads the page (issue 18: on the main thread, its checks held the window's event loop, and so
/// the page, back); the first use of the database waits until it is open.
pub struct AppState {
    pub data_dir: Option<PathBuf>,
    /// Where the log is written, when it could be started (see `crate::log`).
    pub log_dir: Option<PathBuf>,
    _log: Option<chuyende::logging::LogGuard>,
    /// The opening under way, until something first needs the database.
    opening: Mutex<Option<JoinHandle<Opened>>>,
    db: RwLock<Result<Arc<Database>, ErrorPayload>>,
    /// The window shows the demonstration data (a database of its own beside the real one,
    /// chosen at the first-run set-up) until it is removed.
    demo: AtomicBool,
    /// Held while the window runs: one window per data folder.
    lock: Mutex<Option<chuyende::instance::InstanceLock>>,
    /// The files the person gave the window: dropped on it (the OS tells the shell, not the
    /// page) or chosen in its file dialog. The import command reads only these, so a page that
    /// names some other path (a script injected into it, say) cannot make the app read it.
    offered: Mutex<HashSet<PathBuf>>,
    /// What the check of the trail at start found; None until it has run (see
    /// `crate::check_trail`).
    pub trail: Arc<Mutex<Option<chuyende::audit::verify::TrailReport>>>,
}

/// What the opening thread hands over.
struct Opened {
    db: Result<Arc<Database>, ErrorPayload>,
    demo: bool,
    lock: Option<chuyende::instance::InstanceLock>,
}

impl AppState {
    /// Starts the log, then opens the data folder's database on a thread (see [`AppState`]).
    /// `must_exist`: the folder was named (CHUYENDE_DATA_DIR) and is not there; it is not made.
    /// `bring_forward`: what a second start on the same folder asks of this window (without the
    /// folder's lock, a read-only folder, the second start explains instead).
    pub fn open(
        data_dir: Option<PathBuf>,
        must_exist: bool,
        bring_forward: impl Fn() + Send + 'static,
    ) -> Self {
        // First, so that a database that cannot be opened is in the log too (not in a folder
        // that must not be made: the log would make it).
        let log = data_dir.as_deref().filter(|_| !must_exist).and_then(|dir| {
            chuyende::logging::init_with(dir, "chuyende-app", crate::log::CommandLog)
                .inspect_err(|e| eprintln!("chuyende-app: the log could not be started: {e}"))
                .ok()
        });
        tracing::info!(version = env!("CARGO_PKG_VERSION"), "the window starts");
        let dir = data_dir.clone();
        let opening = std::thread::spawn(move || open_data(dir, must_exist, bring_forward));
        AppState {
            log_dir: log
                .as_ref()
                .and(data_dir.as_deref())
                .map(chuyende::logging::log_dir),
            _log: log,
            data_dir,
            opening: Mutex::new(Some(opening)),
            db: RwLock::new(Err(not_open_yet())),
            demo: AtomicBool::new(false),
            lock: Mutex::new(None),
            offered: Mutex::new(HashSet::new()),
            trail: Arc::new(Mutex::new(None)),
        }
    }

    /// Waits for the opening, the first time, and takes what it gave.
    fn opened(&self) {
        let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(thread) = opening.take() {
            let opened = thread.join().unwrap_or_else(|_| Opened {
                db: Err(crate::log::failure(chuyende::Error::Unavailable)),
                demo: false,
                lock: None,
            });
            *self.db.write().unwrap_or_else(|p| p.into_inner()) = opened.db;
            self.demo.store(opened.demo, Ordering::SeqCst);
            *self.lock.lock().unwrap_or_else(|p| p.into_inner()) = opened.lock;
        }
    }

    /// Remembers files the person dropped on the window or chose in its dialog.
    pub fn offer(&self, paths: &[PathBuf]) {
        let mut offered = self.offered.lock().unwrap_or_else(|p| p.into_inner());
        offered.extend(paths.iter().cloned());
    }

    /// Whether the person gave the window this file. In debug builds (the end-to-end tests,
    /// which cannot make an OS drop) also the files of the folders listed in
    /// `CHUYENDE_E2E_DROPPABLE`; release builds ignore that variable.
    pub fn was_offered(&self, path: &Path) -> bool {
        let offered = self.offered.lock().unwrap_or_else(|p| p.into_inner());
        if offered.contains(path) {
            return true;
        }
        #[cfg(debug_assertions)]
        if let Some(dirs) = std::env::var_os("CHUYENDE_E2E_DROPPABLE") {
            let parent = path.parent().and_then(|p| p.canonicalize().ok());
            return std::env::split_paths(&dirs)
                .filter_map(|d| d.canonicalize().ok())
                .any(|d| Some(&d) == parent.as_ref());
        }
        false
    }

    pub fn db(&self) -> Result<Arc<Database>, ErrorPayload> {
        self.opened();
        self.db.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Whether the window shows the demonstration data.
    pub fn is_demo(&self) -> bool {
        self.opened();
        self.demo.load(Ordering::SeqCst)
    }

    /// The folder of the database shown: the data folder, or the demo's folder inside it (its
    /// backups are kept there, and go with it).
    pub fn db_folder(&self) -> Option<PathBuf> {
        let dir = self.data_dir.clone()?;
        Some(match self.is_demo() {
            true => chuyende::demo::demo_dir(&dir),
            false => dir,
        })
    }

    /// Shows another database from now on: the demo once made, the real data once the demo is
    /// removed. The database shown before is closed when the last command using it ends.
    pub fn show(&self, db: Database, demo: bool) -> Arc<Database> {
        // The opening at start, if nothing waited for it yet, must not land over this one.
        self.opened();
        let db = Arc::new(db);
        let mut shown = self.db.write().unwrap_or_else(|p| p.into_inner());
        *shown = Ok(db.clone());
        self.demo.store(demo, Ordering::SeqCst);
        db
    }

    /// Whether this window holds the data folder (and so may restore over a damaged file).
    pub fn holds_folder(&self) -> bool {
        self.opened();
        self.lock.lock().unwrap_or_else(|p| p.into_inner()).is_some()
    }

    /// After a damaged database was replaced by a backup: open it again.
    pub fn reopen(&self, dir: &std::path::Path) -> Result<Arc<Database>, ErrorPayload> {
        self.opened();
        let opened = Database::open_in(dir)
            .map(Arc::new)
            .map_err(crate::log::failure);
        *self.db.write().unwrap_or_else(|p| p.into_inner()) = opened.clone();
        opened
    }

    /// Runs domain work on a blocking thread: the connection must not be held across an
    /// `.await`, and database work on the main thread would freeze the window.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorPayload>
    where
        T: Send + 'static,
        F: FnOnce(&Database) -> chuyende::Result<T> + Send + 'static,
    {
        let db = self.db()?;
        blocking(move || work(&db)).await
    }
}

/// Takes the folder's lock and opens its database (the demonstration data's while there is one).
fn open_data(
    data_dir: Option<PathBuf>,
    must_exist: bool,
    bring_forward: impl Fn() + Send + 'static,
) -> Opened {
    let demo = data_dir
        .as_deref()
        .is_some_and(|d| !must_exist && chuyende::demo::demo_present(d));
    let mut lock = None;
    let db = match &data_dir {
        Some(dir) if must_exist => Err(crate::log::failure(chuyende::Error::DataDirMissing {
            path: dir.display().to_string(),
        })),
        Some(dir) => chuyende::instance::InstanceLock::acquire(dir)
            .and_then(|mut l| {
                // A second start on the same folder brings this window forward instead of
                // opening one of its own.
                if let Err(e) = l.answer_second_starts(bring_forward) {
                    chuyende::logging::log_failure(&e);
                }
                lock = Some(l);
                match demo {
                    true => Database::open_in(&chuyende::demo::demo_dir(dir)),
                    false => Database::open_in(dir),
                }
            })
            .map(Arc::new)
            .map_err(crate::log::failure),
        None => Err(ErrorPayload {
            code: ErrorCode::Internal,
            message: "Không xác định được thư mục dữ liệu của người dùng trên máy này. Hãy đặt biến môi trường CHUYENDE_DATA_DIR.".into(),
            field: None,
        }),
    };
    tracing::info!(ms = crate::startup::since_start(), "the data is open");
    Opened { db, demo, lock }
}

/// What the database slot holds until the opening has been waited for (never seen by a
/// command: `db()` waits first).
fn not_open_yet() -> ErrorPayload {
    ErrorPayload {
        code: ErrorCode::Internal,
        message: "Dữ liệu đang được mở.".into(),
        field: None,
    }
}

/// Runs `work` on a blocking thread, its error as the UI shows it (and the log records it).
pub async fn blocking<T, F>(work: F) -> Result<T, ErrorPayload>
where
    T: Send + 'static,
    F: FnOnce() -> chuyende::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            crate::log::internal(
                "Đã xảy ra lỗi không mong muốn; thao tác chưa được lưu. Hãy thử lại.",
                &e,
            )
        })?
        .map_err(crate::log::failure)
}
