//! Settings of this workstation, kept in the database file with everything else.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::organisation::OrganisationId;
use crate::text;

const PROFILE_NAME: &str = "profile_name";
const LAST_PLACE: &str = "last_place";

/// The window's main screens, one per section of its navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Screen {
    /// Tổ chức & Đảng viên: where a first start begins, to set up the đảng bộ and its cells.
    #[default]
    Organisations,
    /// Tổng quan: the committee's overview — compliance with the guidance per cell and quarter.
    Overview,
    Plans,
    Sessions,
    Documents,
    /// Phê duyệt: what waits for the committee, and what it decided.
    Approvals,
    /// Trao đổi: packages sent and received, the cells' view built from them (issue 15).
    Exchange,
    Settings,
}

/// Where the window opens: Tổng quan (what needs doing) once there is an organisation, on the
/// organisation last chosen, so that a cell secretary does not pick her cell again every time.
/// The screen last used is stored too, but only the organisation is reopened (issue 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Place {
    pub screen: Screen,
    /// None until one is chosen, or when the one chosen was retired since.
    pub organisation_id: Option<OrganisationId>,
}

thread_local! {
    /// Who the demonstration data says did each step (see [`acting_as`]); None otherwise.
    static ACTING_AS: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with `name` as the actor of every change it makes on this thread, then puts back the
/// actor before. Only the demonstration data uses it, so that its history reads as a cell's
/// does (the secretary plans, the assigned member brings in the outline, the meeting secretary
/// takes the minutes) instead of one unnamed workstation; it writes no setting and leaves no
/// trail of its own.
pub(crate) fn acting_as<T>(name: &str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            ACTING_AS.with(|a| *a.borrow_mut() = before);
        }
    }
    let _restore = Restore(ACTING_AS.with(|a| a.borrow_mut().replace(name.to_string())));
    f()
}

/// Whether the library is writing its own demonstration data on this thread (as the people it
/// names, see [`acting_as`]): the roles of accounts do not apply to it.
pub(crate) fn generating() -> bool {
    ACTING_AS.with(|a| a.borrow().is_some())
}

/// Who is recorded in the audit trail while no name has been chosen in Settings.
pub const UNNAMED_PROFILE: &str = "Người dùng máy trạm (chưa đặt tên)";

/// "Who" in the audit trail: the account signed in ("Trần Thị An (an.tt)"); on data without
/// accounts, the name of the person working at this workstation, set in Settings, as before
/// accounts (earlier entries keep the names they were written with).
pub(crate) fn actor(conn: &Connection) -> Result<String> {
    if let Some(name) = ACTING_AS.with(|a| a.borrow().clone()) {
        return Ok(name);
    }
    if let Some(acting) = crate::account::current() {
        return Ok(acting.trail_name);
    }
    let name: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [PROFILE_NAME],
            |r| r.get(0),
        )
        .optional()?;
    Ok(name
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| UNNAMED_PROFILE.to_string()))
}

impl Database {
    pub fn profile_name(&self) -> Result<Option<String>> {
        self.read(|c| {
            Ok(c.query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [PROFILE_NAME],
                |r| r.get(0),
            )
            .optional()?)
        })
    }

    pub fn set_profile_name(&self, name: &str) -> Result<String> {
        self.require(crate::permission::Action::ChangeWorkstation)?;
        let name = text::clean(name);
        if name.is_empty() {
            return Err(Error::invalid(
                Field::ProfileName,
                "Hãy nhập họ tên của người dùng máy này.",
            ));
        }
        if text::char_len(&name) > 120 {
            return Err(Error::invalid(
                Field::ProfileName,
                "Họ tên quá dài (tối đa 120 ký tự).",
            ));
        }
        self.write(|tx| {
            // Recorded before the change: "who" is the name in use until now.
            audit::record(
                tx,
                Change::new(Subject::Workstation, "Đặt tên người dùng máy")
                    .from(actor(tx)?)
                    .to(name.clone()),
            )?;
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![PROFILE_NAME, name],
            )?;
            Ok(name)
        })
    }

    /// The place the window opens on: Tổng quan with the organisation last chosen (issue 16:
    /// the home screen says what needs doing), except while no organisation is active (a first
    /// start), where the organisations screen is where one begins. An organisation retired or
    /// gone since is forgotten (the screens then choose as on a first start); an unreadable
    /// record reads as a first start.
    pub fn last_place(&self) -> Result<Place> {
        self.read(|c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT value FROM setting WHERE key = ?1",
                    [LAST_PLACE],
                    |r| r.get(0),
                )
                .optional()?;
            let mut place: Place = json
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default();
            if let Some(id) = place.organisation_id {
                let active: Option<bool> = c
                    .query_row(
                        "SELECT retired_on IS NULL FROM organisation WHERE id = ?1",
                        [id.0],
                        |r| r.get(0),
                    )
                    .optional()?;
                if active != Some(true) {
                    place.organisation_id = None;
                }
            }
            let any_active: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM organisation WHERE retired_on IS NULL)",
                [],
                |r| r.get(0),
            )?;
            place.screen = if any_active {
                Screen::Overview
            } else {
                Screen::Organisations
            };
            Ok(place)
        })
    }

    /// Remembers where the secretary is working (each change of screen or organisation). Not in
    /// the audit trail: it is where the window was, not a change to the data.
    pub fn set_last_place(&self, place: &Place) -> Result<()> {
        let json =
            serde_json::to_string(place).map_err(|e| Error::invalid(Field::Text, e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LAST_PLACE, json],
            )?;
            Ok(())
        })
    }
}
