//! Every screen works in a small window (1024×700) at the normal text size and at 150 %
//! ("Cực lớn"), without sideways scrolling (issue 10, point 7).

use chrono::Datelike;
use chuyende_e2e::{screenshot_dir, Session};
use serde_json::{json, Value};

use crate::seed::{select_by_text, CELL};

/// Whether the page scrolls sideways, and if so the elements that stick out furthest right,
/// to say what overflows.
pub fn sideways(s: &Session) -> Value {
    s.execute(
        "const width = window.innerWidth;
         const root = document.documentElement;
         if (root.scrollWidth <= width) return null;
         const out = [...document.querySelectorAll('body *')]
           .map(e => ({ e, r: e.getBoundingClientRect() }))
           .filter(({ r }) => r.right > width + 1 && r.width > 0)
           .sort((a, b) => b.r.right - a.r.right)
           .slice(0, 6)
           .map(({ e, r }) => `${e.tagName.toLowerCase()}${e.dataset.testid ? '[' + e.dataset.testid + ']' : ''}.${[...e.classList].join('.')} right=${Math.round(r.right)}`);
         return { scrollWidth: root.scrollWidth, innerWidth: width, out };",
        &[],
    )
}

/// Elements that stick out past the right edge of the card they are drawn in (an `article`)
/// without the card scrolling: the page need not scroll sideways for a button to be drawn half
/// outside its card (the member table at 1280 px did). Cards that scroll inside are left alone.
pub fn outside_cards(s: &Session) -> Value {
    s.execute(
        "const out = [];
         for (const card of document.querySelectorAll('article')) {
           const style = getComputedStyle(card);
           if (['auto', 'scroll'].includes(style.overflowX)) continue;
           const edge = card.getBoundingClientRect().right;
           for (const e of card.querySelectorAll('*')) {
             const r = e.getBoundingClientRect();
             if (r.width > 0 && r.right > edge + 1) {
               out.push(`${e.tagName.toLowerCase()}${e.dataset.testid ? '[' + e.dataset.testid + ']' : ''} right=${Math.round(r.right)} > card ${card.dataset.testid ?? ''} ${Math.round(edge)}`);
             }
           }
         }
         return out.length ? out.slice(0, 6) : null;",
        &[],
    )
}

/// Screens that scrolled sideways, with what stuck out.
type Overflows = Vec<String>;

fn check(s: &Session, size: u32, screen: &str, overflows: &mut Overflows) {
    // Layout settles after data arrives: give it a frame.
    s.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
        &[],
    );
    s.screenshot(&screenshot_dir().join(format!("layout-{size}-{screen}.png")));
    let overflow = sideways(s);
    if !overflow.is_null() {
        overflows.push(format!("{screen} at {size} %: {overflow}"));
    }
    let outside = outside_cards(s);
    if !outside.is_null() {
        overflows.push(format!("{screen} at {size} %, out of its card: {outside}"));
    }
}

pub fn text_size(s: &Session, percent: u32) {
    // As Settings' "Cỡ chữ" does (ui/src/lib/textsize.ts).
    s.execute(
        "localStorage.setItem('chuyende:text-size', String(arguments[0]));
         document.documentElement.style.fontSize = `${18 * arguments[0] / 100}px`;",
        &[json!(percent)],
    );
}

fn visit_every_screen(s: &Session, size: u32, overflows: &mut Overflows) {
    let year = chrono::Local::now().year();

    s.find("[data-testid=nav-overview]").click();
    select_by_text(
        s,
        "[data-testid=overview-org]",
        chuyende::demo::DEMO_ORGANISATION,
    );
    s.wait_for("[data-testid=compliance-cell]");
    s.wait_for("[data-testid=quarter-topics]");
    check(s, size, "00-overview", overflows);

    s.find("[data-testid=nav-organisations]").click();
    s.wait_for(&format!("[data-testid=org-item][data-name=\"{CELL}\"]"))
        .click();
    s.wait_for("[data-testid=member-row]");
    check(s, size, "01-members", overflows);
    s.execute(
        "document.querySelector('[data-testid=org-detail]').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "01b-member-list", overflows);

    crate::plans::show_cell_plan(s, year);
    s.wait_for("[data-testid=plan-board]");
    check(s, size, "02-plan", overflows);

    // The topic of quý IV: outline versions, the preview with comments beside its sections,
    // the revision panel.
    s.find("[data-testid=quarter-column][data-quarter=\"4\"] [data-testid=topic-card]")
        .click();
    s.wait_for("[data-testid=version-row]");
    s.wait_for("[data-testid=preview-title]");
    s.execute(
        "document.querySelector('[data-testid=versions]').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "03-outlines", overflows);
    s.execute(
        "document.querySelector('[data-testid=outline-panel]').scrollIntoView({ block: 'end' });",
        &[],
    );
    check(s, size, "04-outline-preview", overflows);
    s.wait_for("[data-testid=revision]");
    s.execute(
        "document.querySelector('[data-testid=revision]').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "04b-revision", overflows);

    // Last year's approved topic: its draft and its final version compared side by side.
    s.find("[data-testid=back-to-plan]").click();
    s.wait_for("[data-testid=plan-board]");
    s.find("[data-testid=year-prev]").click();
    s.wait_for_text("[data-testid=plan-year]", &(year - 1).to_string());
    s.wait_for("[data-testid=topic-card][data-state=approved]")
        .click();
    s.wait_for("[data-testid=version-row][data-number=\"2\"]");
    select_by_text(s, "[data-testid=compare-old]", "1");
    select_by_text(s, "[data-testid=compare-new]", "2");
    s.find("[data-testid=compare]").click();
    s.wait_for("[data-testid=compare-summary]");
    s.find("[data-testid=compare-side-by-side]").click();
    s.wait_for("[data-testid=compare-sides]");
    s.execute(
        "document.querySelector('[data-testid=outline-compare]').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "04c-compare-side-by-side", overflows);
    s.find("[data-testid=back-to-plan]").click();
    s.wait_for("[data-testid=year-next]").click();
    s.wait_for_text("[data-testid=plan-year]", &year.to_string());

    s.find("[data-testid=nav-sessions]").click();
    select_by_text(s, "[data-testid=sessions-org]", CELL);
    s.wait_for("[data-testid=session-row]");
    check(s, size, "05-sessions", overflows);
    s.find("[data-testid=open-session-record]").click();
    s.wait_for("[data-testid=attendance-row]");
    s.execute(
        "document.querySelector('table.attendance').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "06-session-record", overflows);
    s.execute(
        "document.querySelector('[data-testid=comment-capture]').scrollIntoView({ block: 'start' });",
        &[],
    );
    check(s, size, "07-comments", overflows);

    s.find("[data-testid=open-minutes]").click();
    s.wait_for_text("[data-testid=minutes-page]", "BIÊN BẢN");
    check(s, size, "08-minutes", overflows);

    s.find("[data-testid=nav-documents]").click();
    s.wait_for("[data-testid=search-query]").type_text("chi bo");
    s.find("[data-testid=search-submit]").click();
    s.wait_for("[data-testid=search-hit]");
    check(s, size, "09-search", overflows);

    // Phê duyệt of the whole đảng bộ: what waits, what was decided (returned, with reasons).
    s.find("[data-testid=nav-approvals]").click();
    select_by_text(
        s,
        "[data-testid=approvals-org]",
        chuyende::demo::DEMO_ORGANISATION,
    );
    s.wait_for("[data-testid=approval-decided]");
    check(s, size, "09b-approvals", overflows);

    s.find("[data-testid=nav-settings]").click();
    s.wait_for("[data-testid=profile-name]");
    check(s, size, "10-settings", overflows);
}

#[test]
fn every_screen_fits_1024_by_700_at_normal_and_150_percent_text_without_sideways_scrolling() {
    let data = tempfile::tempdir().unwrap();
    {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        chuyende::demo::fill(&db).unwrap();
    }
    let app = chuyende_e2e::App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-plans]");
    s.command(
        "POST",
        "/window/rect",
        Some(json!({ "width": 1024, "height": 700 })),
    )
    .expect("the window resizes");
    let width = s.wait_until(
        "the window to be 1024 wide",
        "return Math.abs(window.innerWidth - 1024) <= 16 ? window.innerWidth : null;",
        &[],
    );
    assert!(width.as_i64().unwrap() <= 1024, "{width}");
    let mut overflows = Overflows::new();
    for size in [100, 150] {
        text_size(s, size);
        visit_every_screen(s, size, &mut overflows);
    }
    assert!(
        overflows.is_empty(),
        "screens that scroll sideways in 1024×700:\n{}",
        overflows.join("\n")
    );
}
