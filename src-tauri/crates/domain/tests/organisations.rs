//! The rules for đảng bộ and chi bộ.

mod common;

use chrono::NaiveDate;
use chuyende::organisation::{OrganisationDraft, Placement};
use chuyende::{Error, Field};

fn field_of(err: Error) -> (Field, String) {
    match err {
        Error::Invalid { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn count(db: &chuyende::Database) -> usize {
    db.organisations(true).unwrap().len()
}

#[test]
fn an_organisation_needs_a_name_and_a_blank_one_changes_nothing() {
    let (_dir, db) = common::fresh();
    let err = db
        .create_organisation(&OrganisationDraft {
            name: "   ".into(),
            placement: Placement::PartyCommitteeOrg {
                superior_name: "Đảng ủy Khối".into(),
            },
        })
        .unwrap_err();
    let (field, message) = field_of(err);
    assert_eq!(field, Field::Name);
    assert!(message.contains("tên tổ chức"), "{message}");
    assert_eq!(count(&db), 0, "nothing was saved");
}

#[test]
fn a_party_committee_org_must_name_its_superior_for_document_headers() {
    let (_dir, db) = common::fresh();
    let err = db
        .create_organisation(&OrganisationDraft {
            name: "Đảng bộ Sở Tài chính".into(),
            placement: Placement::PartyCommitteeOrg {
                superior_name: "".into(),
            },
        })
        .unwrap_err();
    assert_eq!(field_of(err).0, Field::SuperiorName);
}

#[test]
fn a_cell_belongs_to_an_existing_party_committee_org_and_takes_its_name_as_header() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    assert_eq!(cell.parent_name, "Đảng bộ Văn phòng UBND tỉnh");
    assert_eq!(org.parent_name, "Đảng ủy Các cơ quan tỉnh");

    let under_a_cell = db.create_organisation(&OrganisationDraft {
        name: "Chi bộ con".into(),
        placement: Placement::Cell { parent_id: cell.id },
    });
    assert_eq!(
        field_of(under_a_cell.unwrap_err()).0,
        Field::ParentId,
        "a cell cannot hold cells"
    );
    let nowhere = db.create_organisation(&OrganisationDraft {
        name: "Chi bộ mồ côi".into(),
        placement: Placement::Cell {
            parent_id: chuyende::organisation::OrganisationId(4242),
        },
    });
    assert_eq!(field_of(nowhere.unwrap_err()).0, Field::ParentId);
    assert_eq!(count(&db), 2);
}

#[test]
fn two_cells_of_one_party_committee_org_cannot_share_a_name_however_it_is_typed() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    common::cell(&db, &org, "Chi bộ Tổng hợp");
    let decomposed: String = unicode_nfd("  chi bộ   TỔNG hợp ");
    let err = db
        .create_organisation(&OrganisationDraft {
            name: decomposed,
            placement: Placement::Cell { parent_id: org.id },
        })
        .unwrap_err();
    let (field, message) = field_of(err);
    assert_eq!(field, Field::Name);
    assert!(message.contains("Chi bộ Tổng hợp"), "{message}");
    // The same name under another đảng bộ is fine.
    let other = common::committee(&db, "Đảng bộ Sở Tư pháp");
    common::cell(&db, &other, "Chi bộ Tổng hợp");
}

fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

#[test]
fn editing_renames_and_keeps_the_kind() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ 1");
    let renamed = db
        .update_organisation(
            cell.id,
            &OrganisationDraft {
                name: "Chi bộ Nội chính".into(),
                placement: Placement::Cell { parent_id: org.id },
            },
        )
        .unwrap();
    assert_eq!(renamed.name, "Chi bộ Nội chính");
    let err = db
        .update_organisation(
            cell.id,
            &OrganisationDraft {
                name: "Chi bộ Nội chính".into(),
                placement: Placement::PartyCommitteeOrg {
                    superior_name: "X".into(),
                },
            },
        )
        .unwrap_err();
    assert_eq!(field_of(err).0, Field::Kind);
    assert_eq!(
        db.organisation(cell.id).unwrap().name,
        "Chi bộ Nội chính",
        "the refused edit changed nothing"
    );
}

#[test]
fn an_organisation_with_active_members_or_cells_cannot_be_retired() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let member = common::member(&db, &cell, "Trần Văn Bình");
    let day = NaiveDate::from_ymd_opt(2024, 6, 6).unwrap();

    assert!(field_of(db.retire_organisation(org.id, day).unwrap_err())
        .1
        .contains("chi bộ đang hoạt động"));
    assert!(field_of(db.retire_organisation(cell.id, day).unwrap_err())
        .1
        .contains("đảng viên đang sinh hoạt"));

    db.record_departure(
        member.id,
        &chuyende::member::Departure {
            moved_on: day,
            note: "Nghỉ hưu".into(),
        },
    )
    .unwrap();
    let retired = db
        .retire_organisation(cell.id, day)
        .expect("an empty cell can be retired");
    assert_eq!(retired.retired_on, Some(day));
    assert!(
        db.organisations(false)
            .unwrap()
            .iter()
            .all(|o| o.id != cell.id),
        "retired cells leave the list"
    );
    assert!(
        db.organisations(true)
            .unwrap()
            .iter()
            .any(|o| o.id == cell.id),
        "but are kept"
    );
    db.retire_organisation(org.id, day)
        .expect("a đảng bộ without active cells can be retired");
}
