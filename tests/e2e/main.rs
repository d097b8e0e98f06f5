//! End-to-end tests: the real app, in a real window under Xvfb, driven over WebDriver.
//! Each test gets its own empty data folder (CHUYENDE_DATA_DIR) and saves screenshots under
//! `<target>/debug/e2e-screenshots/` for a person to look at.

mod accounts;
mod approval;
mod backups;
mod dates;
mod exchange;
mod faults;
mod first_run;
mod first_start;
mod getting_around;
mod keyboard;
mod large;
mod layout;
mod log;
mod meeting;
mod member_sheet;
mod minutes;
mod organisations;
mod outlines;
mod overview;
mod plans;
mod reminders;
mod seed;
mod sessions;
mod trail;
mod words;
