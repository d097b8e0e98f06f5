//! Getting around: the window opens on Tổng quan, on the cell the secretary last chose.

use chrono::Datelike;
use chuyende_e2e::{screenshot_dir, App};
use serde_json::json;

use crate::seed::{seed, CELL};

#[test]
fn the_window_opens_on_the_overview_of_the_cell_last_used() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let year = chrono::Local::now().year();
    let app = App::launch(data.path());
    {
        let s = app.session();
        s.wait_for("[data-testid=nav-plans]");
        crate::plans::show_cell_plan(s, year);
        s.wait_for("[data-testid=no-plan]");
    }

    // Closed and started again on the same data folder.
    let app = app.restart();
    let s = app.session();
    s.wait_for("[data-testid=overview-org]");
    assert_eq!(
        s.find("[data-testid=nav-overview]")
            .attr("aria-current")
            .as_deref(),
        Some("page"),
        "the window opens on Tổng quan, what needs doing, not on the screen last used"
    );
    let on_overview = s.wait_until(
        "the overview's organisation list",
        "const sel = document.querySelector('[data-testid=overview-org]');
         if (!sel || sel.options.length < 2) return null;
         const o = sel.options[sel.selectedIndex];
         return o ? o.textContent.trim() : null;",
        &[],
    );
    assert_eq!(
        on_overview,
        json!(CELL),
        "the overview opens on the cell last chosen, not on the đảng bộ"
    );
    s.screenshot(&screenshot_dir().join("reopen-01-overview-of-the-cell.png"));

    // The plan screen follows the same cell.
    s.find("[data-testid=nav-plans]").click();
    let chosen = s.wait_until(
        "the plan screen's organisation list",
        "const sel = document.querySelector('[data-testid=plan-org]');
         if (!sel || sel.options.length < 2) return null;
         const o = sel.options[sel.selectedIndex];
         return o ? o.textContent.trim() : null;",
        &[],
    );
    assert_eq!(
        chosen,
        json!(CELL),
        "the plan screen opens on the cell last chosen, not on the đảng bộ"
    );
    s.wait_for_text("[data-testid=no-plan]", CELL);

    // The sessions screen follows the same cell.
    s.find("[data-testid=nav-sessions]").click();
    let on_sessions = s.wait_until(
        "the sessions screen's organisation list",
        // Until the organisations have loaded, the select holds only its placeholder
        // ("Chưa có tổ chức đảng nào"): wait for the list (a đảng bộ and its cell, at least).
        "const sel = document.querySelector('[data-testid=sessions-org]');
         if (!sel || sel.options.length < 2) return null;
         const o = sel.options[sel.selectedIndex];
         return o ? o.textContent.trim() : null;",
        &[],
    );
    assert_eq!(
        on_sessions,
        json!(CELL),
        "the sessions screen opens on the same cell"
    );
}

#[test]
fn the_window_reopens_at_the_size_it_was_left_and_writes_it_again_once_settled() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    // Where the window was left last time, as tauri-plugin-window-state writes it (WebDriver's
    // window resize does not resize the native window, so the test starts from the file).
    let file = data.path().join("window-state.json");
    std::fs::write(
        &file,
        json!({"main": {"width": 1100, "height": 740, "x": 40, "y": 30, "prev_x": 40, "prev_y": 30,
            "maximized": false, "visible": true, "decorated": true, "fullscreen": false}})
        .to_string(),
    )
    .unwrap();
    let left = std::fs::read_to_string(&file).unwrap();
    let app = App::launch(data.path());
    app.session().wait_for("[data-testid=overview-org]");
    let rect = app
        .session()
        .command("GET", "/window/rect", None)
        .expect("the window's size");
    assert_eq!(
        (rect["width"].clone(), rect["height"].clone()),
        (json!(1100), json!(740)),
        "the window reopens at the size it was left, not the default 1280×820: {rect}"
    );
    // Written again once the window settled (not only at a normal exit: a window ended
    // otherwise remembers too), with the size it has.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let rewritten = loop {
        let now = std::fs::read_to_string(&file).unwrap_or_default();
        if now != left && !now.is_empty() {
            break now;
        }
        assert!(std::time::Instant::now() < deadline, "the window's place was not written again");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let state: serde_json::Value = serde_json::from_str(&rewritten).unwrap();
    assert_eq!(state["main"]["width"], json!(1100), "{rewritten}");
    assert_eq!(state["main"]["height"], json!(740), "{rewritten}");
}
