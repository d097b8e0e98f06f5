//! The workstation's settings: where the window reopens.

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
fn the_window_reopens_on_the_screen_and_cell_last_used_after_the_database_is_reopened() {
    let (dir, db) = common::fresh();
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &committee, "Chi bộ Công báo - Nhà khách");
    let place = Place {
        screen: Screen::Plans,
        organisation_id: Some(cell.id),
    };
    db.set_last_place(&place).unwrap();
    drop(db);
    let db = Database::open_in(dir.path()).unwrap();
    assert_eq!(
        db.last_place().unwrap(),
        place,
        "the cell and the plan screen are remembered across a restart"
    );
}

#[test]
fn a_cell_retired_since_is_forgotten_but_the_screen_is_kept() {
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
            screen: Screen::Sessions,
            organisation_id: None
        },
        "a retired cell is not reopened"
    );
}
