//! The workstation's settings: where the window opens.

mod common;

use chrono::NaiveDate;
use chuyende::settings::{Place, Screen};
use chuyende::Database;

#[test]
fn a_first_start_opens_on_the_organisations_with_none_chosen() {
    let (_dir, db) = common::fresh();
    assert_eq!(
        db.last_place().unwrap(),
        Place {
            screen: Screen::Organisations,
            organisation_id: None
        },
        "a first start begins where the đảng bộ and cells are set up"
    );
}

#[test]
fn the_window_opens_on_the_overview_with_the_cell_last_used_after_the_database_is_reopened() {
    let (dir, db) = common::fresh();
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &committee, "Chi bộ Công báo - Nhà khách");
    db.set_last_place(&Place {
        screen: Screen::Plans,
        organisation_id: Some(cell.id),
    })
    .unwrap();
    drop(db);
    let db = Database::open_in(dir.path()).unwrap();
    assert_eq!(
        db.last_place().unwrap(),
        Place {
            screen: Screen::Overview,
            organisation_id: Some(cell.id)
        },
        "the home screen opens at start, and the cell last chosen is remembered across a restart"
    );
}

#[test]
fn a_database_without_an_active_organisation_opens_on_the_organisations() {
    let (_dir, db) = common::fresh();
    db.set_last_place(&Place {
        screen: Screen::Plans,
        organisation_id: None,
    })
    .unwrap();
    assert_eq!(
        db.last_place().unwrap().screen,
        Screen::Organisations,
        "with nothing set up, the overview has nothing to say: one begins with the organisations"
    );
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    db.retire_organisation(committee.id, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .unwrap();
    assert_eq!(
        db.last_place().unwrap(),
        Place {
            screen: Screen::Organisations,
            organisation_id: None
        },
        "only retired organisations left: the window opens where new ones are set up"
    );
}

#[test]
fn a_cell_retired_since_is_forgotten_and_the_overview_opens() {
    let (_dir, db) = common::fresh();
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &committee, "Chi bộ Công báo - Nhà khách");
    db.set_last_place(&Place {
        screen: Screen::Sessions,
        organisation_id: Some(cell.id),
    })
    .unwrap();
    db.retire_organisation(cell.id, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .unwrap();
    assert_eq!(
        db.last_place().unwrap(),
        Place {
            screen: Screen::Overview,
            organisation_id: None
        },
        "a retired cell is not reopened; the đảng bộ is still there, so the overview opens"
    );
}
