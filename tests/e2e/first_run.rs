//! The first start on an empty data folder (issue 17): the set-up of the organisation and its
//! user, then the demo to look around, marked on every screen and removed in one step.

use chuyende_e2e::{screenshot_dir, App, Session};
use serde_json::json;

use crate::layout::{sideways, text_size};

/// The administrator's password the set-up chooses.
pub const PASSWORD: &str = "mat-khau-cua-lan";

/// Fills the set-up as a secretary does, the kind of organisation and the start chosen.
pub fn fill_setup(s: &Session, cell: bool, name: &str, parent: &str, demo: bool) {
    s.wait_for("[data-testid=first-run]");
    if !cell {
        s.find("[data-testid=setup-kind-committee]").click();
        s.wait_gone("[data-testid=setup-superior]");
    }
    s.find("[data-testid=setup-name]").type_text(name);
    s.find("[data-testid=setup-parent]").type_text(parent);
    if cell {
        s.find("[data-testid=setup-superior]")
            .type_text("Đảng ủy Các cơ quan tỉnh");
    }
    s.find("[data-testid=setup-place]").type_text("Quảng Ninh");
    s.find("[data-testid=setup-symbol]")
        .type_text(if cell { "CB" } else { "ĐU" });
    s.find("[data-testid=setup-user]")
        .type_text("Nguyễn Thị Lan");
    s.find("[data-testid=setup-username]").type_text("lan.nt");
    s.find("[data-testid=setup-password]").type_text(PASSWORD);
    s.find("[data-testid=setup-password-again]")
        .type_text(PASSWORD);
    let start = if demo { "demo" } else { "empty" };
    s.find(&format!("[data-testid=setup-start-{start}]"))
        .click();
}

/// Looks at the set-up at a text size: nothing sticks out sideways, and no field's label or
/// input is cut by its box.
fn look_at_setup(s: &Session, percent: u32) {
    text_size(s, percent);
    s.execute_async(
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
        &[],
    );
    s.screenshot(&screenshot_dir().join(format!("first-run-01-setup-{percent}.png")));
    assert!(
        sideways(s).is_null(),
        "the set-up scrolls sideways at {percent} %: {}",
        sideways(s)
    );
    let clipped = s.execute(
        "return [...document.querySelectorAll('[data-testid=first-run] label, [data-testid=first-run] input, [data-testid=first-run] legend, [data-testid=first-run] button')]
           .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')
           .map(e => e.outerHTML.slice(0, 80));",
        &[],
    );
    assert_eq!(clipped, json!([]), "cut at {percent} %");
}

#[test]
fn the_first_start_on_an_empty_folder_sets_up_the_cell_and_its_user_and_opens_on_the_cell() {
    let data = tempfile::tempdir().unwrap();
    {
        let app = App::launch(data.path());
        let s = app.session();
        s.wait_for("[data-testid=first-run]");
        assert!(
            !s.find("[data-testid=nav-plans]").is_displayed(),
            "the screens are not offered before the set-up"
        );
        look_at_setup(s, 100);
        look_at_setup(s, 150);
        text_size(s, 100);

        // Sent with nothing filled: the library answers next to the field it refuses.
        s.find("[data-testid=setup-done]").click();
        s.wait_for_text("[data-testid=error-setup-place]", "địa danh");

        fill_setup(s, true, "Chi bộ Kế toán", "Đảng bộ Sở Tài chính", false);
        s.screenshot(&screenshot_dir().join("first-run-02-filled.png"));
        s.find("[data-testid=setup-done]").click();
        s.wait_gone("[data-testid=first-run]");
        let on = s.wait_until(
            "the overview of the cell just made",
            "const sel = document.querySelector('[data-testid=overview-org]');
             const o = sel && sel.options[sel.selectedIndex];
             return o ? o.textContent.trim() : null;",
            &[],
        );
        assert_eq!(
            on,
            json!("Chi bộ Kế toán"),
            "the window opens on the cell just set up"
        );
        assert!(
            !s.exists("[data-testid=demo-banner]"),
            "an empty start is no demo"
        );
        s.screenshot(&screenshot_dir().join("first-run-03-overview.png"));
    }

    let db = chuyende::Database::open_in(data.path()).unwrap();
    let orgs = db.organisations(false).unwrap();
    let cell = orgs
        .iter()
        .find(|o| o.name == "Chi bộ Kế toán")
        .expect("the cell");
    assert_eq!(cell.parent_name, "Đảng bộ Sở Tài chính");
    let settings = db.organisation_settings(cell.id).unwrap();
    assert_eq!(
        (
            settings.place_name.as_str(),
            settings.document_symbol.as_str()
        ),
        ("Quảng Ninh", "CB")
    );
    let admin = db
        .sign_in("lan.nt", PASSWORD)
        .expect("who uses the machine signs in with the password chosen");
    assert_eq!(admin.account.display_name, "Nguyễn Thị Lan");
    assert_eq!(admin.account.role, chuyende::account::Role::Administrator);
    drop(db);

    // Started again: the set-up is done, the window opens on signing in (issue 13), then on the
    // screens.
    let app = App::launch(data.path());
    let s = app.session();
    app.sign_in("lan.nt", PASSWORD);
    s.wait_for("[data-testid=overview-org]");
    assert!(!s.exists("[data-testid=first-run]"));
}

#[test]
fn the_demo_to_look_around_is_marked_on_every_screen_and_removed_in_one_step_keeping_the_setup() {
    let data = tempfile::tempdir().unwrap();
    let shots = screenshot_dir();
    {
        let app = App::launch(data.path());
        let s = app.session();
        fill_setup(
            s,
            false,
            "Đảng bộ Sở Tài chính",
            "Đảng ủy Khối các cơ quan tỉnh",
            true,
        );
        s.find("[data-testid=setup-done]").click();
        s.wait_for("[data-testid=demo-banner]");
        for screen in ["organisations", "plans", "sessions", "settings"] {
            s.find(&format!("[data-testid=nav-{screen}]")).click();
            s.wait_for(&format!("[data-testid=nav-{screen}][aria-current=page]"));
            assert!(
                s.exists("[data-testid=demo-banner]"),
                "the demo is marked on {screen}"
            );
            assert!(s.exists("[data-testid=demo-mark]"));
        }
        s.find("[data-testid=nav-organisations]").click();
        s.wait_for(&format!(
            "[data-testid=org-item][data-name=\"{}\"]",
            chuyende::demo::DEMO_ORGANISATION
        ));
        assert!(
            !s.exists("[data-testid=org-item][data-name=\"Đảng bộ Sở Tài chính\"]"),
            "the organisation set up is kept apart from the demo"
        );
        s.screenshot(&shots.join("first-run-04-demo.png"));
    }
    assert!(chuyende::demo::demo_present(data.path()));

    // Started again: still the demo, still marked.
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=demo-banner]");

    // Giới thiệu: the version, the data folder, the database shown (the demo's) and the log.
    for percent in [100, 150] {
        text_size(s, percent);
        s.find("[data-testid=open-about]").click();
        s.wait_for("[data-testid=about]");
        s.screenshot(&shots.join(format!("about-{percent}.png")));
        assert!(
            sideways(s).is_null(),
            "Giới thiệu at {percent} %: {}",
            sideways(s)
        );
        s.keys(&[&[chuyende_e2e::keys::ESCAPE]]);
        s.wait_gone("[data-testid=about]");
    }
    text_size(s, 100);
    s.find("[data-testid=open-about]").click();
    assert_eq!(
        s.wait_for("[data-testid=about-version]").text(),
        env!("CARGO_PKG_VERSION"),
        "the version of the app (one workspace version)"
    );
    assert_eq!(
        s.find("[data-testid=about-data-dir]").text(),
        data.path().display().to_string()
    );
    assert!(
        s.find("[data-testid=about-database]")
            .text()
            .contains(&chuyende::demo::demo_dir(data.path()).display().to_string()),
        "the database shown is the demo's"
    );
    assert_eq!(
        s.find("[data-testid=about-log-dir]").text(),
        chuyende::logging::log_dir(data.path())
            .display()
            .to_string()
    );
    s.keys(&[&[chuyende_e2e::keys::ESCAPE]]);
    s.wait_gone("[data-testid=about]");
    s.find("[data-testid=remove-demo]").click();
    s.wait_for("[data-testid=remove-demo-confirm]");
    s.screenshot(&shots.join("first-run-05-remove-demo-confirm.png"));
    s.find("[data-testid=remove-demo-cancel]").click();
    s.wait_gone("[data-testid=remove-demo-confirm]");
    assert!(
        chuyende::demo::demo_present(data.path()),
        "kept when the person changed her mind"
    );

    s.find("[data-testid=remove-demo]").click();
    s.find("[data-testid=remove-demo-confirm-button]").click();
    s.wait_gone("[data-testid=demo-banner]");
    // The real data has its administrator's account (issue 13): this window signs in to it.
    app.sign_in("lan.nt", PASSWORD);
    s.find("[data-testid=nav-organisations]").click();
    s.wait_for("[data-testid=org-item][data-name=\"Đảng bộ Sở Tài chính\"]");
    assert!(
        !s.exists(&format!(
            "[data-testid=org-item][data-name=\"{}\"]",
            chuyende::demo::DEMO_ORGANISATION
        )),
        "the demo's organisations are gone"
    );
    s.screenshot(&shots.join("first-run-06-demo-removed.png"));
    assert!(!chuyende::demo::demo_present(data.path()));
    assert!(
        !chuyende::demo::demo_dir(data.path()).exists(),
        "its folder is removed"
    );
}
