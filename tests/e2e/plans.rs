//! The yearly plan board, through the window.

use chrono::Datelike;
use chuyende_e2e::{screenshot_dir, App, Session};

use crate::seed::{seed, CELL, MEMBERS};

pub fn card(title: &str) -> String {
    format!("[data-testid=topic-card][data-title=\"{title}\"]")
}

fn add_topic(s: &Session, quarter: u8, title: &str, assignee: &str) {
    s.find(&format!(
        "[data-testid=quarter-column][data-quarter=\"{quarter}\"] [data-testid=add-topic]"
    ))
    .click();
    s.find("[data-testid=topic-title]").type_text(title);
    s.find(&format!(
        "[data-testid=topic-assignee][data-name=\"{assignee}\"]"
    ))
    .click();
    s.find("[data-testid=topic-suggestions]")
        .type_text("Liên hệ trách nhiệm nêu gương của từng đảng viên.");
    s.find("[data-testid=form-save]").click();
    s.wait_gone("[data-testid=topic-form]");
    s.wait_for(&format!(
        "[data-testid=quarter-column][data-quarter=\"{quarter}\"] {}",
        card(title)
    ));
}

pub fn open_topic(s: &Session, title: &str) {
    s.find(&card(title)).click();
    s.wait_for_text("[data-testid=topic-detail-title]", title);
}

fn back(s: &Session) {
    s.find("[data-testid=back-to-plan]").click();
    s.wait_for("[data-testid=plan-board]");
}

pub fn show_cell_plan(s: &Session, year: i32) {
    s.find("[data-testid=nav-plans]").click();
    let value = s.wait_until(
        "the cell in the organisation list",
        "const sel = document.querySelector('[data-testid=plan-org]');
         const opt = sel && [...sel.options].find(o => o.textContent.trim() === arguments[0]);
         return opt ? opt.value : null;",
        &[serde_json::json!(CELL)],
    );
    s.select_by_value(
        "[data-testid=plan-org]",
        value.as_str().expect("an option's value"),
    );
    s.wait_for_text("[data-testid=plan-year]", &year.to_string());
}

#[test]
fn a_plan_of_four_topics_is_built_assigned_started_postponed_and_cancelled_and_survives_a_restart()
{
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let shots = screenshot_dir();
    let year = chrono::Local::now().year(); // the plan screen opens on the current year
    let topics = [
        (
            1,
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            MEMBERS[0],
        ),
        (2, "Trách nhiệm nêu gương của đảng viên", MEMBERS[1]),
        (3, "Nâng cao chất lượng sinh hoạt chi bộ", MEMBERS[2]),
        (4, "Chuyển đổi số trong công tác văn phòng", MEMBERS[0]),
    ];

    {
        let app = App::launch(data.path());
        let s = app.session();
        s.wait_for("[data-testid=nav-settings]").click();
        s.find("[data-testid=profile-name]")
            .type_text("Nguyễn Thị Lan");
        s.find("[data-testid=save-profile]").click();
        s.wait_for("[role=status]");

        show_cell_plan(s, year);
        s.find("[data-testid=create-plan]").click();
        s.wait_for("[data-testid=plan-board]");
        for (quarter, title, who) in topics {
            add_topic(s, quarter, title, who);
        }

        // Start drafting the first.
        open_topic(s, topics[0].1);
        s.find("[data-testid=start-drafting]").click();
        s.wait_for_text("[data-testid=topic-state]", "Đang soạn đề cương");
        back(s);

        // Postpone the second to the next quarter, with a reason.
        open_topic(s, topics[1].1);
        s.find("[data-testid=postpone-topic]").click();
        s.select_by_value("[data-testid=postpone-quarter]", "3");
        s.find("[data-testid=reason]")
            .type_text("Đảng viên được phân công đi học tập trung");
        s.find("[data-testid=form-save]").click();
        s.wait_gone("[data-testid=reason-form]");
        s.wait_for_text("[data-testid=topic-history]", "Hoãn sang quý khác");
        back(s);

        // Cancel the fourth, with a reason; without one it is refused next to the field.
        open_topic(s, topics[3].1);
        s.find("[data-testid=cancel-topic]").click();
        s.find("[data-testid=form-save]").click();
        s.wait_for_text("[data-testid=error-reason]", "lý do");
        s.find("[data-testid=reason]")
            .type_text("Nội dung đã sinh hoạt chung ở đảng bộ");
        s.find("[data-testid=form-save]").click();
        s.wait_gone("[data-testid=reason-form]");
        s.wait_for_text("[data-testid=topic-state]", "Đã hủy");
        back(s);
        // The cell adds a topic group of its own while editing the third topic.
        open_topic(s, topics[2].1);
        s.find("[data-testid=edit-topic]").click();
        s.find("[data-testid=new-group]").click();
        s.find("[data-testid=new-group-name]")
            .type_text("Chuyển đổi số trong cơ quan");
        s.find("[data-testid=new-group-save]").click();
        s.wait_until(
            "the new group chosen",
            "const sel = document.querySelector('[data-testid=topic-group]');
             return sel && sel.options[sel.selectedIndex].textContent.trim() === 'Chuyển đổi số trong cơ quan';",
            &[],
        );
        s.find("[data-testid=form-save]").click();
        s.wait_gone("[data-testid=topic-form]");
        s.wait_for_text("[data-testid=topic-history]", "Đổi nhóm vấn đề");
        back(s);
        s.screenshot(&shots.join("plan-01-board.png"));
    }

    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-plans]");
    show_cell_plan(s, year);
    s.wait_for("[data-testid=plan-board]");
    let in_quarter = |q: u8, title: &str| {
        s.exists(&format!(
            "[data-testid=quarter-column][data-quarter=\"{q}\"] {}",
            card(title)
        ))
    };
    assert!(in_quarter(1, topics[0].1), "the first topic stays in quý I");
    assert!(
        in_quarter(3, topics[1].1),
        "the postponed topic moved to quý III"
    );
    assert!(!in_quarter(2, topics[1].1), "and left quý II");
    let state = |title: &str| s.find(&card(title)).attr("data-state").unwrap_or_default();
    assert_eq!(state(topics[0].1), "drafting");
    assert_eq!(state(topics[1].1), "planned");
    assert_eq!(state(topics[2].1), "planned");
    assert_eq!(state(topics[3].1), "cancelled");
    assert!(
        s.find(&card(topics[2].1))
            .text()
            .contains("Chuyển đổi số trong cơ quan"),
        "the cell's own group is kept"
    );
    s.screenshot(&shots.join("plan-02-board-after-restart.png"));

    open_topic(s, topics[1].1);
    let history = s.find("[data-testid=topic-history]").text();
    for expected in [
        "Thêm chuyên đề",
        "Hoãn sang quý khác",
        "Đảng viên được phân công đi học tập trung",
        "Nguyễn Thị Lan",
        "Quý III",
    ] {
        assert!(
            history.contains(expected),
            "the history shows “{expected}”: {history}"
        );
    }
    s.screenshot(&shots.join("plan-03-topic-history.png"));

    // Readers at 150%: every quarter is in view without scrolling sideways.
    s.find("[data-testid=nav-settings]").click();
    s.find("[data-testid=text-size-150]").click();
    show_cell_plan(s, year);
    s.wait_for("[data-testid=plan-board]");
    let fits = s.execute(
        "const width = document.documentElement.clientWidth;
         const cols = [...document.querySelectorAll('[data-testid=quarter-column]')];
         return cols.length === 4 && cols.every(c => c.getBoundingClientRect().right <= width)
             && document.documentElement.scrollWidth <= width;",
        &[],
    );
    assert_eq!(
        fits,
        serde_json::json!(true),
        "at 150% the four quarters fit the window's width"
    );
    s.screenshot(&shots.join("plan-04-board-at-150-percent.png"));
}

/// The windows on the app's display, as `xwininfo -root -tree` lists them.
pub fn windows(display: &str) -> String {
    let out = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .env("DISPLAY", display)
        .output()
        .expect("xwininfo (x11-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits for the GTK print dialog, its own top-level window, to appear after `before`.
pub fn wait_for_print_dialog(display: &str, before: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        let now = windows(display);
        if let Some(line) = now.lines().find(|l| {
            (l.contains("\"Print\"") || l.contains("\"In\"")) && !before.contains(l.trim())
        }) {
            return line.to_string();
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "no print dialog appeared:\n{now}"
        );
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
}

#[test]
fn the_yearly_plan_is_printed_from_the_plan_screen_through_the_print_dialog() {
    let data = tempfile::tempdir().unwrap();
    let year = chrono::Local::now().year();
    {
        let cell = seed(data.path());
        let db = chuyende::Database::open_in(data.path()).unwrap();
        crate::seed::topic(&db, cell, year, 2, MEMBERS[1]);
        // The place and the symbol a plan is issued with (empty, printing is refused: the
        // minutes' test shows that way).
        let mut settings = db.organisation_settings(cell).unwrap();
        settings.place_name = "Quảng Ninh".into();
        settings.document_symbol = "CB".into();
        db.set_organisation_settings(cell, settings).unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-plans]");
    show_cell_plan(s, year);
    s.wait_for("[data-testid=plan-board]");
    s.command(
        "POST",
        "/window/rect",
        Some(serde_json::json!({"width": 1024, "height": 700})),
    )
    .expect("the window resized to 1024×700");
    s.wait_until(
        "the page laid out at 1024 wide",
        "return document.documentElement.clientWidth <= 1024;",
        &[],
    );
    let fits = s.execute(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;",
        &[],
    );
    assert_eq!(
        fits,
        serde_json::json!(true),
        "at 1024×700 the plan screen, its print button included, has no sideways scroll"
    );
    s.screenshot(&screenshot_dir().join("plan-05-before-print-1024x700.png"));

    let before = windows(app.display_name());
    // Clicked from a script: the dialog is modal, and WebDriver's click would wait on it.
    s.execute(
        "document.querySelector('[data-testid=plan-print]').click();",
        &[],
    );
    let dialog = wait_for_print_dialog(app.display_name(), &before);
    assert!(
        !dialog.is_empty(),
        "the print dialog is a window of its own"
    );
    assert!(
        !s.find_all("[data-testid=plan-print-pages] img").is_empty(),
        "the page laid out for the printer holds the plan's pages"
    );
    let shot = screenshot_dir().join("plan-06-print-dialog.png");
    let _ = std::process::Command::new("import")
        .args(["-window", "root", shot.to_str().unwrap()])
        .env("DISPLAY", app.display_name())
        .status();
}
