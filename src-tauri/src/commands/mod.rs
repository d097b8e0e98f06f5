//! IPC commands, one module per domain noun. Each is a one-line translation to the domain
//! library; errors cross as `ErrorPayload` (code, Vietnamese message, field).

pub mod account;
pub mod app;
pub mod approval;
pub mod backup;
pub mod compliance;
pub mod exchange;
pub mod first_run;
pub mod guest;
pub mod member;
pub mod member_sheet;
pub mod minutes;
pub mod organisation;
pub mod outline;
pub mod plan;
pub mod reminder;
pub mod session;
pub mod session_date;
pub mod settings;
pub mod term;
pub mod topic;
pub mod trail;
pub mod vote;
pub mod yearly_report;
