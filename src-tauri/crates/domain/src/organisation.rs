//! Organisations: a *đảng bộ* (party committee organisation) with the *chi bộ* (cells) under it.
//!
//! A đảng bộ names its *cấp trên* (the organisation above, printed at the top left of its
//! documents) as text, since that organisation is not managed here; a cell belongs to a đảng bộ,
//! whose name heads the cell's documents.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::text;

pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct OrganisationId(pub i64);

/// Where an organisation stands, which is also what kind it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Placement {
    /// *Đảng bộ*: names the organisation above it (*cấp trên*).
    PartyCommitteeOrg { superior_name: String },
    /// *Chi bộ*: belongs to a đảng bộ.
    Cell { parent_id: OrganisationId },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    #[serde(flatten)]
    pub placement: Placement,
    /// The header line above this organisation's own name in its documents: the cấp trên of a
    /// đảng bộ, the đảng bộ of a cell.
    pub parent_name: String,
    /// Set when the organisation was dissolved or merged; it is kept for its history.
    pub retired_on: Option<NaiveDate>,
    /// Members still active in it (for a đảng bộ: in all its active cells).
    pub active_members: i64,
}

/// What a form sends to create or edit an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganisationDraft {
    pub name: String,
    #[serde(flatten)]
    pub placement: Placement,
}

const SELECT: &str = "
    SELECT o.id, o.name, o.kind, o.parent_id, o.superior_name, o.retired_on,
           coalesce(p.name, o.superior_name) AS parent_name,
           (SELECT count(*) FROM member m JOIN organisation c ON c.id = m.organisation_id
             WHERE m.moved_on IS NULL AND (c.id = o.id OR (c.parent_id = o.id AND c.retired_on IS NULL))
           ) AS active_members
      FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id";

fn from_row(r: &Row) -> rusqlite::Result<Organisation> {
    let kind: String = r.get("kind")?;
    let placement = if kind == "cell" {
        Placement::Cell {
            parent_id: OrganisationId(r.get("parent_id")?),
        }
    } else {
        Placement::PartyCommitteeOrg {
            superior_name: r.get("superior_name")?,
        }
    };
    Ok(Organisation {
        id: OrganisationId(r.get("id")?),
        name: r.get("name")?,
        placement,
        parent_name: r.get("parent_name")?,
        retired_on: r.get("retired_on")?,
        active_members: r.get("active_members")?,
    })
}

pub(crate) fn get(conn: &Connection, id: OrganisationId) -> Result<Organisation> {
    conn.query_row(&format!("{SELECT} WHERE o.id = ?1"), [id.0], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "tổ chức đảng",
            id: id.0,
        })
}

/// A cleaned, checked draft, ready to store.
struct Checked {
    name: String,
    name_key: String,
    kind: &'static str,
    parent_id: Option<i64>,
    superior_name: Option<String>,
}

fn check(
    conn: &Connection,
    draft: &OrganisationDraft,
    editing: Option<OrganisationId>,
) -> Result<Checked> {
    let name = text::clean(&draft.name);
    if name.is_empty() {
        return Err(Error::invalid(Field::Name, "Hãy nhập tên tổ chức đảng."));
    }
    if text::char_len(&name) > MAX_NAME_CHARS {
        return Err(Error::invalid(
            Field::Name,
            format!("Tên quá dài (tối đa {MAX_NAME_CHARS} ký tự)."),
        ));
    }
    let (kind, parent_id, superior_name) = match &draft.placement {
        Placement::PartyCommitteeOrg { superior_name } => {
            let superior = text::clean(superior_name);
            if superior.is_empty() {
                return Err(Error::invalid(
                    Field::SuperiorName,
                    "Hãy nhập tên cấp trên của đảng bộ (ví dụ: Đảng ủy Các cơ quan tỉnh); tên này in ở đầu văn bản.",
                ));
            }
            if text::char_len(&superior) > MAX_NAME_CHARS {
                return Err(Error::invalid(
                    Field::SuperiorName,
                    format!("Tên quá dài (tối đa {MAX_NAME_CHARS} ký tự)."),
                ));
            }
            ("party_committee_org", None, Some(superior))
        }
        Placement::Cell { parent_id } => {
            let parent = get(conn, *parent_id)
                .map_err(|_| Error::invalid(Field::ParentId, "Hãy chọn đảng bộ của chi bộ."))?;
            if !matches!(parent.placement, Placement::PartyCommitteeOrg { .. })
                || parent.retired_on.is_some()
            {
                return Err(Error::invalid(
                    Field::ParentId,
                    "Chi bộ phải thuộc một đảng bộ đang hoạt động.",
                ));
            }
            ("cell", Some(parent_id.0), None)
        }
    };

    if let Some(id) = editing {
        let current = get(conn, id)?;
        let same_kind = matches!(
            (&current.placement, &draft.placement),
            (Placement::Cell { .. }, Placement::Cell { .. })
                | (
                    Placement::PartyCommitteeOrg { .. },
                    Placement::PartyCommitteeOrg { .. }
                )
        );
        if !same_kind {
            return Err(Error::invalid(
                Field::Kind,
                "Không thể đổi đảng bộ thành chi bộ hay ngược lại; hãy tạo tổ chức mới.",
            ));
        }
    }

    let name_key = text::identity_key(&name);
    let clash: Option<String> = conn
        .query_row(
            "SELECT name FROM organisation
              WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name_key = ?2
                AND retired_on IS NULL AND id <> ifnull(?3, -1)",
            params![parent_id, name_key, editing.map(|i| i.0)],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = clash {
        let message = match parent_id {
            Some(_) => format!("Đảng bộ này đã có chi bộ “{existing}”."),
            None => format!("Đã có đảng bộ “{existing}”."),
        };
        return Err(Error::invalid(Field::Name, message));
    }
    Ok(Checked {
        name,
        name_key,
        kind,
        parent_id,
        superior_name,
    })
}

impl Database {
    /// All organisations, đảng bộ first, each followed by its cells, by name.
    pub fn organisations(&self, include_retired: bool) -> Result<Vec<Organisation>> {
        self.read(|c| {
            let sql = format!(
                "{SELECT} WHERE (?1 OR o.retired_on IS NULL)
                 ORDER BY coalesce(p.name, o.name), o.parent_id IS NOT NULL, o.name"
            );
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map([include_retired], from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    pub fn organisation(&self, id: OrganisationId) -> Result<Organisation> {
        self.read(|c| get(c, id))
    }

    pub fn create_organisation(&self, draft: &OrganisationDraft) -> Result<Organisation> {
        self.require(crate::permission::Action::EditOrganisations)?;
        self.write(|tx| {
            let ok = check(tx, draft, None)?;
            let at = now();
            tx.execute(
                "INSERT INTO organisation (kind, name, name_key, parent_id, superior_name, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![ok.kind, ok.name, ok.name_key, ok.parent_id, ok.superior_name, at],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, Change::new(Subject::Organisation(id), "Thêm tổ chức").to(ok.name.clone()))?;
            get(tx, OrganisationId(id))
        })
    }

    pub fn update_organisation(
        &self,
        id: OrganisationId,
        draft: &OrganisationDraft,
    ) -> Result<Organisation> {
        self.require(crate::permission::Action::EditOrganisations)?;
        self.write(|tx| {
            let ok = check(tx, draft, Some(id))?;
            if ok.parent_id == Some(id.0) {
                return Err(Error::invalid(Field::ParentId, "Một tổ chức không thể trực thuộc chính nó."));
            }
            tx.execute(
                "UPDATE organisation SET name = ?2, name_key = ?3, parent_id = ?4, superior_name = ?5, updated_at = ?6
                  WHERE id = ?1",
                params![id.0, ok.name, ok.name_key, ok.parent_id, ok.superior_name, now()],
            )?;
            audit::record(tx, Change::new(Subject::Organisation(id.0), "Sửa thông tin tổ chức").to(ok.name.clone()))?;
            get(tx, id)
        })
    }

    /// Marks a dissolved or merged organisation as retired. Its history stays; it leaves the
    /// lists. Refused while it still has active members or cells, which must move first.
    pub fn retire_organisation(&self, id: OrganisationId, on: NaiveDate) -> Result<Organisation> {
        self.require(crate::permission::Action::EditOrganisations)?;
        self.write(|tx| {
            let org = get(tx, id)?;
            if org.retired_on.is_some() {
                return Err(Error::invalid(Field::Name, "Tổ chức này đã ngừng hoạt động."));
            }
            let active_cells: i64 = tx.query_row(
                "SELECT count(*) FROM organisation WHERE parent_id = ?1 AND retired_on IS NULL",
                [id.0],
                |r| r.get(0),
            )?;
            if active_cells > 0 {
                return Err(Error::invalid(
                    Field::Name,
                    format!("Đảng bộ còn {active_cells} chi bộ đang hoạt động; hãy giải thể hoặc chuyển các chi bộ trước."),
                ));
            }
            if org.active_members > 0 {
                return Err(Error::invalid(
                    Field::Name,
                    format!("Chi bộ còn {} đảng viên đang sinh hoạt; hãy chuyển sinh hoạt cho họ trước.", org.active_members),
                ));
            }
            tx.execute(
                "UPDATE organisation SET retired_on = ?2, updated_at = ?3 WHERE id = ?1",
                params![id.0, on, now()],
            )?;
            audit::record(tx, Change::new(Subject::Organisation(id.0), "Ngừng hoạt động").to(audit::date(on)))?;
            get(tx, id)
        })
    }
}
