//! Topic groups (*nhóm vấn đề*): the orientation a topic belongs to. The five the guidance
//! names are offered to everyone; an organisation can add its own, which its cells see too.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::organisation::{self, OrganisationId, Placement};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct TopicGroupId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopicGroup {
    pub id: TopicGroupId,
    pub name: String,
    /// None for the groups every organisation has.
    pub organisation_id: Option<OrganisationId>,
}

/// The groups an organisation may use: the common ones, its own, and (for a cell) its đảng bộ's.
pub(crate) fn available(conn: &Connection, org: OrganisationId) -> Result<Vec<TopicGroup>> {
    let parent = match organisation::get(conn, org)?.placement {
        Placement::Cell { parent_id } => Some(parent_id.0),
        Placement::PartyCommitteeOrg { .. } => None,
    };
    let mut stmt = conn.prepare(
        "SELECT id, name, organisation_id FROM topic_group
          WHERE organisation_id IS NULL OR organisation_id = ?1 OR organisation_id = ?2
          ORDER BY organisation_id IS NOT NULL, sort_order, name",
    )?;
    let rows = stmt.query_map(params![org.0, parent], |r| {
        Ok(TopicGroup {
            id: TopicGroupId(r.get(0)?),
            name: r.get(1)?,
            organisation_id: r.get::<_, Option<i64>>(2)?.map(OrganisationId),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Database {
    pub fn topic_groups(&self, org: OrganisationId) -> Result<Vec<TopicGroup>> {
        self.read(|c| available(c, org))
    }

    pub fn create_topic_group(&self, org: OrganisationId, name: &str) -> Result<TopicGroup> {
        self.require(crate::permission::Action::EditOrganisations)?;
        let name = text::clean(name);
        if name.is_empty() {
            return Err(Error::invalid(Field::Name, "Hãy nhập tên nhóm vấn đề."));
        }
        self.write(|tx| {
            organisation::get(tx, org)?;
            let key = text::identity_key(&name);
            let clash: Option<String> = tx
                .query_row(
                    "SELECT name FROM topic_group WHERE name_key = ?1
                        AND (organisation_id IS NULL OR organisation_id = ?2)",
                    params![key, org.0],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = clash {
                return Err(Error::invalid(
                    Field::Name,
                    format!("Đã có nhóm vấn đề “{existing}”."),
                ));
            }
            tx.execute(
                "INSERT INTO topic_group (organisation_id, name, name_key, sort_order)
                 VALUES (?1, ?2, ?3, (SELECT ifnull(max(sort_order), 0) + 1 FROM topic_group))",
                params![org.0, name, key],
            )?;
            let id = TopicGroupId(tx.last_insert_rowid());
            audit::record(
                tx,
                Change::new(Subject::Organisation(org.0), "Thêm nhóm vấn đề").to(name.clone()),
            )?;
            Ok(TopicGroup {
                id,
                name,
                organisation_id: Some(org),
            })
        })
    }
}
