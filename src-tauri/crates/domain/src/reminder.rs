//! Reminders (*nhắc việc*, issue 16): a week before a planned session, and when a topic's outline
//! is late. The library decides which are due on a day; the window lists them on Tổng quan and
//! shows each once as a notification of the system, remembering in the database which were
//! shown (so a restart does not show them again). Switchable for the workstation in Cài đặt.
//!
//! A topic's session is on its planned date, or, without one, on the last day of its quarter —
//! the same date the overview and the plan use. A reminder is named by its topic and that date:
//! a topic moved to another date reminds again for the new one.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit;
use crate::db::{now, Database};
use crate::error::Result;
use crate::organisation::OrganisationId;
use crate::plan::Quarter;
use crate::settings::Screen;
use crate::topic::TopicId;
use crate::topic_state::TopicState;

/// How many days before a session its reminder comes.
pub const DAYS_BEFORE_SESSION: i64 = 7;

const SETTING: &str = "reminders";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Sắp đến buổi sinh hoạt: the session is within a week.
    SessionSoon,
    /// Đề cương chậm: no outline by the topic's date.
    OutlineLate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reminder {
    /// What the reminder is, to remember that it was shown: kind, topic and date.
    pub key: String,
    pub kind: ReminderKind,
    /// The session's date (for a late outline, the date it was due).
    pub on: NaiveDate,
    /// The notification's title, in Vietnamese.
    pub title: String,
    /// What and where, in Vietnamese.
    pub text: String,
    pub organisation_id: OrganisationId,
    pub topic_id: TopicId,
    /// Where it is dealt with.
    pub screen: Screen,
    /// Already shown as a notification.
    pub shown: bool,
}

fn key(kind: ReminderKind, topic: i64, on: NaiveDate) -> String {
    let kind = match kind {
        ReminderKind::SessionSoon => "session_soon",
        ReminderKind::OutlineLate => "outline_late",
    };
    format!("{kind}:{topic}:{on}")
}

/// What the window shows: the reminders due today, none while they are switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reminders {
    pub enabled: bool,
    pub items: Vec<Reminder>,
}

impl Database {
    /// The reminders due today in every active organisation, none while switched off.
    pub fn reminders(&self) -> Result<Reminders> {
        let enabled = self.reminders_enabled()?;
        let items = if enabled {
            self.reminders_on(self.today())?
        } else {
            Vec::new()
        };
        Ok(Reminders { enabled, items })
    }

    /// The reminders due today not shown yet as notifications (none while switched off).
    pub fn reminders_to_notify(&self) -> Result<Vec<Reminder>> {
        Ok(self
            .reminders()?
            .items
            .into_iter()
            .filter(|r| !r.shown)
            .collect())
    }

    /// The reminders due on `today`, soonest date first: sessions from today to a week ahead
    /// whose topic is still before its session, and outlines not in by their topic's date (this
    /// year and last), each marked if it was already shown.
    pub fn reminders_on(&self, today: NaiveDate) -> Result<Vec<Reminder>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT t.id, t.title, t.quarter, t.planned_on, t.state, p.year, o.id, o.name,
                        EXISTS (SELECT 1 FROM outline_version v WHERE v.topic_id = t.id)
                   FROM topic t JOIN plan p ON p.id = t.plan_id
                   JOIN organisation o ON o.id = p.organisation_id
                  WHERE o.retired_on IS NULL AND p.year BETWEEN ?1 - 1 AND ?1
                  ORDER BY t.id",
            )?;
            let rows = stmt.query_map(params![today.year()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u8>(2)?,
                    r.get::<_, Option<NaiveDate>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i32>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, bool>(8)?,
                ))
            })?;
            let mut due = Vec::new();
            for row in rows {
                let (topic, title, quarter, planned_on, state, year, org, org_name, has_outline) =
                    row?;
                let (Some(quarter), Some(state)) = (Quarter::new(quarter), TopicState::parse(&state))
                else {
                    continue;
                };
                let on = planned_on.unwrap_or_else(|| quarter.last_day(year));
                let mut remind = |kind, title_text: &str, text: String| {
                    due.push(Reminder {
                        key: key(kind, topic, on),
                        kind,
                        on,
                        title: title_text.to_string(),
                        text,
                        organisation_id: OrganisationId(org),
                        topic_id: TopicId(topic),
                        screen: Screen::Plans,
                        shown: false,
                    })
                };
                let no_outline_yet =
                    matches!(state, TopicState::Planned | TopicState::Drafting) && !has_outline;
                if no_outline_yet && on < today {
                    remind(
                        ReminderKind::OutlineLate,
                        "Đề cương chậm",
                        format!(
                            "Chuyên đề “{title}” ({org_name}) chưa có đề cương, hạn ngày {}.",
                            audit::date(on)
                        ),
                    );
                } else if state.before_session()
                    && on >= today
                    && on <= today + Duration::days(DAYS_BEFORE_SESSION)
                {
                    let days = (on - today).num_days();
                    let when = match days {
                        0 => "hôm nay".to_string(),
                        1 => "ngày mai".to_string(),
                        n => format!("còn {n} ngày"),
                    };
                    remind(
                        ReminderKind::SessionSoon,
                        "Sắp đến buổi sinh hoạt chuyên đề",
                        format!(
                            "Chuyên đề “{title}” ({org_name}) sinh hoạt ngày {} ({when}).",
                            audit::date(on)
                        ),
                    );
                }
            }
            for r in &mut due {
                r.shown = c
                    .query_row("SELECT 1 FROM reminder_shown WHERE key = ?1", [&r.key], |_| Ok(()))
                    .optional()?
                    .is_some();
            }
            due.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.key.cmp(&b.key)));
            Ok(due)
        })
    }

    /// Remembers that these reminders were shown, so that each is shown once. Not in the audit
    /// trail: it is what the window did, not a change to the data.
    pub fn mark_reminders_shown(&self, keys: &[String]) -> Result<()> {
        self.write(|tx| {
            let at = now();
            for key in keys {
                tx.execute(
                    "INSERT INTO reminder_shown (key, shown_at) VALUES (?1, ?2)
                     ON CONFLICT (key) DO NOTHING",
                    params![key, at],
                )?;
            }
            Ok(())
        })
    }

    /// Whether this workstation shows reminders (on unless switched off in Cài đặt).
    pub fn reminders_enabled(&self) -> Result<bool> {
        self.read(|c| {
            let value: Option<String> = c
                .query_row("SELECT value FROM setting WHERE key = ?1", [SETTING], |r| r.get(0))
                .optional()?;
            Ok(value.as_deref() != Some("off"))
        })
    }

    pub fn set_reminders_enabled(&self, enabled: bool) -> Result<bool> {
        self.require(crate::permission::Action::ChangeWorkstation)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![SETTING, if enabled { "on" } else { "off" }],
            )?;
            Ok(enabled)
        })
    }
}
