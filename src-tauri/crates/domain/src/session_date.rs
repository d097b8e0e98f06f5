//! Whether a session's date is far from the quarter its topics were planned for: a mistyped
//! year (01/01/1900 for a topic of Quý IV 2026) is caught before it reaches the minutes, while
//! a session held a little early or a quarter late, as happens, passes without a question.

use chrono::NaiveDate;

use crate::db::Database;
use crate::error::Result;
use crate::plan::Quarter;
use crate::topic::TopicId;

/// A session may be held up to this many days before its topic's quarter begins…
pub const DAYS_EARLY: i64 = 31;
/// …and up to this many days after it ends (about one quarter late) without a question.
pub const DAYS_LATE: i64 = 92;

/// True when `held_on` is more than [`DAYS_EARLY`] before the quarter's first day or more than
/// [`DAYS_LATE`] after its last.
pub fn far_from_quarter(held_on: NaiveDate, year: i32, quarter: Quarter) -> bool {
    let early = (quarter.first_day(year) - held_on).num_days();
    let late = (held_on - quarter.last_day(year)).num_days();
    early > DAYS_EARLY || late > DAYS_LATE
}

impl Database {
    /// The question to ask before saving a session on `held_on` presenting `topic_ids`, when
    /// that date is far from a topic's quarter; None when nothing needs confirming.
    pub fn session_date_question(
        &self,
        held_on: NaiveDate,
        topic_ids: &[TopicId],
    ) -> Result<Option<String>> {
        for id in topic_ids {
            let topic = self.topic(*id)?;
            if far_from_quarter(held_on, topic.year, topic.quarter) {
                return Ok(Some(format!(
                    "Ngày {} cách xa {} năm {}, quý đã lên kế hoạch cho chuyên đề “{}”. \
                     Ngày này có đúng không?",
                    held_on.format("%d/%m/%Y"),
                    topic.quarter.label(),
                    topic.year,
                    topic.title
                )));
            }
        }
        Ok(None)
    }
}
