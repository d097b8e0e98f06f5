//! Reading what the database holds. A stored value this version cannot read (a state it does not
//! know, outline blocks that no longer parse) is an error naming the record, never a default:
//! a default would show a wrong state or an empty outline and, once saved, overwrite the truth.
//!
//! Row mappers return `rusqlite::Result`, so [`unreadable`] wraps an [`UnreadableValue`] in
//! rusqlite's conversion error; `From<rusqlite::Error> for Error` unwraps it again into
//! [`crate::Error::Unreadable`], whose message names the record in Vietnamese. The technical
//! detail (column, value, parser message) stays in the source chain, for the log.

/// Which stored value could not be read, and why (for the log, not for the window).
#[derive(Debug, thiserror::Error)]
#[error("{what} mã {id}: cột {column} chứa {value:?}, không đọc được ({reason})")]
pub struct UnreadableValue {
    /// The record, in the words the window uses ("chuyên đề", "đảng viên").
    pub what: &'static str,
    pub id: i64,
    pub column: &'static str,
    /// The value as stored, cut to a length fit for a log line.
    pub value: String,
    pub reason: String,
}

impl UnreadableValue {
    pub fn new(
        what: &'static str,
        id: i64,
        column: &'static str,
        value: &str,
        reason: impl std::fmt::Display,
    ) -> Self {
        UnreadableValue {
            what,
            id,
            column,
            value: value.chars().take(80).collect(),
            reason: reason.to_string(),
        }
    }
}

/// The row mapper's error for a value of record `what` `id` that cannot be read.
pub fn unreadable(
    what: &'static str,
    id: i64,
    column: &'static str,
    value: &str,
    reason: impl std::fmt::Display,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(UnreadableValue::new(what, id, column, value, reason)),
    )
}

/// A stored enum value through its `parse`, or the error naming the record.
pub fn parse<T>(
    parse: impl FnOnce(&str) -> Option<T>,
    value: &str,
    what: &'static str,
    id: i64,
    column: &'static str,
) -> rusqlite::Result<T> {
    parse(value).ok_or_else(|| unreadable(what, id, column, value, "giá trị không thuộc danh sách"))
}
