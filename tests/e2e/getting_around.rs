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
