//! The library's clock: the system's by default; a fixed moment set on a [`crate::Database`]
//! handle ([`crate::Database::set_clock`]) for the demo data, which lives a past year through
//! the same verbs a secretary uses (each step dated the day it would have happened, so the
//! audit trail, the compliance and the overview read the truth), and for tests.
//!
//! Verbs see only a connection: the handle makes its clock the current one for the duration of
//! each database call, on the calling thread, as it does for the acting account.

use std::cell::RefCell;

use chrono::{DateTime, Local, NaiveDate};

thread_local! {
    static CURRENT: RefCell<Option<DateTime<Local>>> = const { RefCell::new(None) };
}

/// Makes a handle's clock the current one for one database call; restores the one before on
/// drop (calls nest: a batch's inner handle).
pub(crate) struct Scope(Option<DateTime<Local>>);

impl Scope {
    pub fn enter(clock: Option<DateTime<Local>>) -> Scope {
        Scope(CURRENT.with(|c| std::mem::replace(&mut *c.borrow_mut(), clock)))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let before = self.0.take();
        CURRENT.with(|c| *c.borrow_mut() = before);
    }
}

/// The moment it is for the database call under way on this thread.
pub(crate) fn now() -> DateTime<Local> {
    CURRENT.with(|c| *c.borrow()).unwrap_or_else(Local::now)
}

/// The day it is for the database call under way on this thread.
pub(crate) fn today() -> NaiveDate {
    now().date_naive()
}
