//! Chuyên Đề's domain library: the database, the workflow rules and (in later issues) document
//! import and minutes rendering. It knows nothing of tauri: the desktop shell and the `chuyende`
//! command-line tool are both thin adapters over it, so every rule lives here once and is tested
//! here, fast, against real SQLite files.
//!
//! Names follow `shared/DOMAIN.md`: an [`organisation`] is a *đảng bộ* (party committee
//! organisation) or a *chi bộ* (cell); a [`member`] is a *đảng viên* of a cell.

pub mod account;
pub mod approval;
#[cfg(feature = "minutes-pdf")]
pub mod archive;
pub mod audit;
pub mod backup;
pub mod bench;
pub mod comment;
pub mod compliance;
pub(crate) mod clock;
pub mod cycle;
pub mod db;
pub mod demo;
mod draft;
pub mod error;
pub mod exchange;
pub mod export;
pub mod first_run;
pub mod fsutil;
pub mod guest;
pub mod info;
pub mod instance;
pub mod labels;
pub mod logging;
pub mod member;
pub mod member_period;
pub mod member_sheet;
pub mod minutes;
pub mod organisation;
pub mod os_error;
pub mod paths;
pub mod plan;
pub mod plan_report;
pub mod quorum;
pub mod reminder;
pub mod search;
pub mod session;
pub mod session_date;
pub mod session_list;
pub mod settings;
pub mod speaker;
pub mod stored;
pub mod term;
pub mod text;
pub mod timeline;
pub mod topic;
pub mod topic_group;
pub mod topic_state;
pub mod vote;
pub mod year_figures;
pub mod yearly_report;

mod migrations;

pub use db::Database;
pub use error::{Error, ErrorCode, ErrorPayload, Field, Result};
pub mod outline;
pub mod permission;
pub mod overview;
