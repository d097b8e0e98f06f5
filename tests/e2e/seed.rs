//! Data the tests start from, made through the domain library (each screen's own test makes
//! its data through the window).

use chuyende::member::{MemberDraft, Position, Standing};
use chuyende::organisation::{OrganisationDraft, Placement};
use chuyende_e2e::{App, Session};
use serde_json::json;

pub const CELL: &str = "Chi bộ Công báo - Nhà khách";
pub const MEMBERS: [&str; 3] = ["Nguyễn Thị Lan", "Trần Văn Bình", "Đặng Quang Hải"];

/// A đảng bộ with one cell of three members, made through the library (the organisations
/// screens have their own test), so this test is about the plan.
pub fn seed(data: &std::path::Path) -> chuyende::organisation::OrganisationId {
    let db = chuyende::Database::open_in(data).unwrap();
    let committee = db
        .create_organisation(&OrganisationDraft {
            name: "Đảng bộ Văn phòng UBND tỉnh".into(),
            placement: Placement::PartyCommitteeOrg {
                superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
            },
        })
        .unwrap();
    let cell = db
        .create_organisation(&OrganisationDraft {
            name: CELL.into(),
            placement: Placement::Cell {
                parent_id: committee.id,
            },
        })
        .unwrap();
    for (i, name) in MEMBERS.iter().enumerate() {
        let position = if i == 0 {
            Position::Secretary
        } else {
            Position::Member
        };
        db.create_member(&MemberDraft {
            organisation_id: cell.id,
            full_name: (*name).into(),
            position,
            standing: Standing::Full,
            record: Default::default(),
        })
        .unwrap();
    }
    cell.id
}

/// The absolute path of a document in tests/fixtures.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("fixtures")
        .join(name);
    path.canonicalize()
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
        .display()
        .to_string()
}

/// What the window does with an OS file drop, minus the OS: WebDriver cannot drop files.
pub fn drop_files(s: &Session, paths: &[String]) {
    s.execute(
        "window.dispatchEvent(new CustomEvent('chuyende:drop-files', { detail: arguments[0] }));",
        &[json!(paths)],
    );
}

/// Chooses the option of a <select> whose text is `text`, once the page has loaded it.
pub fn select_by_text(s: &Session, css: &str, text: &str) {
    let value = s.wait_until(
        &format!("{css} to have an option “{text}”"),
        "const sel = document.querySelector(arguments[0]);
         const o = sel && [...sel.options].find(o => o.textContent.trim() === arguments[1]);
         return o ? o.value : null;",
        &[json!(css), json!(text)],
    );
    s.select_by_value(css, value.as_str().expect("an option's value"));
}

pub const TOPIC: &str = "Trách nhiệm nêu gương của đảng viên";

/// The topic the outline, session and minutes tests work on: in `cell`'s plan of `year`
/// (made if needed), in `quarter`, assigned to the member called `assignee`.
pub fn topic(
    db: &chuyende::Database,
    cell: chuyende::organisation::OrganisationId,
    year: i32,
    quarter: u8,
    assignee: &str,
) -> chuyende::topic::TopicId {
    let plan = match db.plan_board(cell, year).unwrap().plan {
        Some(plan) => plan,
        None => db.create_plan(cell, year).unwrap(),
    };
    let member = db
        .members(Some(cell), false)
        .unwrap()
        .into_iter()
        .find(|m| m.full_name == assignee)
        .expect("the assignee is a member");
    db.create_topic(
        plan.id,
        &chuyende::topic::TopicDraft {
            title: TOPIC.into(),
            group_id: db.topic_groups(cell).unwrap()[2].id,
            quarter: chuyende::plan::Quarter::new(quarter).unwrap(),
            planned_on: None,
            suggestions: String::new(),
            notes: String::new(),
            assignee_ids: vec![member.id],
        },
    )
    .unwrap()
    .id
}

/// A fresh data folder with a cell and one topic of this year's quý IV (no outline yet), the
/// window open on that topic.
pub fn topic_screen(data: &std::path::Path) -> App {
    use chrono::Datelike;
    let year = chrono::Local::now().year();
    {
        let cell = seed(data);
        let db = chuyende::Database::open_in(data).unwrap();
        topic(&db, cell, year, 4, "Nguyễn Thị Lan");
    }
    let app = App::launch(data);
    let s = app.session();
    s.wait_for("[data-testid=nav-plans]");
    crate::plans::show_cell_plan(s, year);
    crate::plans::open_topic(s, TOPIC);
    s.wait_for("[data-testid=no-versions]");
    app
}

/// `topic` with the fixtures' first outline (de-cuong-v1.docx) brought in: drafting.
pub fn with_outline(db: &chuyende::Database, topic: chuyende::topic::TopicId) {
    db.start_drafting(topic).unwrap();
    db.import_outline_file(
        topic,
        std::path::Path::new(&fixture("de-cuong-v1.docx")),
        "",
    )
    .unwrap();
}

/// More members of `cell`: full members with no position in the committee.
pub fn add_members(
    db: &chuyende::Database,
    cell: chuyende::organisation::OrganisationId,
    names: &[&str],
) {
    for name in names {
        db.create_member(&MemberDraft {
            organisation_id: cell,
            full_name: (*name).into(),
            position: Position::Member,
            standing: Standing::Full,
            record: Default::default(),
        })
        .unwrap();
    }
}

/// A second cell of the đảng bộ `cell` belongs to, named so that it comes first in the roll, with
/// `count` members "Đảng viên số N": the đảng bộ's roll is then longer than a page of
/// `find_members` (50), as at a real đảng bộ's size.
pub fn long_roll(db: &chuyende::Database, cell: chuyende::organisation::OrganisationId, count: usize) {
    let parent = match db.organisations(false).unwrap().into_iter().find(|o| o.id == cell).unwrap().placement {
        Placement::Cell { parent_id } => parent_id,
        _ => panic!("a cell"),
    };
    let other = db
        .create_organisation(&OrganisationDraft {
            name: "Chi bộ Ban Tiếp công dân".into(),
            placement: Placement::Cell { parent_id: parent },
        })
        .unwrap();
    let names: Vec<String> = (1..=count).map(|n| format!("Đảng viên số {n:02}")).collect();
    add_members(db, other.id, &names.iter().map(String::as_str).collect::<Vec<_>>());
}

/// Today's thematic session of `cell` on `topic`, at midnight for two hours (whenever a test runs,
/// the session comes before the day's imports and answers), chaired by Nguyễn Thị Lan with Đặng
/// Quang Hải keeping the minutes. Made through the library.
pub fn session_today(
    db: &chuyende::Database,
    cell: chuyende::organisation::OrganisationId,
    topic: chuyende::topic::TopicId,
) -> chuyende::session::Session {
    let members = db.members(Some(cell), false).unwrap();
    let by = |name: &str| members.iter().find(|m| m.full_name == name).unwrap().id;
    db.create_session(&chuyende::session::SessionDraft {
        organisation_id: cell,
        kind: chuyende::session::SessionKind::Thematic,
        held_on: chrono::Local::now().date_naive(),
        starts_at: chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
        ends_at: Some(chrono::NaiveTime::from_hms_opt(2, 0, 0).unwrap()),
        place: "Phòng họp tầng 2".into(),
        chair_id: Some(by("Nguyễn Thị Lan")),
        secretary_id: Some(by("Đặng Quang Hải")),
        guests: String::new(),
        topic_ids: vec![topic],
    })
    .unwrap()
}
