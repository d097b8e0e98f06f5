//! A session date far from its topic's quarter asks for confirmation; a near one does not.

mod common;

use chrono::NaiveDate;
use chuyende::plan::Quarter;
use chuyende::session_date::far_from_quarter;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_date_in_the_quarter_a_little_early_or_a_quarter_late_is_not_far() {
    let q4 = Quarter::new(4).unwrap();
    assert!(
        !far_from_quarter(d(2026, 11, 20), 2026, q4),
        "inside the quarter"
    );
    assert!(
        !far_from_quarter(d(2026, 9, 15), 2026, q4),
        "two weeks early"
    );
    assert!(
        !far_from_quarter(d(2027, 3, 31), 2026, q4),
        "a quarter late"
    );
}

#[test]
fn a_mistyped_year_or_a_date_two_quarters_away_is_far() {
    let q4 = Quarter::new(4).unwrap();
    assert!(
        far_from_quarter(d(1900, 1, 1), 2026, q4),
        "01/01/1900 for Quý IV 2026"
    );
    assert!(
        far_from_quarter(d(2026, 4, 20), 2026, q4),
        "two quarters early"
    );
    assert!(
        far_from_quarter(d(2027, 5, 2), 2026, q4),
        "more than a quarter late"
    );
}

#[test]
fn saving_a_session_far_from_its_topics_quarter_is_questioned_naming_the_topic_and_quarter() {
    let m = common::meeting(); // its topic is planned for Quý II 2025
    let question =
        m.db.session_date_question(d(1900, 1, 1), &[m.topic])
            .unwrap()
            .expect("01/01/1900 is far from Quý II 2025");
    for expected in [
        "01/01/1900",
        "Quý II năm 2025",
        "Trách nhiệm nêu gương của đảng viên",
    ] {
        assert!(
            question.contains(expected),
            "the question says “{expected}”: {question}"
        );
    }
    assert_eq!(
        m.db.session_date_question(d(2025, 4, 20), &[m.topic])
            .unwrap(),
        None,
        "a date inside the quarter is not questioned"
    );
}
