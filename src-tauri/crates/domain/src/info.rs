//! What `chuyende info` and the Settings screen report about a data folder.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Counts {
    pub party_committee_orgs: i64,
    pub cells: i64,
    pub active_members: i64,
    pub moved_members: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DatabaseInfo {
    pub database_path: String,
    pub schema_version: i64,
    pub counts: Counts,
    /// Opened read-only (the data folder cannot be written): the window says so and changes
    /// are refused.
    pub read_only: bool,
}

impl Database {
    pub fn info(&self) -> Result<DatabaseInfo> {
        let counts = self.read(|c| {
            Ok(c.query_row(
                "SELECT
                    (SELECT count(*) FROM organisation WHERE kind = 'party_committee_org' AND retired_on IS NULL),
                    (SELECT count(*) FROM organisation WHERE kind = 'cell' AND retired_on IS NULL),
                    (SELECT count(*) FROM member WHERE moved_on IS NULL),
                    (SELECT count(*) FROM member WHERE moved_on IS NOT NULL)",
                [],
                |r| {
                    Ok(Counts {
                        party_committee_orgs: r.get(0)?,
                        cells: r.get(1)?,
                        active_members: r.get(2)?,
                        moved_members: r.get(3)?,
                    })
                },
            )?)
        })?;
        Ok(DatabaseInfo {
            database_path: self.path().display().to_string(),
            schema_version: self.schema_version()?,
            counts,
            read_only: self.is_read_only(),
        })
    }
}

/// What the window asks first: where its data is, and whether it could be opened. When the
/// database was refused (a newer version's file, a damaged file), `error` says why in
/// Vietnamese and the window shows that instead of the screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub app_version: String,
    pub data_dir: String,
    /// The log folder, when the log could be started: shown in Settings for a support request.
    pub log_dir: Option<String>,
    /// The name recorded as "who" in the audit trail; None until chosen in Settings.
    pub profile_name: Option<String>,
    pub database: Option<DatabaseInfo>,
    pub error: Option<crate::ErrorPayload>,
    /// When the database is damaged: the newest backup that passed its checks, to offer.
    pub restorable: Option<crate::backup::BackupInfo>,
    /// The database has never had an organisation: the window opens on the first-run set-up
    /// (see [`Database::setup_needed`]).
    pub setup_needed: bool,
    /// The window shows the demonstration data (see `demo::start_demo`): marked on every
    /// screen, removable in one step.
    pub demo: bool,
}
