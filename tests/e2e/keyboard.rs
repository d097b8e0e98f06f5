//! The keyboard alone (issue 17): a topic added to the plan and a comment taken down without
//! the mouse — WebDriver key actions only, no click — with the focus visible at every step,
//! Ctrl+N for a new record, Ctrl+F for the search, Esc closing a dialog.

use chuyende_e2e::{keys, screenshot_dir, Session};
use serde_json::json;

use crate::seed::TOPIC;

/// The focused element shows a focus ring a person can see: an outline of some width that is
/// not transparent.
fn assert_focus_visible(s: &Session, what: &str) {
    let ring = s.execute(
        "const a = document.activeElement;
         if (!a || a === document.body) return 'nothing focused';
         const st = getComputedStyle(a);
         const visible = st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2
           && st.outlineColor !== 'transparent' && !st.outlineColor.endsWith(', 0)');
         return visible ? true : `${a.tagName} ${a.dataset.testid || ''}: outline ${st.outlineStyle} ${st.outlineWidth} ${st.outlineColor}`;",
        &[],
    );
    assert_eq!(ring, json!(true), "the focus is visible on {what}");
}

const NEW_TOPIC: &str = "Chuyển đổi số trong công tác đảng";

#[test]
fn a_topic_is_added_and_a_comment_taken_down_with_the_keyboard_alone() {
    let data = tempfile::tempdir().unwrap();
    crate::meeting::meeting_today(data.path());
    let app = chuyende_e2e::App::launch(data.path());
    let s = app.session();
    let shots = screenshot_dir();
    s.wait_for("[data-testid=overview-org]");

    // To Kế hoạch through the navigation.
    s.tab_to("[data-testid=nav-plans]", false, 10);
    assert_focus_visible(s, "the navigation");
    s.screenshot(&shots.join("keyboard-01-focus-on-navigation.png"));
    s.keys(&[&[keys::ENTER]]);
    s.wait_for("[data-testid=plan-board]");
    s.wait_for(&crate::plans::card(TOPIC));

    // Esc closes a dialog without saving.
    s.keys(&[&[keys::CONTROL, "n"]]);
    s.wait_for("[data-testid=topic-form]");
    s.keys(&[&[keys::ESCAPE]]);
    s.wait_gone("[data-testid=topic-form]");

    // Ctrl+N: a new topic, the cursor in its title.
    s.keys(&[&[keys::CONTROL, "n"]]);
    s.wait_for("[data-testid=topic-form]");
    s.wait_until(
        "the cursor in the title",
        "return document.activeElement?.dataset.testid === 'topic-title';",
        &[],
    );
    s.keys(&[&[NEW_TOPIC]]);
    s.tab_to(
        "[data-testid=topic-assignee][data-name=\"Trần Văn Bình\"]",
        false,
        30,
    );
    assert_focus_visible(s, "an assignee's box");
    s.keys(&[&[keys::SPACE]]);
    s.tab_to("[data-testid=form-save]", false, 30);
    assert_focus_visible(s, "the save button");
    s.screenshot(&shots.join("keyboard-02-topic-form.png"));
    s.keys(&[&[keys::ENTER]]);
    s.wait_gone("[data-testid=topic-form]");
    s.wait_for(&crate::plans::card(NEW_TOPIC));
    s.screenshot(&shots.join("keyboard-03-topic-added.png"));

    // Ctrl+F on a screen without a search of its own: Tài liệu's search, the cursor in it.
    s.keys(&[&[keys::CONTROL, "f"]]);
    s.wait_until(
        "the cursor in the search",
        "return document.activeElement?.dataset.testid === 'search-query';",
        &[],
    );
    assert_focus_visible(s, "the search box");

    // To the session's record, and a comment taken down.
    s.tab_to("[data-testid=nav-sessions]", true, 20);
    s.keys(&[&[keys::ENTER]]);
    s.wait_for("[data-testid=open-session-record]");
    s.tab_to("[data-testid=open-session-record]", false, 30);
    assert_focus_visible(s, "the session's open button");
    s.keys(&[&[keys::ENTER]]);
    s.wait_for("[data-testid=attendance-row]");
    s.tab_to("[data-testid=comment-speaker]", false, 200);
    assert_focus_visible(s, "the speaker field");
    s.keys(&[&["lan"]]);
    s.wait_for_text("[data-testid=comment-speaker-pick]", "Nguyễn Thị Lan");
    s.keys(&[&[keys::ENTER]]);
    s.wait_for_text("[data-testid=comment-speaker-chosen]", "Nguyễn Thị Lan");
    s.keys(&[&["2"], &[keys::ENTER]]);
    s.keys(&[
        &["Đề nghị bổ sung kế hoạch chuyển đổi số của chi bộ."],
        &[keys::ENTER],
    ]);
    s.wait_for_text("[data-testid=comment-list]", "Đồng chí Nguyễn Thị Lan");
    s.wait_for_text("[data-testid=comment-list]", "chuyển đổi số");
    s.screenshot(&shots.join("keyboard-04-comment-taken.png"));

    // Checked in the library: what the keys made is saved.
    drop(app);
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == crate::seed::CELL)
        .unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now());
    let board = db.plan_board(cell.id, year).unwrap();
    let added = board
        .topics
        .iter()
        .find(|t| t.title == NEW_TOPIC)
        .expect("the topic is saved");
    assert_eq!(
        added
            .assignees
            .iter()
            .map(|a| a.full_name.as_str())
            .collect::<Vec<_>>(),
        ["Trần Văn Bình"]
    );
}
