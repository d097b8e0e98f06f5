#![allow(dead_code)] // each test file uses a part of this

use chuyende::member::{Member, MemberDraft, Position, Standing};
use chuyende::organisation::{Organisation, OrganisationDraft, Placement};
use chuyende::Database;

/// A database in a fresh temporary folder, deleted with the returned guard.
pub fn fresh() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Database::open_in(dir.path()).expect("a new database opens");
    (dir, db)
}

pub fn committee(db: &Database, name: &str) -> Organisation {
    db.create_organisation(&OrganisationDraft {
        name: name.into(),
        placement: Placement::PartyCommitteeOrg {
            superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
        },
    })
    .expect("đảng bộ created")
}

pub fn cell(db: &Database, parent: &Organisation, name: &str) -> Organisation {
    db.create_organisation(&OrganisationDraft {
        name: name.into(),
        placement: Placement::Cell {
            parent_id: parent.id,
        },
    })
    .expect("chi bộ created")
}

pub fn draft(cell: &Organisation, full_name: &str, position: Position) -> MemberDraft {
    MemberDraft {
        organisation_id: cell.id,
        full_name: full_name.into(),
        position,
        standing: Standing::Full,
    }
}

pub fn member(db: &Database, cell: &Organisation, full_name: &str) -> Member {
    db.create_member(&draft(cell, full_name, Position::Member))
        .expect("member created")
}
