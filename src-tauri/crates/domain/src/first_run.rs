//! The first start on a workstation (*thiết lập lần đầu*): the organisation this machine keeps
//! the records of, who uses the machine, and whether to look around in the demonstration data
//! first or start empty.
//!
//! The library decides whether the set-up is needed ([`Database::setup_needed`]: a database
//! that has never had an organisation) and makes it in one transaction
//! ([`Database::complete_setup`]); the window only shows the form. The demonstration data lives
//! in a database of its own (see [`crate::demo::start_demo`]), so that removing it removes
//! exactly it and nothing the secretary typed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::organisation::{Organisation, OrganisationDraft, Placement};
use crate::text;

/// The longest place name and document symbol the set-up takes (the settings take the same).
const MAX_PLACE_CHARS: usize = 100;
const MAX_SYMBOL_CHARS: usize = 20;

/// What kind of organisation this workstation keeps the records of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupKind {
    /// *Đảng bộ*: its cấp trên is named as text.
    PartyCommitteeOrg,
    /// *Chi bộ*: its đảng bộ is made too (a cell belongs to one), under the đảng bộ's cấp trên.
    Cell,
}

/// How the secretary starts once the organisation is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupStart {
    /// The demonstration data, to look around; removable in one step.
    Demo,
    /// Their own organisation, empty.
    Empty,
}

/// What the set-up form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupDraft {
    pub kind: SetupKind,
    /// The organisation's name: "Chi bộ Công báo - Nhà khách".
    pub name: String,
    /// The organisation above it, printed over its name in its documents: for a đảng bộ its
    /// cấp trên ("Đảng ủy Các cơ quan tỉnh"), for a cell its đảng bộ ("Đảng bộ Văn phòng UBND
    /// tỉnh").
    pub parent_name: String,
    /// A cell's đảng bộ's own cấp trên (its record needs one); ignored for a đảng bộ.
    pub superior_name: String,
    /// The place in the date line of documents: "Quảng Ninh".
    pub place_name: String,
    /// The symbol in document numbers: "CB" in "05-BB/CB".
    pub document_symbol: String,
    /// Who uses this machine: the administrator's full name ("who" in the trail).
    pub user_name: String,
    /// The administrator's sign-in name and password (the first account: see `account`).
    pub username: String,
    pub password: String,
    /// The password typed again, to catch a typing slip in a password nobody else knows.
    pub password_again: String,
    pub start: SetupStart,
}

/// What the set-up made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupDone {
    /// The organisation this workstation keeps (a cell's đảng bộ is made too, but the window
    /// opens on the cell).
    pub organisation: Organisation,
    pub start: SetupStart,
}

/// Cleans a required text, refusing it empty or too long.
fn required(value: &str, field: Field, empty: &str, max: usize) -> Result<String> {
    let value = text::clean(value);
    if value.is_empty() {
        return Err(Error::invalid(field, empty));
    }
    if text::char_len(&value) > max {
        return Err(Error::invalid(
            field,
            format!("Quá dài (tối đa {max} ký tự)."),
        ));
    }
    Ok(value)
}

impl Database {
    /// Whether the window opens on the set-up: the database has never had an organisation (one
    /// dissolved since still counts: that workstation was set up).
    pub fn setup_needed(&self) -> Result<bool> {
        self.read(|c| {
            Ok(
                !c.query_row("SELECT EXISTS (SELECT 1 FROM organisation)", [], |r| {
                    r.get::<_, bool>(0)
                })?,
            )
        })
    }

    /// Makes the workstation's organisation (and a cell's đảng bộ), its document settings and
    /// who uses the machine — the first account, an administrator, signed in through this
    /// handle —, all or nothing. Refused once the set-up was done.
    pub fn complete_setup(&self, draft: &SetupDraft) -> Result<SetupDone> {
        // Every field is checked before anything is written, so the form answers them together
        // in the order shown.
        let place = required(
            &draft.place_name,
            Field::PlaceName,
            "Hãy nhập địa danh ghi trước ngày tháng của văn bản (ví dụ: Quảng Ninh).",
            MAX_PLACE_CHARS,
        )?;
        let symbol = required(
            &draft.document_symbol,
            Field::DocumentSymbol,
            "Hãy nhập ký hiệu của tổ chức trong số văn bản (ví dụ: CB trong “Số 05-BB/CB”).",
            MAX_SYMBOL_CHARS,
        )?;
        let user = required(
            &draft.user_name,
            Field::ProfileName,
            "Hãy nhập họ tên của người dùng máy này.",
            120,
        )?;
        if draft.password != draft.password_again {
            return Err(Error::invalid(
                Field::PasswordAgain,
                "Hai lần nhập mật khẩu không khớp: hãy gõ lại cho giống nhau.",
            ));
        }
        if draft.kind == SetupKind::Cell && text::clean(&draft.superior_name).is_empty() {
            return Err(Error::invalid(
                Field::SuperiorName,
                "Hãy nhập cấp trên của đảng bộ (ví dụ: Đảng ủy Các cơ quan tỉnh).",
            ));
        }
        let (done, acting) = self.batch(|db| {
            if !db.setup_needed()? {
                return Err(Error::invalid(
                    Field::Name,
                    "Máy này đã được thiết lập: hãy sửa tổ chức trong mục Tổ chức & Đảng viên.",
                ));
            }
            // Who uses the machine is its first account, the administrator, signed in to make
            // the rest (data whose accounts were made before, by the CLI, needs one signed in).
            if !db.accounts_exist()? {
                db.create_first_administrator(&draft.username, &user, &draft.password)
                    .map_err(|e| match e {
                        // The administrator's name is the form's "who uses the machine".
                        Error::Invalid {
                            field: Field::DisplayName,
                            message,
                        } => Error::invalid(Field::ProfileName, message),
                        other => other,
                    })?;
            }
            let organisation = match draft.kind {
                SetupKind::PartyCommitteeOrg => db.create_organisation(&OrganisationDraft {
                    name: draft.name.clone(),
                    placement: Placement::PartyCommitteeOrg {
                        superior_name: draft.parent_name.clone(),
                    },
                })?,
                SetupKind::Cell => {
                    let committee = db
                        .create_organisation(&OrganisationDraft {
                            name: draft.parent_name.clone(),
                            placement: Placement::PartyCommitteeOrg {
                                superior_name: draft.superior_name.clone(),
                            },
                        })
                        .map_err(|e| match e {
                            // The đảng bộ's name is the cell's parent field on the form.
                            Error::Invalid {
                                field: Field::Name,
                                message,
                            } => Error::invalid(Field::ParentId, message),
                            other => other,
                        })?;
                    db.create_organisation(&OrganisationDraft {
                        name: draft.name.clone(),
                        placement: Placement::Cell {
                            parent_id: committee.id,
                        },
                    })?
                }
            };
            let mut settings = db.organisation_settings(organisation.id)?;
            settings.place_name = place.clone();
            settings.document_symbol = symbol.clone();
            db.set_organisation_settings(organisation.id, settings)?;
            let done = SetupDone {
                organisation,
                start: draft.start,
            };
            Ok((done, db.acting()))
        })?;
        // The administrator signed in inside the transaction acts through this handle now.
        self.set_acting(acting);
        Ok(done)
    }
}
