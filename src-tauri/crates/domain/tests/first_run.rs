//! The first start on a workstation: the set-up of its organisation and user, and the
//! demonstration data offered to look around, removable in one step.

mod common;

use chuyende::account::Role;
use chuyende::demo;
use chuyende::first_run::{SetupDraft, SetupKind, SetupStart};
use chuyende::organisation::Placement;
use chuyende::{Database, Error, Field};

fn cell_setup() -> SetupDraft {
    SetupDraft {
        kind: SetupKind::Cell,
        name: "Chi bộ Công báo - Nhà khách".into(),
        parent_name: "Đảng bộ Văn phòng UBND tỉnh".into(),
        superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
        place_name: "Quảng Ninh".into(),
        document_symbol: "CB".into(),
        user_name: "Nguyễn Thị Lan".into(),
        username: "lan.nt".into(),
        password: "mat-khau-cua-lan".into(),
        password_again: "mat-khau-cua-lan".into(),
        start: SetupStart::Empty,
    }
}

#[test]
fn a_database_that_never_had_an_organisation_needs_the_set_up_and_one_with_a_dissolved_one_does_not(
) {
    let (_dir, db) = common::fresh();
    assert!(
        db.setup_needed().unwrap(),
        "a new database opens on the set-up"
    );
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    assert!(
        !db.setup_needed().unwrap(),
        "an organisation made by hand counts as set up"
    );
    db.retire_organisation(
        committee.id,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
    )
    .unwrap();
    assert!(
        !db.setup_needed().unwrap(),
        "a workstation whose organisations were dissolved was set up: it is not asked again"
    );
}

#[test]
fn setting_up_a_cell_makes_its_dang_bo_its_document_settings_and_the_user_in_one_step() {
    let (_dir, db) = common::fresh();
    let done = db.complete_setup(&cell_setup()).unwrap();
    assert_eq!(done.organisation.name, "Chi bộ Công báo - Nhà khách");
    assert_eq!(done.organisation.parent_name, "Đảng bộ Văn phòng UBND tỉnh");
    let all = db.organisations(false).unwrap();
    assert_eq!(
        all.len(),
        2,
        "the cell and the đảng bộ it belongs to: {all:?}"
    );
    assert!(all.iter().any(|o| o.name == "Đảng bộ Văn phòng UBND tỉnh"
        && o.placement
            == Placement::PartyCommitteeOrg {
                superior_name: "Đảng ủy Các cơ quan tỉnh".into()
            }));
    let settings = db.organisation_settings(done.organisation.id).unwrap();
    assert_eq!(
        settings.place_name, "Quảng Ninh",
        "the place dates its documents"
    );
    assert_eq!(
        settings.document_symbol, "CB",
        "the symbol numbers its documents"
    );
    assert_eq!(
        settings.defaults.header_parent,
        "ĐẢNG BỘ VĂN PHÒNG UBND TỈNH"
    );
    let admin = db
        .signed_in()
        .unwrap()
        .expect("who uses the machine is signed in");
    assert_eq!(
        (
            admin.username.as_str(),
            admin.display_name.as_str(),
            admin.role
        ),
        ("lan.nt", "Nguyễn Thị Lan", Role::Administrator),
        "who uses the machine is its administrator"
    );
    assert!(!db.setup_needed().unwrap());
    // Signed in again elsewhere (the CLI, a restart) with the password she chose.
    let other = Database::open_in(_dir.path()).unwrap();
    other.sign_in("lan.nt", "mat-khau-cua-lan").unwrap();
    assert_eq!(other.accounts().unwrap().len(), 1);
    let again = db.complete_setup(&cell_setup()).unwrap_err();
    assert!(
        matches!(&again, Error::Invalid { message, .. } if message.contains("đã được thiết lập")),
        "the set-up is done once: {again:?}"
    );
}

#[test]
fn setting_up_a_dang_bo_names_its_superior() {
    let (_dir, db) = common::fresh();
    let done = db
        .complete_setup(&SetupDraft {
            kind: SetupKind::PartyCommitteeOrg,
            name: "Đảng bộ Văn phòng UBND tỉnh".into(),
            parent_name: "Đảng ủy Các cơ quan tỉnh".into(),
            superior_name: String::new(),
            document_symbol: "ĐU".into(),
            ..cell_setup()
        })
        .unwrap();
    assert_eq!(
        done.organisation.placement,
        Placement::PartyCommitteeOrg {
            superior_name: "Đảng ủy Các cơ quan tỉnh".into()
        }
    );
    assert_eq!(db.organisations(false).unwrap().len(), 1);
}

#[test]
fn a_set_up_with_a_part_missing_is_refused_on_that_field_and_writes_nothing() {
    let (dir, db) = common::fresh();
    let cases: [(fn(&mut SetupDraft), Field); 9] = [
        (|d| d.place_name = " ".into(), Field::PlaceName),
        (|d| d.document_symbol.clear(), Field::DocumentSymbol),
        (|d| d.user_name.clear(), Field::ProfileName),
        (
            |d| d.password_again = "mat-khau-cua-lam".into(),
            Field::PasswordAgain,
        ),
        (
            |d| {
                d.password = "ngan".into();
                d.password_again = "ngan".into();
            },
            Field::Password,
        ),
        (|d| d.username = "Lan Nguyễn".into(), Field::Username),
        (|d| d.superior_name.clear(), Field::SuperiorName),
        (|d| d.parent_name.clear(), Field::ParentId),
        (|d| d.name.clear(), Field::Name),
    ];
    for (spoil, field) in cases {
        let mut draft = cell_setup();
        spoil(&mut draft);
        let err = db.complete_setup(&draft).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err:?}");
        assert!(!err.to_string().is_empty());
        assert!(
            db.setup_needed().unwrap(),
            "nothing was made after {field:?} was refused"
        );
        assert!(!db.accounts_exist().unwrap(), "no account was made either");
    }
    drop(db);
    let db = Database::open_in(dir.path()).unwrap();
    assert!(db.organisations(true).unwrap().is_empty());
}

#[test]
fn the_demo_lives_beside_the_real_data_and_removing_it_removes_exactly_the_demo() {
    let (dir, db) = common::fresh();
    let done = db
        .complete_setup(&SetupDraft {
            name: "Chi bộ Kế toán".into(),
            parent_name: "Đảng bộ Sở Tài chính".into(),
            start: SetupStart::Demo,
            ..cell_setup()
        })
        .unwrap();
    assert_eq!(done.start, SetupStart::Demo);
    let real_before = common::dump(db.path());
    assert!(!demo::demo_present(dir.path()));

    let shown = demo::start_demo(dir.path(), "Nguyễn Thị Lan").unwrap();
    assert!(
        demo::demo_present(dir.path()),
        "the window shows the demo until it is removed"
    );
    let demo_orgs = shown.organisations(false).unwrap();
    assert!(demo_orgs.iter().any(|o| o.name == demo::DEMO_ORGANISATION));
    assert!(
        !demo_orgs.iter().any(|o| o.name == "Chi bộ Kế toán"),
        "the secretary's own cell is not in the demo: {demo_orgs:?}"
    );
    assert!(
        !db.organisations(true)
            .unwrap()
            .iter()
            .any(|o| o.name == demo::DEMO_ORGANISATION),
        "nor the demo in her data"
    );
    assert_eq!(
        shown.profile_name().unwrap().as_deref(),
        Some("Nguyễn Thị Lan"),
        "what the secretary tries in the demo is in her name"
    );
    // What she tries in the demo stays there.
    shown.set_profile_name("Người thử").unwrap();
    assert_eq!(
        common::dump(db.path()),
        real_before,
        "making and using the demo wrote nothing to the real data"
    );
    drop(shown);

    // Started again (the window restarted): the demo is opened, not made twice.
    let reopened = demo::start_demo(dir.path(), "Nguyễn Thị Lan").unwrap();
    assert_eq!(
        reopened.organisations(false).unwrap().len(),
        demo_orgs.len()
    );
    drop(reopened);

    demo::remove_demo(dir.path()).unwrap();
    assert!(!demo::demo_present(dir.path()), "the demo is gone");
    assert!(
        !demo::demo_dir(dir.path()).exists(),
        "its folder, its database and its backups too"
    );
    assert_eq!(
        common::dump(db.path()),
        real_before,
        "the secretary's organisation, settings and trail are untouched"
    );
    demo::remove_demo(dir.path()).expect("removing it again is no error");
}
