//! A thematic session held through the window, from the passed draft to the revised topic.

use chrono::Datelike;
use chuyende_e2e::{keys, screenshot_dir, App, Session};
use serde_json::json;

use crate::plans::{open_topic, show_cell_plan};
use crate::seed::{drop_files, fixture, seed, select_by_text, CELL, TOPIC};

fn row(name: &str) -> String {
    format!("[data-testid=attendance-row][data-name=\"{name}\"]")
}

fn comment_count(s: &Session) -> usize {
    s.find_all("[data-testid=comment-item]").len()
}

fn answered(s: &Session) -> usize {
    s.find_all("[data-testid=revision-comment][data-answered=yes]")
        .len()
}

#[test]
fn a_session_with_attendance_six_keyboard_comments_a_conclusion_and_answers_makes_the_topic_revised(
) {
    let data = tempfile::tempdir().unwrap();
    let year = chrono::Local::now().year();
    {
        let cell = seed(data.path());
        let db = chuyende::Database::open_in(data.path()).unwrap();
        crate::seed::add_members(&db, cell, &["Lê Thu Hà", "Phạm Minh Tuấn"]);
        // In today's quarter: the session form proposes today, and a date far from the
        // topic's quarter would ask for confirmation (tests/e2e/dates.rs).
        let quarter = chuyende::plan::Quarter::of(chrono::Local::now().date_naive()).number();
        let topic = crate::seed::topic(&db, cell, year, quarter, "Trần Văn Bình");
        crate::seed::with_outline(&db, topic);
    }
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();

    // The cell's secretary passes the draft: the topic is ready for its session.
    s.wait_for("[data-testid=nav-plans]");
    show_cell_plan(s, year);
    open_topic(s, TOPIC);
    s.find("[data-testid=pass-draft]").click();
    s.wait_for_text("[data-testid=pass-draft-form]", "một ngày trước");
    s.screenshot(&chuyende_e2e::screenshot_dir().join("session-00a-pass-draft-question.png"));
    s.find("[data-testid=confirm-pass-draft]").click();
    s.wait_for_text("[data-testid=topic-state]", "Sẵn sàng sinh hoạt");

    // Open the session.
    s.find("[data-testid=nav-sessions]").click();
    select_by_text(s, "[data-testid=sessions-org]", CELL);
    s.wait_for("[data-testid=open-session]:enabled").click();
    s.wait_for("[data-testid=session-form]");
    assert_eq!(
        session_kinds(&s),
        json!(["Sinh hoạt chuyên đề", "Sinh hoạt chi bộ thường kỳ"]),
        "a cell opens both kinds of session"
    );
    assert_eq!(
        s.find("[data-testid=session-topic]").prop("checked"),
        json!(true),
        "the ready topic is proposed"
    );
    s.find("[data-testid=session-place]")
        .type_text("Phòng họp tầng 2");
    select_by_text(s, "[data-testid=session-chair]", "Nguyễn Thị Lan");
    select_by_text(s, "[data-testid=session-secretary]", "Lê Thu Hà");
    s.find("[data-testid=form-save]").click();
    s.wait_for("[data-testid=session-record]");
    s.wait_for("[data-testid=attendance-row]");

    // Attendance: five members, one excused with a reason, one absent without.
    assert_eq!(s.find_all("[data-testid=attendance-row]").len(), 5);
    s.find(&format!(
        "{} [data-testid=presence-excused]",
        row("Đặng Quang Hải")
    ))
    .click();
    // Not saved without its reason: the row still shows "present", and says what is missing.
    s.wait_for(&format!(
        "{} [data-testid=mark-pending]",
        row("Đặng Quang Hải")
    ));
    assert_eq!(
        s.find(&format!(
            "{} [data-testid=presence-excused]",
            row("Đặng Quang Hải")
        ))
        .prop("checked"),
        json!(false),
        "an excused mark without a reason is never shown as saved"
    );
    assert_eq!(
        s.find(&format!(
            "{} [data-testid=presence-present]",
            row("Đặng Quang Hải")
        ))
        .prop("checked"),
        json!(true)
    );
    let reason = s.find(&format!(
        "{} [data-testid=absence-reason]",
        row("Đặng Quang Hải")
    ));
    reason.type_text("Đi công tác");
    reason.type_text(keys::ENTER);
    s.wait_for(&format!("{}[data-presence=excused]", row("Đặng Quang Hải")));
    s.find(&format!(
        "{} [data-testid=presence-unexcused]",
        row("Phạm Minh Tuấn")
    ))
    .click();
    s.wait_for(&format!(
        "{}[data-presence=unexcused]",
        row("Phạm Minh Tuấn")
    ));
    let totals = s
        .wait_for_text("[data-testid=attendance-totals]", "vắng không lý do 1")
        .text();
    assert!(
        totals.contains("Tổng số 5")
            && totals.contains("có mặt 3")
            && totals.contains("vắng có lý do 1")
            && totals.contains("vắng không lý do 1"),
        "{totals}"
    );
    assert!(
        s.exists("[data-testid=attendance-warning]"),
        "3 of 5 is under the default 2/3"
    );
    s.screenshot(&shots.join("session-00-attendance.png"));

    // Six comments of the three kinds, with the keyboard alone.
    let said = [
        (
            "Lan",
            "1",
            "Chuyên đề giúp tôi nhận thức rõ hơn trách nhiệm nêu gương của người đứng đầu.",
        ),
        (
            "Hà",
            "1",
            "Bản thân tôi sẽ gương mẫu trong giờ giấc và tác phong.",
        ),
        (
            "Bình",
            "2",
            "Đề nghị bổ sung số liệu kết quả năm 2024 vào mục thực trạng.",
        ),
        (
            "Hà",
            "2",
            "Phần giải pháp nên tách riêng cho bộ phận Nhà khách.",
        ),
        (
            "Lan",
            "3",
            "Chi ủy phân công đảng viên kèm cặp quần chúng ưu tú.",
        ),
        (
            "Bình",
            "3",
            "Đưa nội dung nêu gương vào tiêu chí đánh giá cuối năm.",
        ),
    ];
    s.find("[data-testid=comment-speaker]").click(); // from here on, the keyboard alone
    for (n, (who, kind, text)) in said.iter().enumerate() {
        s.press_key(who);
        s.press_key(keys::ENTER);
        s.press_key(kind);
        s.press_key(keys::ENTER);
        s.press_key(text);
        s.press_key(keys::ENTER);
        s.wait_until(&format!("comment {} saved", n + 1), "return document.querySelectorAll('[data-testid=comment-item]').length === arguments[0];", &[json!(n + 1)]);
    }
    assert_eq!(comment_count(s), 6);
    for kind in ["understanding", "contribution", "measure"] {
        assert_eq!(
            s.find_all(&format!("[data-testid=comment-item][data-kind={kind}]"))
                .len(),
            2,
            "two comments of kind {kind}"
        );
    }
    let list = s.find("[data-testid=comment-list]").text();
    assert!(
        list.contains("Đồng chí Trần Văn Bình") && list.contains("bộ phận Nhà khách"),
        "{list}"
    );

    s.find("[data-testid=conclusion]").type_text(
        "Đồng chí Bình tiếp thu các ý kiến, hoàn chỉnh chuyên đề trình chi ủy trước ngày 30.",
    );
    s.wait_for_text("[data-testid=conclusion-status]", "Đã lưu.");
    s.screenshot(&shots.join("session-01-record.png"));

    // At the end of the meeting: the end time.
    s.find("[data-testid=edit-session]").click();
    s.wait_for("[data-testid=session-ends]");
    s.execute(
        "const i = document.querySelector('[data-testid=session-ends]'); i.value = '16:00';
         i.dispatchEvent(new Event('input', { bubbles: true }));",
        &[],
    );
    s.find("[data-testid=form-save]").click();
    s.wait_gone("[data-testid=session-form]");
    s.wait_for_text("[data-testid=session-record] header", "–16:00");

    // The revision: the revised outline, then an answer to every comment.
    show_cell_plan(s, year);
    open_topic(s, TOPIC);
    s.wait_for_text("[data-testid=topic-state]", "Đã sinh hoạt");
    drop_files(s, &[fixture("de-cuong-v2.docx")]);
    s.wait_for("[data-testid=version-row][data-number=\"2\"]");
    s.wait_for("[data-testid=revision-comment]");
    assert!(
        s.find("[data-testid=revision-status]")
            .text()
            .contains("0/4"),
        "the two reflections need no answer: 4 of the 6 do"
    );
    for n in 0..6 {
        let open = s.find("[data-testid=revision-comment][data-answered=no]");
        if n < 3 {
            open.find("[data-testid=answer-explained]").click();
            open.find("[data-testid=answer-text]")
                .type_text("Ý kiến về nhận thức, đề cương giữ nguyên.");
        }
        open.find("[data-testid=answer-save]").click();
        s.wait_until(&format!("answer {}", n + 1), "return document.querySelectorAll('[data-testid=revision-comment][data-answered=yes]').length === arguments[0];", &[json!(n + 1)]);
    }
    assert_eq!(answered(s), 6);
    s.wait_for_text("[data-testid=topic-state]", "Đã hoàn chỉnh");
    s.execute(
        "document.querySelector('[data-testid=revision]').scrollIntoView();",
        &[],
    );
    s.screenshot(&shots.join("session-02-revised.png"));

    // The cell sets its own quorum in Settings: 3 of 5 present then meets 3/5.
    s.find("[data-testid=nav-settings]").click();
    select_by_text(s, "[data-testid=settings-org]", CELL);
    s.wait_until(
        "the cell's settings: two thirds by default",
        "return document.querySelector('[data-testid=settings-quorum-numerator]').value === '2'
             && document.querySelector('[data-testid=settings-quorum-denominator]').value === '3';",
        &[],
    );
    let numerator = s.find("[data-testid=settings-quorum-numerator]");
    numerator.clear();
    numerator.type_text("3");
    let denominator = s.find("[data-testid=settings-quorum-denominator]");
    denominator.clear();
    denominator.type_text("5");
    s.find("[data-testid=settings-save-org]").click();
    s.wait_for_text("[role=status]", "Đã lưu");
    s.find("[data-testid=nav-sessions]").click();
    select_by_text(s, "[data-testid=sessions-org]", CELL);
    s.find("[data-testid=open-session-record]").click();
    s.wait_for("[data-testid=attendance-totals]");
    assert!(
        !s.exists("[data-testid=attendance-warning]"),
        "no warning once the organisation's threshold is met"
    );
}

/// What the page's focus is on: its test id, or its tag.
fn focused(s: &Session) -> String {
    s.execute(
        "const a = document.activeElement;
         return a ? (a.dataset.testid ?? a.tagName.toLowerCase()) : 'nothing';",
        &[],
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[test]
fn a_committees_year_of_more_sessions_than_a_page_is_shown_a_page_at_a_time_with_the_count_and_narrowed_to_one_cell_or_those_found_by_name(
) {
    use crate::layout::{outside_cards, text_size};
    use chuyende::organisation::Placement;
    let data = tempfile::tempdir().unwrap();
    // Fourteen cells and last year whole (every quarter held): more sessions than a page.
    let year = chrono::Local::now().year() - 1;
    let (committee, first, second, cell, found) = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        chuyende::demo::fill_large(&db, 14, 2, usize::MAX).unwrap();
        let committee = db
            .organisations(false)
            .unwrap()
            .into_iter()
            .find(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
            .unwrap();
        let first = db.sessions(committee.id, year, None, "", 1).unwrap();
        assert_eq!(first.pages, 2, "the data holds two pages: {}", first.total);
        let second = db.sessions(committee.id, year, None, "", 2).unwrap();
        let cell = first.organisations.last().unwrap().clone();
        let found = db.sessions(committee.id, year, None, "số 01", 1).unwrap();
        (committee, first, second, cell, found)
    };
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    select_by_text(s, "[data-testid=sessions-org]", &committee.name);
    s.wait_for("[data-testid=sessions-year-prev]").click();

    // The first page: fifty sessions, the count of them all, whose each one is.
    s.wait_for_text("[data-testid=sessions-count]", &first.shown);
    assert!(first.shown.starts_with("Hiển thị 1–50 / "), "{}", first.shown);
    assert_eq!(s.find_all("[data-testid=session-row]").len(), 50);
    assert_eq!(s.find("[data-testid=sessions-page]").text(), "Trang 1 / 2");
    let orgs: Vec<String> = s
        .find_all("[data-testid=session-org]")
        .iter()
        .map(|e| e.text())
        .collect();
    let expected: Vec<String> = first
        .sessions
        .iter()
        .map(|x| x.organisation_name.clone())
        .collect();
    assert_eq!(orgs, expected, "the library's first page, in its order");
    assert!(!s.find("[data-testid=sessions-page-prev]").is_enabled());
    s.screenshot(&shots.join("sessions-paged-01-first-page.png"));
    text_size(s, 150);
    let outside = outside_cards(s);
    assert!(outside.is_null(), "the list stays inside its card at 150 %: {outside}");
    s.execute(
        "document.querySelector('[data-testid=sessions-page-next-end]').scrollIntoView({ block: 'end' });",
        &[],
    );
    s.screenshot(&shots.join("sessions-paged-02-pager-150.png"));
    text_size(s, 100);

    // From the last session of the page, Tab reaches the pager below the list and Enter turns
    // the page, which is read from its top: the focus goes to the pager above it.
    s.execute(
        "[...document.querySelectorAll('[data-testid=open-session-record]')].pop().focus();",
        &[],
    );
    s.keys(&[&[keys::TAB]]);
    assert_eq!(focused(s), "sessions-page-next-end", "the disabled ‹ is skipped");
    s.keys(&[&[keys::ENTER]]);
    s.wait_for_text("[data-testid=sessions-count]", &second.shown);
    assert_eq!(
        s.find_all("[data-testid=session-row]").len(),
        second.sessions.len()
    );
    assert_eq!(s.find("[data-testid=sessions-page]").text(), "Trang 2 / 2");
    assert_eq!(s.find("[data-testid=sessions-page-end]").text(), "Trang 2 / 2");
    assert_eq!(
        focused(s),
        "sessions-page-prev",
        "on the last page, the focus is on the pager above the list, on ‹"
    );
    let top = s.execute(
        "return document.querySelector('[data-testid=sessions-count]').getBoundingClientRect().top;",
        &[],
    );
    assert!(
        top.as_f64().is_some_and(|t| (0.0..700.0).contains(&t)),
        "the count and the pager above the list are in view: {top}"
    );
    s.screenshot(&shots.join("sessions-paged-03-second-page.png"));
    s.keys(&[&[keys::ENTER]]);
    s.wait_for_text("[data-testid=sessions-count]", &first.shown);

    // One cell's sessions: the filter offers each with its count, and the list holds theirs.
    let option = format!("{} ({})", cell.name, cell.count);
    select_by_text(s, "[data-testid=sessions-cell]", &option);
    let shown = format!("Hiển thị 1–{0} / {0} buổi", cell.count);
    s.wait_for_text("[data-testid=sessions-count]", &shown);
    assert_eq!(
        s.find_all("[data-testid=session-row]").len() as i64,
        cell.count
    );
    assert!(!s.exists("[data-testid=sessions-page]"), "one page: no pager");
    assert!(!s.exists("[data-testid=session-org]"), "one cell: no column of whose");
    s.screenshot(&shots.join("sessions-paged-04-one-cell.png"));
    text_size(s, 150);
    s.screenshot(&shots.join("sessions-paged-05-one-cell-150.png"));
    text_size(s, 100);

    // A part of a name typed: the cells found, their sessions, and only those in the filter.
    s.find("[data-testid=sessions-cell-name]").type_text("số 01");
    s.wait_for_text("[data-testid=sessions-count]", &found.shown);
    assert_eq!(
        s.find_all("[data-testid=session-row]").len(),
        found.sessions.len()
    );
    let offered: Vec<String> = s
        .find_all("[data-testid=sessions-cell] option")
        .iter()
        .map(|o| o.text())
        .collect();
    assert_eq!(offered.len(), found.organisations.len() + 1, "{offered:?}");
    assert!(
        offered[1..].iter().all(|o| o.contains("số 01")),
        "only the cells found are offered: {offered:?}"
    );
    s.screenshot(&shots.join("sessions-paged-06-found-by-name.png"));
}

/// A đảng bộ's own session: its roll (every cell's members) is longer than a page, so the form
/// searches it for the chair and the secretary instead of listing everyone.
#[test]
fn a_party_committees_session_form_searches_its_roll_for_the_chair_and_the_secretary() {
    let data = tempfile::tempdir().unwrap();
    {
        let cell = seed(data.path());
        let db = chuyende::Database::open_in(data.path()).unwrap();
        crate::seed::long_roll(&db, cell, 55);
        // A đảng bộ opens thematic sessions only: one topic of its own, ready, this quarter.
        let chuyende::organisation::Placement::Cell { parent_id } =
            db.organisations(false).unwrap().into_iter().find(|o| o.id == cell).unwrap().placement
        else {
            panic!("the seed's cell is in a đảng bộ");
        };
        let today = chrono::Local::now().date_naive();
        let quarter = (today.month0() / 3 + 1) as u8;
        let topic = crate::seed::topic(&db, parent_id, today.year(), quarter, "Nguyễn Thị Lan");
        crate::seed::with_outline(&db, topic);
        db.pass_draft(topic).unwrap();
    }
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-sessions]").click();
    select_by_text(s, "[data-testid=sessions-org]", "Đảng bộ Văn phòng UBND tỉnh");
    s.wait_for("[data-testid=open-session]:enabled").click();
    s.wait_for("[data-testid=session-form]");
    assert_eq!(
        session_kinds(&s),
        json!(["Sinh hoạt chuyên đề"]),
        "a đảng bộ opens no regular cell meeting (the library's SessionKind::held_by)"
    );
    s.wait_for_text("[data-testid=session-chair-more]", "Đang hiện 50 trong 58 đảng viên");
    // A cell's secretary is not the đảng bộ's: nobody is proposed as chair.
    assert_eq!(s.find("[data-testid=session-chair]").prop("value"), json!(""));
    s.find("[data-testid=session-chair-search]").type_text("nguyễn thị lan");
    select_by_text(s, "[data-testid=session-chair]", "Nguyễn Thị Lan");
    s.find("[data-testid=session-secretary-search]").type_text("số 42");
    select_by_text(s, "[data-testid=session-secretary]", "Đảng viên số 42");
    // Searching again leaves the choice made.
    s.find("[data-testid=session-chair-search]").type_text("x");
    s.wait_for("[data-testid=session-chair-none]");
    assert_eq!(
        s.execute(
            "const sel = document.querySelector('[data-testid=session-chair]');
             return sel.options[sel.selectedIndex].textContent.trim();",
            &[]
        ),
        json!("Nguyễn Thị Lan"),
        "the chair chosen stays chosen while the search shows nobody"
    );
    s.find("[data-testid=session-place]").type_text("Hội trường tầng 3");
    s.screenshot(&screenshot_dir().join("session-form-searched-roll.png"));
    // The form is taller than the window with its two search boxes: its buttons are scrolled to.
    s.execute("document.querySelector('[data-testid=form-save]').scrollIntoView({ block: 'center' });", &[]);
    s.find("[data-testid=form-save]").click();
    s.wait_for_text("[data-testid=session-record]", "Chủ trì: Nguyễn Thị Lan · Thư ký: Đảng viên số 42");
}

/// The kinds of session the open form offers, as read.
fn session_kinds(s: &Session) -> serde_json::Value {
    s.execute(
        "return [...document.querySelectorAll('[data-testid=session-kind] option')].map((o) => o.textContent.trim());",
        &[],
    )
}
