//! The quorum: an exact fraction of the members called to the meeting, counted in integers;
//! members exempt from meetings are not called unless they come; temporarily attached members
//! are called where they are attached.

mod common;

use chrono::NaiveDate;
use chuyende::member::{MemberId, Standing};
use chuyende::member_period::{MemberPeriodDraft, PeriodKind};
use chuyende::quorum::{AttendanceTotals, Quorum};
use chuyende::session::{AttendanceEntry, OrganisationSettings, Presence};

use common::{meeting, session_draft};

fn entry(presence: Presence, exempt: bool) -> AttendanceEntry {
    AttendanceEntry {
        member_id: MemberId(0),
        full_name: String::new(),
        standing: Standing::Full,
        presence,
        reason: String::new(),
        exempt,
        attached: false,
    }
}

/// `called` members of whom `present` came, and `exempt` exempt members of whom
/// `exempt_present` came.
fn cell(
    called: usize,
    present: usize,
    exempt: usize,
    exempt_present: usize,
) -> Vec<AttendanceEntry> {
    let mut e = Vec::new();
    for i in 0..called {
        e.push(entry(
            if i < present {
                Presence::Present
            } else {
                Presence::Unexcused
            },
            false,
        ));
    }
    for i in 0..exempt {
        e.push(entry(
            if i < exempt_present {
                Presence::Present
            } else {
                Presence::Excused
            },
            true,
        ));
    }
    e
}

/// The smallest number present that reaches num/den of `called`, found by counting up.
fn fewest(called: i64, num: i64, den: i64) -> i64 {
    (0..=called).find(|p| p * den >= called * num).unwrap()
}

fn check_every_cell_size(quorum: Quorum) {
    let (num, den) = (quorum.numerator, quorum.denominator);
    for n in 1..=40usize {
        let need = fewest(n as i64, num, den);
        for present in 0..=n {
            let t = AttendanceTotals::of(&cell(n, present, 0, 0), quorum);
            assert_eq!(t.called, n as i64);
            assert_eq!(t.required, need, "{num}/{den} of {n} needs {need}");
            assert_eq!(
                t.met,
                present as i64 >= need,
                "{present} of {n} at {num}/{den}: met is {}",
                t.met
            );
            assert_eq!(t.warning.is_none(), t.met);
            // Two exempt members who stay away change nothing.
            let with_exempt = AttendanceTotals::of(&cell(n, present, 2, 0), quorum);
            assert_eq!(
                (with_exempt.called, with_exempt.required, with_exempt.met),
                (t.called, t.required, t.met),
                "exempt members who do not come are not called ({n} members, {present} present)"
            );
            assert_eq!(
                (with_exempt.members, with_exempt.exempt_members),
                (n as i64 + 2, 2)
            );
            assert_eq!(
                (with_exempt.excused, with_exempt.unexcused),
                (0, (n - present) as i64)
            );
            // One of them comes: present and called.
            let one_came = AttendanceTotals::of(&cell(n, present, 2, 1), quorum);
            assert_eq!(
                (one_came.called, one_came.present, one_came.present_exempt),
                (n as i64 + 1, present as i64 + 1, 1)
            );
            assert_eq!(
                one_came.met,
                (present as i64 + 1) * den >= (n as i64 + 1) * num,
                "an exempt member who comes counts as present and called"
            );
        }
    }
}

#[test]
fn two_thirds_is_reached_exactly_for_every_cell_of_1_to_40_members() {
    check_every_cell_size(Quorum::TWO_THIRDS);
    // The cases that a rounded 67 % got wrong.
    for (members, present) in [(3, 2), (6, 4), (9, 6), (12, 8), (30, 20)] {
        let t = AttendanceTotals::of(&cell(members, present, 0, 0), Quorum::TWO_THIRDS);
        assert!(t.met, "{present} of {members} is two thirds");
        assert_eq!(t.required, present as i64);
    }
}

#[test]
fn another_fraction_set_by_an_organisation_is_counted_the_same_way() {
    check_every_cell_size(Quorum::new(1, 2).unwrap());
    check_every_cell_size(Quorum::new(3, 4).unwrap());
}

#[test]
fn a_quorum_setting_is_a_proper_fraction() {
    assert!(Quorum::new(2, 3).is_ok());
    assert!(Quorum::new(1, 1).is_ok());
    for (n, d) in [(0, 3), (4, 3), (1, 0), (1, 101), (-1, 2)] {
        let err = Quorum::new(n, d).unwrap_err();
        assert_eq!(err.field(), Some(chuyende::Field::Threshold), "{n}/{d}");
    }
}

#[test]
fn exempt_members_on_the_sessions_day_are_listed_but_not_called_and_attached_members_are_called() {
    let m = meeting();
    let day = |d| NaiveDate::from_ymd_opt(2025, 4, d).unwrap();
    // Hải is exempt from 01/04 (by a decision); Hà's exemption ended before the session.
    let hai =
        m.db.add_member_period(
            m.members[2].id,
            &MemberPeriodDraft {
                kind: PeriodKind::Exempt,
                from: day(1),
                to: None,
                note: "QĐ 15-QĐ/ĐU, nghỉ hưu".into(),
            },
        )
        .unwrap();
    assert_eq!(hai.periods.len(), 1);
    assert_eq!(hai.periods[0].kind_label, "Miễn sinh hoạt");
    m.db.add_member_period(
        m.members[3].id,
        &MemberPeriodDraft {
            kind: PeriodKind::Exempt,
            from: day(1),
            to: Some(day(10)),
            note: String::new(),
        },
    )
    .unwrap();
    // Tuấn (probationary) is attached to the cell for a while.
    m.db.add_member_period(
        m.members[4].id,
        &MemberPeriodDraft {
            kind: PeriodKind::Attached,
            from: day(1),
            to: Some(day(30)),
            note: "Từ Chi bộ Tổng hợp".into(),
        },
    )
    .unwrap();
    let overlapping = m.db.add_member_period(
        m.members[2].id,
        &MemberPeriodDraft {
            kind: PeriodKind::Exempt,
            from: day(15),
            to: Some(day(16)),
            note: String::new(),
        },
    );
    assert_eq!(
        overlapping.unwrap_err().field(),
        Some(chuyende::Field::PeriodFrom),
        "two exemptions of one member do not overlap"
    );

    let s = m.db.create_session(&session_draft(&m)).unwrap(); // held on 20/04/2025
    let hai_entry = s
        .attendance
        .iter()
        .find(|a| a.member_id == m.members[2].id)
        .unwrap();
    assert!(hai_entry.exempt && hai_entry.presence == Presence::Excused);
    assert_eq!(hai_entry.reason, "Miễn sinh hoạt");
    let t = &s.totals;
    assert_eq!(
        (
            t.members,
            t.exempt_members,
            t.called,
            t.present,
            t.required,
            t.met
        ),
        (5, 1, 4, 4, 3, true)
    );
    assert_eq!(
        (
            t.full_members,
            t.probationary_members,
            t.attached_members,
            t.present_attached
        ),
        (4, 0, 1, 1),
        "the attached member is counted apart from the cell's own"
    );

    // Hải comes after all: present, and called.
    let t =
        m.db.set_attendance(s.id, m.members[2].id, Presence::Present, "")
            .unwrap();
    assert_eq!((t.called, t.present, t.present_exempt), (5, 5, 1));
    // Two of the called stay away: 3 of 5 is under 2/3.
    m.db.set_attendance(s.id, m.members[0].id, Presence::Unexcused, "")
        .unwrap();
    let t =
        m.db.set_attendance(s.id, m.members[1].id, Presence::Excused, "Ốm")
            .unwrap();
    assert_eq!((t.called, t.present, t.required, t.met), (5, 3, 4, false));
    assert!(t.warning.unwrap().contains("2/3"));

    let members = m.db.members(Some(m.cell.id), false).unwrap();
    let shown = members.iter().find(|x| x.id == m.members[2].id).unwrap();
    assert_eq!(
        shown.periods[0].note, "QĐ 15-QĐ/ĐU, nghỉ hưu",
        "the member list shows the period"
    );
    let removed = m.db.remove_member_period(shown.periods[0].id).unwrap();
    assert!(removed.periods.is_empty());
}

#[test]
fn the_67_percent_stored_by_the_release_becomes_two_thirds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chuyende.sqlite3");
    // The schema of the release (its four migrations), with settings stored as percentages.
    chuyende::Database::create_at_schema_version(&path, 4).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, kind, name, name_key, superior_name, created_at, updated_at)
                  VALUES (1, 'party_committee_org', 'Đảng bộ A', 'đảng bộ a', 'Tỉnh ủy', 'x', 'x');
             INSERT INTO organisation (id, kind, name, name_key, parent_id, created_at, updated_at)
                  VALUES (2, 'cell', 'Chi bộ 1', 'chi bộ 1', 1, 'x', 'x'),
                         (3, 'cell', 'Chi bộ 2', 'chi bộ 2', 1, 'x', 'x'),
                         (4, 'cell', 'Chi bộ 3', 'chi bộ 3', 1, 'x', 'x');
             INSERT INTO organisation_setting (organisation_id, attendance_threshold_pct, min_duration_minutes)
                  VALUES (1, 67, 90), (2, 50, 120), (3, 75, 90), (4, 51, 90);",
        )
        .unwrap();
    }
    let db = chuyende::Database::open(&path).unwrap();
    let quorum = |org| {
        db.organisation_settings(chuyende::organisation::OrganisationId(org))
            .unwrap()
            .quorum
    };
    assert_eq!(quorum(1), Quorum::TWO_THIRDS, "67 % meant two thirds");
    assert_eq!(quorum(2), Quorum::new(1, 2).unwrap());
    assert_eq!(quorum(3), Quorum::new(3, 4).unwrap());
    assert_eq!(
        quorum(4),
        Quorum::new(51, 100).unwrap(),
        "any other share is kept exactly"
    );
    let settings: OrganisationSettings = db
        .organisation_settings(chuyende::organisation::OrganisationId(2))
        .unwrap();
    assert_eq!(
        settings.min_duration_minutes, 120,
        "the other settings are kept"
    );
    assert_eq!(
        db.organisation_settings(chuyende::organisation::OrganisationId(99))
            .unwrap()
            .quorum,
        Quorum::TWO_THIRDS,
        "two thirds by default"
    );
}
