//! The rules for đảng viên.

mod common;

use chrono::NaiveDate;
use chuyende::member::{Departure, MemberStatus, Position, Standing};
use chuyende::{Error, Field};

fn field_of(err: Error) -> (Field, String) {
    match err {
        Error::Invalid { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn a_member_needs_a_name() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let err = db
        .create_member(&common::draft(&cell, " \t ", Position::Member))
        .unwrap_err();
    assert_eq!(field_of(err).0, Field::FullName);
    assert!(
        db.members(Some(cell.id), true).unwrap().is_empty(),
        "nothing was saved"
    );
}

#[test]
fn the_same_person_cannot_be_added_twice_to_a_cell_whatever_the_keyboard() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    common::member(&db, &cell, "Nguyễn Thị Lan");
    use unicode_normalization::UnicodeNormalization;
    let decomposed: String = "nguyễn thị  lan".nfd().collect();
    let (field, message) = field_of(
        db.create_member(&common::draft(&cell, &decomposed, Position::Member))
            .unwrap_err(),
    );
    assert_eq!(field, Field::FullName);
    assert!(
        message.contains("đã có đảng viên “Nguyễn Thị Lan”"),
        "{message}"
    );
    assert_eq!(db.members(Some(cell.id), true).unwrap().len(), 1);
    // Another cell may have a namesake, and so may this cell once the first has moved away.
    let other = common::cell(&db, &org, "Chi bộ Nội chính");
    common::member(&db, &other, "Nguyễn Thị Lan");
}

#[test]
fn names_are_stored_in_nfc_with_clean_spacing() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    use unicode_normalization::UnicodeNormalization;
    let typed: String = "  Đặng   Quang Hải ".nfd().collect();
    let m = common::member(&db, &cell, &typed);
    assert_eq!(m.full_name, "Đặng Quang Hải");
}

#[test]
fn members_belong_to_an_active_cell_not_to_a_party_committee_org() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let err = db
        .create_member(&common::draft(&org, "Lê Văn Nam", Position::Member))
        .unwrap_err();
    assert_eq!(field_of(err).0, Field::OrganisationId);
}

#[test]
fn a_cell_has_one_secretary_at_a_time() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let first = db
        .create_member(&common::draft(&cell, "Phạm Văn Hùng", Position::Secretary))
        .unwrap();
    let (field, message) = field_of(
        db.create_member(&common::draft(&cell, "Vũ Thị Mai", Position::Secretary))
            .unwrap_err(),
    );
    assert_eq!(field, Field::Position);
    assert!(message.contains("Phạm Văn Hùng"), "{message}");
    // Editing the secretary themselves is not a clash with themselves.
    db.update_member(
        first.id,
        &common::draft(&cell, "Phạm Văn Hùng", Position::Secretary),
    )
    .unwrap();
    db.update_member(
        first.id,
        &common::draft(&cell, "Phạm Văn Hùng", Position::DeputySecretary),
    )
    .unwrap();
    db.create_member(&common::draft(&cell, "Vũ Thị Mai", Position::Secretary))
        .expect("the post is free now");
}

#[test]
fn editing_a_member_changes_position_and_standing() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let m = common::member(&db, &cell, "Bùi Thu Hà");
    let mut draft = common::draft(&cell, "Bùi Thu Hà", Position::CommitteeMember);
    draft.standing = Standing::Probationary;
    let edited = db.update_member(m.id, &draft).unwrap();
    assert_eq!(
        (edited.position, edited.standing),
        (Position::CommitteeMember, Standing::Probationary)
    );
}

#[test]
fn a_member_who_moves_away_is_kept_out_of_the_active_list_and_frees_the_name() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let m = common::member(&db, &cell, "Ngô Minh Tuấn");
    let day = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    let moved = db
        .record_departure(
            m.id,
            &Departure {
                moved_on: day,
                note: "Chuyển sinh hoạt".into(),
            },
        )
        .unwrap();
    assert_eq!(
        moved.status,
        MemberStatus::MovedAway {
            moved_on: day,
            note: "Chuyển sinh hoạt".into()
        }
    );
    assert!(db.members(Some(cell.id), false).unwrap().is_empty());
    assert_eq!(
        db.members(Some(cell.id), true).unwrap().len(),
        1,
        "kept for the history"
    );
    let again = db
        .record_departure(
            m.id,
            &Departure {
                moved_on: day,
                note: String::new(),
            },
        )
        .unwrap_err();
    assert!(
        field_of(again).1.contains("01/03/2024"),
        "dates are shown as dd/mm/yyyy"
    );

    let namesake = common::member(&db, &cell, "Ngô Minh Tuấn");
    let err = db.reinstate_member(m.id).unwrap_err();
    assert_eq!(
        field_of(err).0,
        Field::FullName,
        "reinstating would duplicate the active namesake"
    );
    db.record_departure(
        namesake.id,
        &Departure {
            moved_on: day,
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        db.reinstate_member(m.id).unwrap().status,
        MemberStatus::Active
    );
}

#[test]
fn a_departure_in_the_future_is_refused() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let m = common::member(&db, &cell, "Dương Xuân Sơn");
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    let err = db
        .record_departure(
            m.id,
            &Departure {
                moved_on: tomorrow,
                note: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(field_of(err).0, Field::MovedOn);
    assert_eq!(db.member(m.id).unwrap().status, MemberStatus::Active);
}

#[test]
fn the_demo_data_is_the_articles_organisation_and_can_be_loaded_twice_safely() {
    let (_dir, db) = common::fresh();
    let outcome = chuyende::demo::fill(&db).unwrap();
    assert!(
        matches!(
            outcome,
            chuyende::demo::DemoOutcome::Created {
                cells: 6,
                topics: 100,
                ..
            }
        ),
        "{outcome:?}"
    );
    let orgs = db.organisations(false).unwrap();
    assert!(orgs.iter().any(|o| o.name == "Đảng bộ Văn phòng UBND tỉnh"));
    assert!(orgs.iter().any(|o| o.name == "Chi bộ Công báo - Nhà khách"));
    let before = db.info().unwrap().counts;
    assert_eq!(
        chuyende::demo::fill(&db).unwrap(),
        chuyende::demo::DemoOutcome::AlreadyPresent
    );
    assert_eq!(db.info().unwrap().counts, before);
    assert!(
        before.moved_members > 0 && before.active_members > 30,
        "{before:?}"
    );
}

#[test]
fn the_demo_history_names_who_did_each_step_not_an_unnamed_workstation() {
    use chrono::Datelike;
    let (_dir, db) = common::fresh();
    chuyende::demo::fill(&db).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Chi bộ Công báo - Nhà khách")
        .unwrap();
    let year = chrono::Local::now().year() - 1;
    let mut actors = std::collections::HashSet::new();
    let mut imports_by_assignee = 0;
    for topic in db.plan_board(cell.id, year).unwrap().topics {
        for event in db.topic_history(topic.id).unwrap() {
            assert_ne!(
                event.actor,
                chuyende::settings::UNNAMED_PROFILE,
                "{}: {event:?}",
                topic.title
            );
            if event.action == "Nhập đề cương"
                && topic.assignees.iter().any(|a| a.full_name == event.actor)
            {
                imports_by_assignee += 1;
            }
            actors.insert(event.actor);
        }
    }
    assert!(
        actors.len() >= 3,
        "the secretary, the assigned members, the meeting secretary: {actors:?}"
    );
    assert!(
        imports_by_assignee > 0,
        "the assigned member brings in the outline"
    );
    assert_eq!(
        db.profile_name().unwrap(),
        None,
        "the workstation's own name is left unset"
    );
}

#[test]
fn the_form_records_a_members_birth_joining_and_card_and_the_trail_says_what_changed() {
    let (dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let mut draft = common::draft(&cell, "Bùi Thu Hà", Position::Member);
    draft.record.born_on = NaiveDate::from_ymd_opt(1980, 3, 14);
    draft.record.card_number = Some(" 12 345 678 ".into());
    let m = db.create_member(&draft).unwrap();
    assert_eq!(m.record.born_on, NaiveDate::from_ymd_opt(1980, 3, 14));
    assert_eq!(m.record.joined_on, None, "a date not given stays unknown");
    assert_eq!(m.record.card_number.as_deref(), Some("12345678"), "spaces are not part of a card");

    draft.record.joined_on = NaiveDate::from_ymd_opt(2005, 5, 19);
    let edited = db.update_member(m.id, &draft).unwrap();
    assert_eq!(edited.record.joined_on, NaiveDate::from_ymd_opt(2005, 5, 19));
    assert_eq!(db.member(m.id).unwrap().record, edited.record, "kept in the database");

    let conn = rusqlite::Connection::open(dir.path().join("chuyende.sqlite3")).unwrap();
    let reason: String = conn
        .query_row(
            "SELECT reason FROM audit_event WHERE entity = 'member' AND entity_id = ?1
               AND action = 'Sửa thông tin đảng viên' ORDER BY id DESC LIMIT 1",
            [m.id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(reason, "ngày sinh 14/03/1980, ngày vào Đảng 19/05/2005, số thẻ 12345678");

    // Emptying the card forgets it.
    draft.record.card_number = Some("  ".into());
    assert_eq!(db.update_member(m.id, &draft).unwrap().record.card_number, None);
}

#[test]
fn a_members_dates_must_be_past_and_joining_after_birth() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let cell = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let mut draft = common::draft(&cell, "Bùi Thu Hà", Position::Member);
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    draft.record.born_on = Some(tomorrow);
    let (field, message) = field_of(db.create_member(&draft).unwrap_err());
    assert_eq!(field, Field::BornOn);
    assert_eq!(message, format!("Ngày sinh {} ở tương lai.", tomorrow.format("%d/%m/%Y")));

    draft.record.born_on = NaiveDate::from_ymd_opt(1980, 3, 14);
    draft.record.joined_on = NaiveDate::from_ymd_opt(1979, 1, 1);
    let (field, message) = field_of(db.create_member(&draft).unwrap_err());
    assert_eq!(field, Field::JoinedOn);
    assert_eq!(message, "Ngày vào Đảng 01/01/1979 không sau ngày sinh 14/03/1980.");
    assert!(db.members(Some(cell.id), true).unwrap().is_empty(), "nothing was added");
}

#[test]
fn a_card_number_belongs_to_one_active_member_whichever_cell() {
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng");
    let first = common::cell(&db, &org, "Chi bộ Tổng hợp");
    let second = common::cell(&db, &org, "Chi bộ Tài chính");
    let mut draft = common::draft(&first, "Bùi Thu Hà", Position::Member);
    draft.record.card_number = Some("12345678".into());
    let ha = db.create_member(&draft).unwrap();

    let mut other = common::draft(&second, "Lê Văn Nam", Position::Member);
    other.record.card_number = Some("12 345 678".into());
    let (field, message) = field_of(db.create_member(&other).unwrap_err());
    assert_eq!(field, Field::CardNumber);
    assert_eq!(message, "Số thẻ 12345678 đã là của đồng chí Bùi Thu Hà (Chi bộ Tổng hợp).");

    // Saving her own record again is not a clash with herself.
    db.update_member(ha.id, &draft).unwrap();
    // Once she has moved away, her card can be recorded where she now attends.
    db.record_departure(
        ha.id,
        &Departure { moved_on: NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(), note: String::new() },
    )
    .unwrap();
    let mut moved = common::draft(&second, "Bùi Thu Hà", Position::Member);
    moved.record.card_number = Some("12345678".into());
    db.create_member(&moved).unwrap();
}

#[test]
fn a_party_committee_orgs_roll_is_searched_by_name_or_cell_a_page_at_a_time() {
    use chuyende::member::FOUND_MEMBERS_PAGE;
    let (_dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Sở Tài chính");
    let office = common::cell(&db, &org, "Chi bộ Văn phòng");
    let budget = common::cell(&db, &org, "Chi bộ Ngân sách");
    for i in 0..FOUND_MEMBERS_PAGE + 10 {
        common::member(&db, &office, &format!("Trần Văn Bình {i:02}"));
    }
    let lan = common::member(&db, &budget, "Nguyễn Thị Lan");
    let gone = common::member(&db, &budget, "Nguyễn Thị Lân");
    db.record_departure(
        gone.id,
        &Departure {
            moved_on: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            note: "Chuyển sinh hoạt".into(),
        },
    )
    .unwrap();

    let all = db.find_members(Some(org.id), "").unwrap();
    assert_eq!(all.total, FOUND_MEMBERS_PAGE as i64 + 11, "every active member counts");
    assert_eq!(all.members.len(), FOUND_MEMBERS_PAGE, "one page comes back");

    let by_name = db.find_members(Some(org.id), "  nguyễn THỊ lan ").unwrap();
    assert_eq!(by_name.total, 1, "case and spacing aside; who moved away is left out");
    assert_eq!(by_name.members[0].id, lan.id);

    let by_cell = db.find_members(Some(org.id), "ngân sách").unwrap();
    assert_eq!(by_cell.members.iter().map(|m| m.id).collect::<Vec<_>>(), vec![lan.id]);

    let in_a_cell = db.find_members(Some(office.id), "lan").unwrap();
    assert_eq!(in_a_cell.total, 0, "a cell's search stays in the cell");

    let everywhere = db.find_members(None, "lan").unwrap();
    assert_eq!(
        everywhere.members.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![lan.id],
        "no organisation: every roll (whom an account may be linked to)"
    );
    assert_eq!(db.find_members(None, "").unwrap().members.len(), FOUND_MEMBERS_PAGE);
}
