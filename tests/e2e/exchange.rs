//! Exchange packages in the window (issue 15): a cell's year exported from one data folder, then
//! received in a second (the đảng bộ's workstation) after confirming the sender's key by its
//! fingerprint and seeing what would be added; the cell's session shows in the đảng bộ's view.

use chuyende_e2e::{screenshot_dir, App};

use chuyende_e2e::Session;

use crate::seed::select_by_text;

const CELL: &str = "Chi bộ Công báo - Nhà khách";

/// Waits until the library said what may be done here (the buttons are enabled by its answer).
fn offered(s: &Session, testid: &str) {
    s.wait_until(
        &format!("{testid} to be offered"),
        "const b = document.querySelector(`[data-testid=${arguments[0]}]`); return b && !b.disabled ? true : null;",
        &[serde_json::json!(testid)],
    );
}

#[test]
fn a_cells_year_exported_in_one_window_is_received_in_another_and_its_session_shows_under_its_dang_bo() {
    let shots = screenshot_dir();
    let a = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let fingerprint = {
        let db = chuyende::Database::open_in(a.path()).unwrap();
        chuyende::demo::fill(&db).unwrap();
        db.own_key().unwrap().fingerprint
    };

    // The cell's workstation exports its year.
    {
        let app = App::launch_with(a.path(), &[("CHUYENDE_EXPORT_DIR", out.path())]);
        let s = app.session();
        s.find("[data-testid=nav-exchange]").click();
        s.wait_for("[data-testid=exchange]");
        select_by_text(s, "[data-testid=exchange-org]", CELL);
        offered(s, "exchange-export");
        s.find("[data-testid=exchange-export]").click();
        s.wait_for_text("[data-testid=exchange-exported]", "bản ghi");
        s.screenshot(&shots.join("exchange-01-exported.png"));
    }
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cdgoi"))
        .expect("the package was written where exports go");

    // The đảng bộ's workstation: its own data, the same đảng bộ by name.
    let b = tempfile::tempdir().unwrap();
    {
        let db = chuyende::Database::open_in(b.path()).unwrap();
        db.create_organisation(&chuyende::organisation::OrganisationDraft {
            name: "Đảng bộ Văn phòng UBND tỉnh".into(),
            placement: chuyende::organisation::Placement::PartyCommitteeOrg {
                superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
            },
        })
        .unwrap();
    }
    let app = App::launch_with(b.path(), &[("CHUYENDE_PACKAGE_FILE", &file)]);
    let s = app.session();
    s.find("[data-testid=nav-exchange]").click();
    s.wait_for("[data-testid=exchange-cells-none]");
    // (the window has stored its place by now: what follows must change nothing more)
    let before = chuyende::backup::dump(&b.path().join("chuyende.sqlite3")).unwrap();
    offered(s, "exchange-pick");
    s.find("[data-testid=exchange-pick]").click();
    // Unknown sender: refused, with the fingerprint to compare by phone; nothing written.
    let refusal = s.wait_for("[data-testid=exchange-unknown-key]").text();
    assert!(refusal.contains(&fingerprint), "the sender's fingerprint is shown: {refusal}");
    assert_eq!(chuyende::backup::dump(&b.path().join("chuyende.sqlite3")).unwrap(), before);
    s.screenshot(&shots.join("exchange-02-unknown-key.png"));
    s.find("[data-testid=exchange-key-label]").type_text("Chi bộ Công báo");
    s.find("[data-testid=exchange-trust]").click();
    // The plan, before anything is received.
    let counts = s.wait_for_text("[data-testid=exchange-plan-counts]", "Sẽ thêm").text();
    assert!(counts.contains("Chưa có gì được ghi"), "{counts}");
    s.screenshot(&shots.join("exchange-03-plan.png"));
    s.find("[data-testid=exchange-receive]").click();
    s.wait_for_text("[data-testid=exchange-received]", "Đã nhận gói");
    let cell = s.wait_for_text("[data-testid=exchange-cell]", CELL);
    assert!(!s.find_all("[data-testid=exchange-cell-session]").is_empty(), "the cell's sessions show");
    assert!(cell.text().contains("Gửi lần cuối"), "{}", cell.text());
    s.execute("document.querySelector('[data-testid=exchange-cells]').scrollIntoView();", &[]);
    s.screenshot(&shots.join("exchange-04-cells-view.png"));

    s.execute(
        "localStorage.setItem('chuyende:text-size', '150');
         document.documentElement.style.fontSize = `${18 * 150 / 100}px`;",
        &[],
    );
    let sideways = s.execute("const e = document.scrollingElement; return e.scrollWidth - e.clientWidth;", &[]);
    assert!(sideways.as_i64().unwrap() <= 1, "the exchange screen scrolls sideways by {sideways} px at 150 %");
    s.execute("document.querySelector('[data-testid=exchange-cells]').scrollIntoView();", &[]);
    s.screenshot(&shots.join("exchange-05-cells-view-150-percent.png"));

    // Settings shows this workstation's fingerprint and the key confirmed.
    s.find("[data-testid=nav-settings]").click();
    s.wait_for_text("[data-testid=known-keys]", "Chi bộ Công báo");
    s.wait_for("[data-testid=own-fingerprint]");
    s.execute("document.querySelector('[data-testid=workstation-keys]').scrollIntoView();", &[]);
    s.screenshot(&shots.join("exchange-07-settings-keys-150-percent.png"));
}

#[test]
fn the_dang_bos_plan_sent_down_is_received_by_a_cell_and_shown_by_quarter() {
    let shots = screenshot_dir();
    // The đảng bộ's workstation: its plan of the year with a topic for quý III.
    let up = tempfile::tempdir().unwrap();
    let file = up.path().join("Đảng bộ gửi xuống.cdgoi");
    let year = chrono::Local::now().format("%Y").to_string().parse::<i32>().unwrap();
    {
        let db = chuyende::Database::open_in(up.path()).unwrap();
        let org = db
            .create_organisation(&chuyende::organisation::OrganisationDraft {
                name: "Đảng bộ Văn phòng UBND tỉnh".into(),
                placement: chuyende::organisation::Placement::PartyCommitteeOrg {
                    superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
                },
            })
            .unwrap();
        let plan = db.create_plan(org.id, year).unwrap();
        db.create_topic(
            plan.id,
            &chuyende::topic::TopicDraft {
                title: "Nâng cao chất lượng sinh hoạt chi bộ".into(),
                group_id: db.topic_groups(org.id).unwrap()[3].id,
                quarter: chuyende::plan::Quarter::new(3).unwrap(),
                planned_on: None,
                suggestions: "Mỗi chi bộ nêu một việc làm cụ thể.".into(),
                notes: String::new(),
                assignee_ids: vec![],
            },
        )
        .unwrap();
        db.export_package(
            chuyende::exchange::ExportScope { organisation_id: org.id, year, topic_id: None },
            &file,
        )
        .unwrap();
    }
    // A cell's workstation (the demo data) receives it.
    let cell = tempfile::tempdir().unwrap();
    chuyende::demo::fill(&chuyende::Database::open_in(cell.path()).unwrap()).unwrap();
    let app = App::launch_with(cell.path(), &[("CHUYENDE_PACKAGE_FILE", &file)]);
    let s = app.session();
    s.find("[data-testid=nav-exchange]").click();
    s.wait_for("[data-testid=exchange]");
    select_by_text(s, "[data-testid=exchange-org]", CELL);
    s.wait_for_text("[data-testid=exchange-guidance]", "Chưa nhận gói");
    offered(s, "exchange-pick");
    s.find("[data-testid=exchange-pick]").click();
    s.wait_for("[data-testid=exchange-unknown-key]");
    s.find("[data-testid=exchange-trust]").click();
    s.wait_for_text("[data-testid=exchange-plan-counts]", "Sẽ thêm");
    s.find("[data-testid=exchange-receive]").click();
    s.wait_for_text("[data-testid=exchange-received]", "Đã nhận gói");
    let guidance = s.wait_for_text("[data-testid=exchange-guidance]", "Nâng cao chất lượng sinh hoạt chi bộ");
    assert!(guidance.text().contains("Quý III"), "{}", guidance.text());
    assert!(guidance.text().contains("Mỗi chi bộ nêu một việc làm cụ thể."));
    s.execute("document.querySelector('[data-testid=exchange-guidance]').scrollIntoView();", &[]);
    s.screenshot(&shots.join("exchange-06-guidance-received-by-the-cell.png"));
}
