//! Demonstration data: the article's *Đảng bộ Văn phòng UBND tỉnh* with its cells and members,
//! for trying the app, for screenshots and for benchmarks. Deterministic: the same data on
//! every machine for the same day.
//!
//! The demo lives its years through the library's verbs on the handle's clock
//! ([`Database::set_clock`]): each step is dated the day it would have happened (the outline
//! brought in weeks before the session, the draft passed days before it, the minutes signed the
//! day after, the submission and the decision after that), so the trail, the compliance and the
//! overview read a real đảng bộ's year. Past years are closed; the current year keeps a few
//! realistic misses ([`Story`]) that the home screen rightly flags.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Days, Local, NaiveDate, TimeZone};

use crate::account::{AccountDraft, Role};
use crate::db::Database;
use crate::error::{Error, Result};
use crate::member::{Departure, MemberDraft, Position, Standing};
use crate::organisation::{Organisation, OrganisationDraft, Placement};
use crate::plan::Quarter;
use crate::settings::acting_as;
use crate::topic::TopicDraft;
use crate::topic_state::TopicState;

pub const DEMO_ORGANISATION: &str = "Đảng bộ Văn phòng UBND tỉnh";
/// Who keeps the đảng bộ's records at the office (văn phòng đảng ủy): the actor of the setup.
const OFFICE_CLERK: &str = "Vũ Thị Thanh Huyền";
const DEMO_SUPERIOR: &str = "Đảng ủy Các cơ quan tỉnh";

/// The cells, each with the symbol its document numbers carry ("Số 05-BB/CB").
const CELLS: &[(&str, &str)] = &[
    ("Chi bộ Công báo - Nhà khách", "CB"),
    ("Chi bộ Tổng hợp", "TH"),
    ("Chi bộ Hành chính - Tổ chức", "HCTC"),
    ("Chi bộ Kinh tế - Ngành", "KTN"),
    ("Chi bộ Khoa giáo - Văn xã", "KGVX"),
    ("Chi bộ Nội chính", "NC"),
];

/// Where the demo's documents are dated.
const DEMO_PLACE: &str = "Quảng Ninh";

/// The documents' settings of a demo organisation: place and symbol set, as a secretary does on
/// the first day (with the defaults both are empty and the documents say so).
fn document_settings(
    db: &Database,
    org: &Organisation,
    symbol: &str,
    adjust: impl FnOnce(&mut crate::session::OrganisationSettings),
) -> Result<()> {
    let mut settings = db.organisation_settings(org.id)?;
    settings.place_name = DEMO_PLACE.into();
    settings.document_symbol = symbol.into();
    adjust(&mut settings);
    db.set_organisation_settings(org.id, settings)?;
    Ok(())
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Đức", "Thu", "Minh", "Hồng", "Quang", "Thanh", "Ngọc", "Xuân",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến",
];

/// Topics with the group (by its place among the default groups: 0 limitations to discuss,
/// 1 new issues of the political task, 2 Hồ Chí Minh's thought and example, 3 the quality of
/// cell meetings, 4 training) each belongs to, so that a reviewer finds them matched.
const TOPICS: &[(&str, usize)] = &[
    ("Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn 42-HD/BTCTW", 3),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần phục vụ nhân dân", 2),
    ("Trách nhiệm nêu gương của cán bộ, đảng viên trong thực hiện nhiệm vụ chuyên môn", 2),
    ("Nâng cao chất lượng công tác tham mưu, tổng hợp", 1),
    ("Đẩy mạnh chuyển đổi số và cải cách hành chính tại cơ quan", 1),
    ("Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống", 0),
    ("Nâng cao chất lượng phục vụ tại Nhà khách", 1),
    ("Công tác bồi dưỡng, kết nạp đảng viên mới", 4),
    ("Thực hành tiết kiệm, chống lãng phí trong cơ quan", 0),
    ("Phát huy dân chủ ở cơ sở, xây dựng cơ quan văn hóa", 0),
    ("Đổi mới nội dung, hình thức sinh hoạt chi bộ", 3),
    ("Tăng cường kỷ luật, kỷ cương hành chính", 0),
];

/// What [`fill`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    Created {
        cells: usize,
        members: usize,
        topics: usize,
    },
    AlreadyPresent,
}

/// A small deterministic generator (an LCG): the demo must not depend on a random crate.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// The folder of the demonstration data the first-run set-up offers, inside the data folder: a
/// database of its own, so that the secretary's organisation and the demo never mix, and
/// removing the demo removes exactly it (the trail is append-only and approvals lock their
/// records: demo records inside the real database could not be taken out again).
pub fn demo_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(DEMO_FOLDER)
}

const DEMO_FOLDER: &str = "du-lieu-mau";

/// Whether the window shows the demonstration data (until it is removed).
pub fn demo_present(data_dir: &Path) -> bool {
    crate::paths::database_path(&demo_dir(data_dir)).is_file()
}

/// Makes the demonstration data beside the real database (first-run set-up, "look around
/// first") and returns it opened; `user_name` is "who" for what the secretary tries in it.
/// Made in a folder of its own and moved into place once complete: a start stopped half-way
/// leaves no half demo to be shown.
pub fn start_demo(data_dir: &Path, user_name: &str) -> Result<Database> {
    let target = demo_dir(data_dir);
    if demo_present(data_dir) {
        return Database::open_in(&target);
    }
    let making = data_dir.join(format!("{DEMO_FOLDER}.dang-tao"));
    remove_folder(&making)?;
    {
        let db = Database::open_in(&making)?;
        fill(&db)?;
        db.set_profile_name(user_name)?;
    }
    remove_folder(&target)?;
    std::fs::rename(&making, &target).map_err(|e| Error::DemoFolder {
        path: target.display().to_string(),
        source: e.into(),
    })?;
    Database::open_in(&target)
}

/// Removes the demonstration data: its folder (database, its backups), nothing else. The
/// caller closes the demo database first (Windows does not delete an open file).
pub fn remove_demo(data_dir: &Path) -> Result<()> {
    remove_folder(&demo_dir(data_dir))
}

fn remove_folder(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::DemoFolder {
            path: path.display().to_string(),
            source: e.into(),
        }),
    }
}

/// The demo's calendar: the day the demo is filled ("today", the handle's clock then) and the
/// moment each earlier step is dated.
struct Calendar {
    start: DateTime<Local>,
    today: NaiveDate,
}

impl Calendar {
    fn of(db: &Database) -> Calendar {
        let start = db.now();
        Calendar {
            start,
            today: start.date_naive(),
        }
    }

    /// Dates what follows on `day` (in the morning), or now when `day` is not yet past: the
    /// demo never writes the future.
    fn on(&self, db: &Database, day: NaiveDate) {
        let at = if day >= self.today {
            self.start
        } else {
            day.and_hms_opt(9, 0, 0)
                .and_then(|t| Local.from_local_datetime(&t).earliest())
                .unwrap_or(self.start)
        };
        db.set_clock(Some(at));
    }
}

/// What becomes of a topic of the current year beside its dates: on time, or one of the
/// deliberate, realistic misses a secretary meets (each flagged by the overview or the
/// compliance, see `tests/demo.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    OnTime,
    /// The đảng bộ's own topic: its outline is not in, its date is past.
    OutlineLate,
    /// The draft passed and sent the day of the session itself.
    DraftSentLate,
    /// The session held, its minutes not signed.
    MinutesUnsigned,
    /// Submitted, the committee has not decided yet.
    DecisionWaiting,
    /// The first cell's quý IV topic, ready for the session held today ([`held_sessions`]).
    HeldToday,
}

/// The story of the topic of quarter `quarter` of the organisation at `index` (of [`CELLS`];
/// `None` for the đảng bộ itself) in `year`: all on time but four topics of quý III of the
/// current year, and the first cell's quý IV one, held today.
fn story(index: Option<usize>, quarter: u8, year: i32, this_year: i32) -> Story {
    if year != this_year {
        return Story::OnTime;
    }
    match (index, quarter) {
        (None, 3) => Story::OutlineLate,
        (Some(2), 3) => Story::DraftSentLate,
        (Some(3), 3) => Story::MinutesUnsigned,
        (Some(4), 3) => Story::DecisionWaiting,
        (Some(0), 4) => Story::HeldToday,
        _ => Story::OnTime,
    }
}

/// Fills the database with the demonstration organisation, unless it is already there.
/// Its records are dated as they would have been up to the handle's today; the handle's clock
/// is as before when it returns.
pub fn fill(db: &Database) -> Result<DemoOutcome> {
    if db
        .organisations(true)?
        .iter()
        .any(|o| o.name == DEMO_ORGANISATION)
    {
        return Ok(DemoOutcome::AlreadyPresent);
    }
    db.require(crate::permission::Action::GenerateDemo)?;
    // The đảng bộ's office sets up its organisations and members; each later step is done by
    // whom it falls to in a cell (see `plan_year`, `advance`, `held_sessions`).
    let clock = db.clock();
    let outcome = acting_as(OFFICE_CLERK, || fill_new(db, &Calendar::of(db)));
    db.set_clock(clock);
    outcome
}

fn fill_new(db: &Database, cal: &Calendar) -> Result<DemoOutcome> {
    let this_year = cal.today.year();
    // The office sets the đảng bộ up at the start of the first year the demo shows.
    cal.on(db, first_day(this_year - 3) + Days::new(4));
    let committee = db.create_organisation(&OrganisationDraft {
        name: DEMO_ORGANISATION.into(),
        placement: Placement::PartyCommitteeOrg {
            superior_name: DEMO_SUPERIOR.into(),
        },
    })?;
    // The term elected by the đảng bộ's congress of 2025: its cells' documents are numbered in it.
    db.add_term(
        committee.id,
        &crate::term::TermDraft {
            starts_on: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).expect("valid date"),
            ends_on: chrono::NaiveDate::from_ymd_opt(2030, 5, 31).expect("valid date"),
        },
    )?;
    // The parent đảng bộ's real name is "Khối …", which the committee's name does not say; the
    // đảng bộ's secretary sits in no cell of the demo, so her name is set for the signature.
    document_settings(db, &committee, "ĐU", |s| {
        s.header_parent = "Đảng bộ Khối các cơ quan tỉnh".into();
        s.signer_name = "Hoàng Thị Thu Hương".into();
    })?;
    let mut seq = Sequence(2024);
    let mut members = 0;
    let mut cells = Vec::new();
    for (index, (cell_name, symbol)) in CELLS.iter().enumerate() {
        let cell = db.create_organisation(&OrganisationDraft {
            name: (*cell_name).into(),
            placement: Placement::Cell {
                parent_id: committee.id,
            },
        })?;
        document_settings(db, &cell, symbol, |_| {})?;
        cells.push(cell.clone());
        let size = 7 + seq.next(8);
        let mut taken = std::collections::HashSet::new();
        for n in 0..size {
            let full_name = loop {
                let name = format!(
                    "{} {} {}",
                    FAMILY[seq.next(FAMILY.len())],
                    MIDDLE[seq.next(MIDDLE.len())],
                    GIVEN[seq.next(GIVEN.len())]
                );
                if taken.insert(name.clone()) {
                    break name;
                }
            };
            let position = match n {
                0 => Position::Secretary,
                1 => Position::DeputySecretary,
                2 if size > 9 => Position::CommitteeMember,
                _ => Position::Member,
            };
            let standing = if n > 3 && seq.next(6) == 0 {
                Standing::Probationary
            } else {
                Standing::Full
            };
            let member = db.create_member(&MemberDraft {
                organisation_id: cell.id,
                full_name,
                position,
                standing,
                record: Default::default(),
            })?;
            members += 1;
            // One member of the first cell is exempt from meetings, so attendance and the
            // quorum show one.
            if index == 0 && n == 4 {
                db.add_member_period(
                    member.id,
                    &crate::member_period::MemberPeriodDraft {
                        kind: crate::member_period::PeriodKind::Exempt,
                        from: first_day(this_year - 3),
                        to: None,
                        note: "Tuổi cao, sức yếu; Quyết định 12-QĐ/ĐU".into(),
                    },
                )?;
            }
            // One member of every other cell has moved away, so lists show both states.
            // (Recorded as the setup is, the day after the move.)
            if n == size - 1 && index % 2 == 0 {
                db.record_departure(
                    member.id,
                    &Departure {
                        moved_on: first_day(this_year - 3) + Days::new(3),
                        note: "Chuyển sinh hoạt về Đảng bộ Sở Nội vụ".into(),
                    },
                )?;
            }
        }
    }
    let mut topics = 0;
    // The demo brings in an outline for every topic that goes past drafting.
    let mut unlimited = usize::MAX;
    for year in this_year - 3..=this_year {
        for (index, cell) in cells.iter().enumerate() {
            let story = |q| story(Some(index), q, year, this_year);
            topics += plan_year(db, cal, cell, year, 4, &story, &mut seq, &mut unlimited)?;
        }
        // The đảng bộ holds one topic of its own a year, in quý III (as in the article).
        let story = |q| story(None, q, year, this_year);
        topics += plan_year(
            db,
            cal,
            &committee,
            year,
            1,
            &story,
            &mut seq,
            &mut unlimited,
        )?;
    }
    cal.on(db, cal.today);
    // This year's meetings of the first cell, recorded by its meeting secretary.
    let meeting_secretary = db
        .members(Some(cells[0].id), false)?
        .into_iter()
        .filter(|m| !m.exempt_today)
        .nth(1)
        .map(|m| m.full_name)
        .unwrap_or_else(|| OFFICE_CLERK.into());
    acting_as(&meeting_secretary, || {
        held_sessions(db, &cells[0], this_year, &mut seq)
    })?;
    Ok(DemoOutcome::Created {
        cells: CELLS.len(),
        members,
        topics,
    })
}

/// One account per role, so that a new user can try each (the passwords are in the README):
/// user name, password, role. The secretary, committee member and member are people of the first
/// cell: its Bí thư, its Phó Bí thư (who keeps its minutes), and the member assigned to its
/// topic discussed this year (who has a comment to answer); the clerk is the office's.
pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    ("quantri", "demo-quantri", Role::Administrator),
    ("bithu", "demo-bithu", Role::Secretary),
    ("capuy", "demo-capuy", Role::CommitteeMember),
    ("dangvien", "demo-dangvien", Role::Member),
    ("vanphong", "demo-vanphong", Role::Clerk),
];

/// Adds the demo's accounts ([`DEMO_ACCOUNTS`]) to the demonstration data, those not there yet:
/// `chuyende demo-data` does after [`fill`]. Kept apart from [`fill`] so that data filled for
/// tests and benchmarks stays open to whoever uses it, as data without accounts is.
pub fn fill_accounts(db: &Database) -> Result<()> {
    let Some(cell) = db
        .organisations(false)?
        .into_iter()
        .find(|o| o.name == CELLS[0].0)
    else {
        return Ok(());
    };
    let this_year = db.today().year();
    acting_as(OFFICE_CLERK, || demo_accounts(db, &cell, this_year))
}

fn demo_accounts(db: &Database, cell: &Organisation, year: i32) -> Result<()> {
    let people = db.members(Some(cell.id), false)?;
    let topics = db.plan_board(cell.id, year)?.topics;
    // Someone other than the secretary and her deputy, whose accounts are the committee's.
    let leaders: Vec<_> = people.iter().take(2).map(|m| m.id).collect();
    let assignee_of = |t: &crate::topic::Topic| {
        t.assignees
            .first()
            .map(|a| a.id)
            .filter(|id| !leaders.contains(id))
    };
    let assignee = [TopicState::Discussed, TopicState::Drafting]
        .iter()
        .find_map(|s| {
            topics
                .iter()
                .filter(|t| t.state == *s)
                .find_map(assignee_of)
        })
        .or_else(|| topics.iter().find_map(assignee_of))
        .or_else(|| people.get(2).map(|m| m.id));
    for (username, password, role) in DEMO_ACCOUNTS {
        let (member_id, display_name) = match role {
            Role::Administrator => (None, "Quản trị máy trạm"),
            Role::Clerk => (None, OFFICE_CLERK),
            Role::Secretary => (people.first().map(|m| m.id), ""),
            Role::CommitteeMember => (people.get(1).map(|m| m.id), ""),
            Role::Member => (assignee, ""),
        };
        let draft = AccountDraft {
            username: (*username).into(),
            display_name: display_name.into(),
            role: *role,
            member_id,
            password: (*password).into(),
        };
        db.write(|tx| {
            if !crate::account::username_taken(tx, username)? {
                crate::account::insert(tx, &draft)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// The first of January of `year`.
fn first_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date")
}

/// A plan for `org` in `year` with `count` topics (one per quarter from quý I, or quý III
/// alone when there is one), drawn up in January and each topic moved along its cycle as far
/// as its date and the calendar's today make it, told by `story` of its quarter.
#[allow(clippy::too_many_arguments)]
fn plan_year(
    db: &Database,
    cal: &Calendar,
    org: &Organisation,
    year: i32,
    count: u8,
    story: &dyn Fn(u8) -> Story,
    seq: &mut Sequence,
    outlines: &mut usize,
) -> Result<usize> {
    cal.on(db, first_day(year) + Days::new(9));
    let plan = db.create_plan(org.id, year)?;
    let people = db.members(Some(org.id), false)?;
    // The organisation's secretary draws up the plan and moves its topics along.
    let secretary = people
        .first()
        .map(|m| m.full_name.clone())
        .unwrap_or_else(|| OFFICE_CLERK.into());
    acting_as(&secretary, || {
        plan_topics(
            db, cal, org, &people, plan.id, year, count, story, seq, outlines,
        )
    })
}

/// The topics of one plan (see [`plan_year`]).
#[allow(clippy::too_many_arguments)]
fn plan_topics(
    db: &Database,
    cal: &Calendar,
    org: &Organisation,
    people: &[crate::member::Member],
    plan: crate::plan::PlanId,
    year: i32,
    count: u8,
    story: &dyn Fn(u8) -> Story,
    seq: &mut Sequence,
    outlines: &mut usize,
) -> Result<usize> {
    let groups = db.topic_groups(org.id)?;
    let quarters: Vec<u8> = if count == 1 {
        vec![3]
    } else {
        (1..=count).collect()
    };
    let mut planned = Vec::new();
    // No topic twice in one plan.
    let mut used = std::collections::HashSet::new();
    for &n in &quarters {
        let quarter = Quarter::new(n).expect("1 to 4");
        let day = quarter.first_day(year) + chrono::Days::new(20 + seq.next(40) as u64);
        let mut pick = seq.next(TOPICS.len());
        while !used.insert(pick) {
            pick = (pick + 1) % TOPICS.len();
        }
        let (title, group) = TOPICS[pick];
        let topic = db.create_topic(
            plan,
            &TopicDraft {
                title: title.into(),
                group_id: groups[group.min(groups.len() - 1)].id,
                quarter,
                planned_on: Some(day),
                suggestions:
                    "Liên hệ thực tế của cơ quan, đơn vị; nêu rõ trách nhiệm của từng đảng viên."
                        .into(),
                notes: String::new(),
                assignee_ids: vec![people[seq.next(people.len())].id],
            },
        )?;
        let story = story(n);
        let target = target(day, cal.today, story, count == 1, seq);
        // A topic goes past drafting only with its outline; the benchmarks' large fill brings
        // in a limited number of outlines, and keeps the other topics at most in drafting.
        let target = if *outlines > 0 || target == TopicState::Cancelled {
            target
        } else {
            match target {
                TopicState::Planned => TopicState::Planned,
                _ => TopicState::Drafting,
            }
        };
        planned.push((topic, target, story));
    }
    // Every demo year has begun, so its plan was approved in January, with all its topics;
    // what became of them (cancelled, postponed) came after and leaves the approved plan as
    // it was. The plan is reported to the committee above at the end of January.
    let approved_on = (first_day(year) + Days::new(14)).min(cal.today);
    cal.on(db, approved_on);
    db.approve_plan(plan, approved_on)?;
    let reported_on = first_day(year) + Days::new(30);
    if reported_on <= cal.today {
        cal.on(db, reported_on);
        db.report_plan(plan, reported_on)?;
    }
    for (topic, target, story) in planned {
        advance(db, cal, org, people, &topic, target, story, seq)?;
        if target != TopicState::Planned && target != TopicState::Cancelled && *outlines > 0 {
            if target == TopicState::Drafting {
                // (Dated as `advance` left the clock: the day drafting started.)
                let text = outline_markdown(&topic.title, seq);
                acting_as(&assignee_of(&topic), || {
                    db.import_generated_outline(topic.id, "de-cuong.md", &text, "")
                })?;
            }
            *outlines -= 1;
        }
    }
    Ok(quarters.len())
}

/// Days after a session: the minutes signed, the revised outline in, the submission, the
/// committee's decision.
const SIGNED_AFTER: u64 = 1;
const REVISED_AFTER: u64 = 10;
const SUBMITTED_AFTER: u64 = 14;
const DECIDED_AFTER: u64 = 16;
/// Days before a session: drafting begun, the outline in, the draft passed and sent.
const DRAFTING_BEFORE: u64 = 30;
const OUTLINE_BEFORE: u64 = 20;
const PASSED_BEFORE: u64 = 5;

/// How far a topic due on `due` has come by `today`: a quarter long past is decided (now and
/// then returned; the đảng bộ's own topic now and then cancelled), one under way as far as its
/// dates, unless its story holds it back.
fn target(
    due: NaiveDate,
    today: NaiveDate,
    story: Story,
    own: bool,
    seq: &mut Sequence,
) -> TopicState {
    use TopicState as S;
    let draw = seq.next(12);
    match story {
        Story::OutlineLate => return S::Planned,
        Story::DecisionWaiting => return S::Submitted,
        Story::HeldToday => return S::ReadyForSession,
        _ => {}
    }
    if today >= due + Days::new(DECIDED_AFTER) {
        match draw {
            // Cancelling a cell's topic would leave its quarter without a session.
            0 if own => S::Cancelled,
            1 => S::Returned,
            _ => S::Approved,
        }
    } else if today >= due + Days::new(REVISED_AFTER) {
        S::Revised
    } else if today > due {
        S::Discussed
    } else if today + Days::new(PASSED_BEFORE) >= due {
        S::ReadyForSession
    } else if today + Days::new(OUTLINE_BEFORE) >= due {
        S::Drafting
    } else {
        S::Planned
    }
}

/// Walks a topic along the main path of its cycle to `target`, through the cycle's verbs and
/// what each needs: the outline, the session where it is presented (with one member's
/// contribution), the revised outline that takes the contribution in, the submission, the
/// committee's decision.
#[allow(clippy::too_many_arguments)]
fn advance(
    db: &Database,
    cal: &Calendar,
    org: &Organisation,
    people: &[crate::member::Member],
    topic: &crate::topic::Topic,
    target: TopicState,
    story: Story,
    seq: &mut Sequence,
) -> Result<()> {
    use crate::comment::{AnswerDraft, CommentDraft, CommentKind};
    use crate::cycle::Decision;
    use crate::session::{SessionDraft, SessionKind};
    use TopicState as S;
    let id = topic.id;
    let due = topic.due_on;
    // Nothing before the plan's approval in mid-January.
    let floor = first_day(due.year()) + Days::new(15);
    let before = |days| (due - Days::new(days)).max(floor);
    let after = |days| due + Days::new(days);
    let rank = |s: S| match s {
        S::Planned => 0,
        S::Drafting => 1,
        S::ReadyForSession => 2,
        S::Discussed => 3,
        S::Revised => 4,
        S::Submitted => 5,
        S::Approved | S::Returned => 6,
        S::Cancelled => 0,
    };
    if target == S::Cancelled {
        cal.on(db, before(2 * DRAFTING_BEFORE));
        db.cancel_topic(id, "Nội dung đã được sinh hoạt chung ở đảng bộ.")?;
        return Ok(());
    }
    let goal = rank(target);
    if goal >= 1 {
        cal.on(db, before(DRAFTING_BEFORE));
        db.start_drafting(id)?;
    }
    // The assigned member brings in the outline and answers the comments; the meeting secretary
    // opens the session and takes down what is said.
    let assignee = assignee_of(topic);
    let meeting_secretary = people
        .get(1)
        .map(|m| m.full_name.clone())
        .unwrap_or_else(|| assignee.clone());
    if goal >= 2 {
        cal.on(db, before(OUTLINE_BEFORE));
        let text = outline_markdown(&topic.title, seq);
        acting_as(&assignee, || {
            db.import_generated_outline(id, "de-cuong.md", &text, "Bản dự thảo")
        })?;
        let passed_on = match story {
            Story::DraftSentLate => due,
            // Passed before today's session however near its planned day is.
            Story::HeldToday => before(PASSED_BEFORE).min(cal.today - Days::new(3)),
            _ => before(PASSED_BEFORE),
        };
        cal.on(db, passed_on);
        db.pass_draft(id)?;
    }
    if goal >= 3 {
        let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).expect("valid time");
        cal.on(db, due);
        let comment = acting_as(&meeting_secretary, || -> Result<_> {
            let session = db.create_session(&SessionDraft {
                organisation_id: org.id,
                kind: SessionKind::Thematic,
                held_on: topic.due_on,
                starts_at: at(14),
                ends_at: Some(at(16)),
                place: "Phòng họp chi bộ".into(),
                chair_id: people.first().map(|m| m.id),
                secretary_id: people.get(1).map(|m| m.id),
                guests: String::new(),
                topic_ids: vec![id],
            })?;
            // A member who is called (not exempt from meetings) speaks.
            let speaker = people
                .iter()
                .filter(|m| !m.exempt_today)
                .take(3)
                .last()
                .expect("the organisation has members");
            let comment = db.add_comment(
                session.id,
                &CommentDraft {
                    topic_id: Some(id),
                    speaker_id: speaker.id,
                    kind: CommentKind::Contribution,
                    text: "Đề nghị bổ sung giải pháp cụ thể cho từng bộ phận.".into(),
                    anchor_block: None,
                },
            )?;
            // The chair and the meeting secretary sign the printed minutes the next day.
            let signed_on = after(SIGNED_AFTER);
            if story != Story::MinutesUnsigned && signed_on <= cal.today {
                cal.on(db, signed_on);
                db.sign_minutes(session.id, signed_on)?;
            }
            Ok(comment)
        })?;
        if goal >= 4 {
            cal.on(db, after(REVISED_AFTER));
            let text = format!(
                "{}\n\nBản hoàn chỉnh: bổ sung giải pháp cho từng bộ phận.\n",
                outline_markdown(&topic.title, seq)
            );
            acting_as(&assignee, || -> Result<()> {
                let revised = db.import_generated_outline(
                    id,
                    "de-cuong-hoan-chinh.md",
                    &text,
                    "Bản hoàn chỉnh",
                )?;
                db.answer_comment(
                    comment.id,
                    &AnswerDraft::Incorporated {
                        version_id: revised.id,
                    },
                )?;
                Ok(())
            })?;
        }
    }
    if goal >= 5 {
        cal.on(db, after(SUBMITTED_AFTER));
        db.submit_topic(id)?;
    }
    let decision = match target {
        S::Approved => Some(Decision::Approve),
        S::Returned => Some(Decision::Return {
            reasons: "Cần bổ sung giải pháp cụ thể cho từng nhiệm vụ.".into(),
        }),
        _ => None,
    };
    if let Some(decision) = decision {
        // The committee meets: its members take part, the secretary signs.
        let meeting_on = after(DECIDED_AFTER).min(cal.today);
        cal.on(db, meeting_on);
        let form = db.decision_form(id)?;
        let signer = form
            .committee
            .iter()
            .find(|m| m.may_sign)
            .expect("the demonstration's organisations have a secretary");
        db.decide_topic(
            id,
            &crate::approval::CommitteeDecision {
                meeting_on,
                participant_ids: form.committee.iter().map(|m| m.id).collect(),
                signer_id: signer.id,
                version_sha256: form.submission.version_sha256.clone(),
                decision,
            },
        )?;
    }
    Ok(())
}

/// The name of the member a topic is assigned to (the first, when several share it).
fn assignee_of(topic: &crate::topic::Topic) -> String {
    topic
        .assignees
        .first()
        .map(|a| a.full_name.clone())
        .unwrap_or_else(|| OFFICE_CLERK.into())
}

/// A large organisation for benchmarks: one đảng bộ with `cells` cells of eight members each,
/// `years` years of four-topic plans for every cell, and an outline imported for the first
/// `outlines` topics. Returns the number of topics.
///
/// Written a cell at a time, each cell (its members, plans, topics along their cycle, outlines)
/// in one short transaction ([`Database::batch`], some 50 ms): a writer beside it (a comment
/// typed in a meeting) waits at most that long, and a run stopped half way leaves whole cells.
/// The names and drafts of a cell are made before its transaction; the outlines (a few
/// kilobytes of Markdown each) are generated and read inside it, well under a millisecond each.
pub fn fill_large(db: &Database, cells: usize, years: i32, outlines: usize) -> Result<usize> {
    db.require(crate::permission::Action::GenerateDemo)?;
    // As `fill`: the handle's clock is given back as it was, not left on the last step's day.
    let clock = db.clock();
    let outcome = acting_as(OFFICE_CLERK, || fill_large_new(db, cells, years, outlines));
    db.set_clock(clock);
    outcome
}

fn fill_large_new(db: &Database, cells: usize, years: i32, mut outlines: usize) -> Result<usize> {
    let committee = db.create_organisation(&OrganisationDraft {
        name: format!("Đảng bộ Khối cơ quan ({cells} chi bộ)"),
        placement: Placement::PartyCommitteeOrg {
            superior_name: "Tỉnh ủy".into(),
        },
    })?;
    let cal = Calendar::of(db);
    let this_year = cal.today.year();
    let mut seq = Sequence(7);
    let mut topics = 0;
    for c in 0..cells {
        let cell_draft = OrganisationDraft {
            name: format!("Chi bộ số {:03}", c + 1),
            placement: Placement::Cell {
                parent_id: committee.id,
            },
        };
        let names: Vec<(String, Position)> = (0..8)
            .map(|m| {
                let full_name = format!(
                    "{} {} {} {}",
                    FAMILY[m % FAMILY.len()],
                    MIDDLE[m % MIDDLE.len()],
                    GIVEN[(c + m) % GIVEN.len()],
                    m + 1
                );
                let position = if m == 0 {
                    Position::Secretary
                } else {
                    Position::Member
                };
                (full_name, position)
            })
            .collect();
        topics += db.batch(|db| {
            let cell = db.create_organisation(&cell_draft)?;
            for (full_name, position) in &names {
                db.create_member(&MemberDraft {
                    organisation_id: cell.id,
                    full_name: full_name.clone(),
                    position: *position,
                    standing: Standing::Full,
                    record: Default::default(),
                })?;
            }
            let mut made = 0;
            for year in this_year - years + 1..=this_year {
                let story = |_| Story::OnTime;
                made += plan_year(db, &cal, &cell, year, 4, &story, &mut seq, &mut outlines)?;
            }
            Ok(made)
        })?;
    }
    Ok(topics)
}

const SENTENCES: &[&str] = &[
    "Chi bộ tổ chức quán triệt đầy đủ các chỉ thị, nghị quyết của Đảng đến toàn thể đảng viên.",
    "Mỗi đảng viên tự liên hệ bản thân, xây dựng kế hoạch rèn luyện và đăng ký nội dung làm theo.",
    "Đảng bộ Văn phòng UBND tỉnh tổ chức sinh hoạt chuyên đề theo kế hoạch đã được phê duyệt.",
    "Cấp ủy gợi ý những vấn đề cụ thể, thiết thực, mang tính thời sự để đảng viên thảo luận.",
    "Nâng cao trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu.",
    "Thực hành tiết kiệm, chống lãng phí trong sử dụng tài sản công và thời gian làm việc.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong công tác văn phòng.",
    "Kết quả sinh hoạt được ghi vào biên bản, là căn cứ đánh giá, xếp loại đảng viên cuối năm.",
    "Phát huy dân chủ, thẳng thắn tự phê bình và phê bình, không nặng về hình thức.",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với nhiệm vụ chính trị.",
];

/// The outline text of a demo topic: a title, the usual three parts, sentences drawn from a pool.
fn outline_markdown(title: &str, seq: &mut Sequence) -> String {
    let mut out = format!("# ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ\n\n{title}\n\n");
    for (part, heading) in [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    .iter()
    .enumerate()
    {
        out.push_str(&format!("## {heading}\n\n"));
        for section in 1..=2 + part {
            out.push_str(&format!("### {section}. Nội dung {section}\n\n"));
            for _ in 0..3 {
                out.push_str(SENTENCES[seq.next(SENTENCES.len())]);
                out.push(' ');
            }
            out.push_str("\n\n");
        }
    }
    out
}

/// The article's cell holds its quý IV thematic session (the outline brought in and passed,
/// attendance with one member excused, comments of the three kinds, the conclusion) and a
/// regular meeting, so every screen has something to show.
fn held_sessions(db: &Database, cell: &Organisation, year: i32, seq: &mut Sequence) -> Result<()> {
    use crate::comment::{CommentDraft, CommentKind};
    use crate::session::{Presence, SessionDraft, SessionKind};
    let Some(topic) = db
        .plan_board(cell.id, year)?
        .topics
        .into_iter()
        .find(|t| t.quarter.number() == 4)
    else {
        return Ok(());
    };
    if topic.state == TopicState::Planned {
        db.start_drafting(topic.id)?;
    }
    let outline = outline_markdown(&topic.title, seq);
    db.import_generated_outline(topic.id, "de-cuong-du-thao.md", &outline, "Bản dự thảo")?;
    if db.topic(topic.id)?.state == TopicState::Drafting {
        db.pass_draft(topic.id)?;
    }
    // Those exempt from meetings are listed in the attendance but neither chair nor speak.
    let members: Vec<_> = db
        .members(Some(cell.id), false)?
        .into_iter()
        .filter(|m| !m.exempt_today)
        .collect();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).expect("valid time");
    let today = db.today();
    // The regular meeting is held the same day in the morning, the thematic session in the
    // afternoon: never the same hours in the same room.
    let draft = |kind, topic_ids, from: u32| SessionDraft {
        organisation_id: cell.id,
        kind,
        held_on: today,
        starts_at: at(from),
        ends_at: Some(at(from + 2)),
        place: "Phòng họp tầng 2, Nhà khách".into(),
        chair_id: Some(members[0].id),
        secretary_id: Some(members[1].id),
        guests: String::new(),
        topic_ids,
    };
    let session = db.create_session(&draft(SessionKind::Thematic, vec![topic.id], 14))?;
    db.set_attendance(
        session.id,
        members[members.len() - 1].id,
        Presence::Excused,
        "Đi công tác",
    )?;
    let said = [
        (
            0,
            CommentKind::Understanding,
            "Chuyên đề giúp tôi thấy rõ hơn trách nhiệm nêu gương của người đứng đầu.",
        ),
        (
            2,
            CommentKind::Contribution,
            "Đề nghị bổ sung số liệu kết quả thực hiện năm nay vào phần thực trạng.",
        ),
        (
            3,
            CommentKind::Contribution,
            "Phần giải pháp nên tách riêng cho từng bộ phận.",
        ),
        (
            1,
            CommentKind::Measure,
            "Chi ủy phân công đảng viên kèm cặp quần chúng ưu tú, báo cáo hằng quý.",
        ),
    ];
    for (who, kind, text) in said {
        db.add_comment(
            session.id,
            &CommentDraft {
                topic_id: Some(topic.id),
                speaker_id: members[who].id,
                kind,
                text: text.into(),
                anchor_block: None,
            },
        )?;
    }
    // The đảng ủy's representative attends and speaks.
    let guest = db.add_guest(
        session.id,
        &crate::guest::GuestDraft {
            full_name: "Hoàng Văn Sơn".into(),
            title: "Đảng ủy viên, Đảng ủy Văn phòng UBND tỉnh".into(),
        },
    )?;
    db.add_guest_remark(
        session.id,
        &crate::comment::GuestRemarkDraft {
            topic_id: Some(topic.id),
            guest_id: guest.id,
            text: "Đề nghị chi bộ cụ thể hóa chuyên đề thành việc làm của từng đảng viên, báo cáo kết quả về Đảng ủy.".into(),
        },
    )?;
    db.set_conclusion(
        session.id,
        "Đồng chí trình bày tiếp thu các ý kiến, hoàn chỉnh chuyên đề trình chi ủy trong tháng.",
    )?;
    let present = db.session(session.id)?.totals.present;
    db.set_vote(
        session.id,
        &crate::vote::ConclusionVote {
            method: crate::vote::VoteMethod::ShowOfHands,
            agreed: present,
            disagreed: 0,
            abstained: 0,
        },
    )?;
    let regular = db.create_session(&draft(SessionKind::Regular, Vec::new(), 8))?;
    db.set_conclusion(
        regular.id,
        "Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới.",
    )?;
    Ok(())
}
