//! Tổng quan: compliance with the guidance of the demo đảng bộ's cells, quarter by quarter;
//! a miss says why and opens the screen where it is dealt with; the plan's report upward
//! recorded from it.

use chrono::Datelike;
use chuyende_e2e::{screenshot_dir, App};
use serde_json::json;

use crate::seed::select_by_text;

/// The active organisation called `name`.
fn organisation(db: &chuyende::Database, name: &str) -> chuyende::organisation::Organisation {
    db.organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap()
}

#[test]
fn the_overview_shows_each_cells_misses_with_their_reasons_and_a_miss_opens_its_screen() {
    let data = tempfile::tempdir().unwrap();
    {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        chuyende::demo::fill(&db).unwrap();
    }
    let year = chrono::Local::now().year();
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-overview]").click();
    select_by_text(s, "[data-testid=overview-org]", chuyende::demo::DEMO_ORGANISATION);
    s.wait_for_text("[data-testid=compliance-cell]", "Chi bộ Công báo - Nhà khách");
    // The demo's year is on time but for one draft passed the day of its session.
    s.wait_for_text(
        "[data-testid=compliance-miss]",
        "chưa đủ 1 ngày trước buổi sinh hoạt",
    );
    // The window opens on Tổng quan of the first cell: the đảng bộ's answer replaces it.
    s.wait_until(
        "every cell of the đảng bộ (6) to be shown",
        "return document.querySelectorAll('[data-testid=compliance-cell]').length === 6 ? true : null;",
        &[],
    );
    s.wait_for("[data-testid=quarter-topics]");
    s.screenshot(&shots.join("overview-01-compliance.png"));

    // The overdue items are the library's, in its order.
    let expected: Vec<String> = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let org = organisation(&db, chuyende::demo::DEMO_ORGANISATION);
        db.overdue(org.id).unwrap().items.into_iter().map(|i| i.text).collect()
    };
    assert!(!expected.is_empty(), "the demo data has something overdue");
    s.wait_for_text("[data-testid=overdue-item]", &expected[0]);
    if s.exists("[data-testid=overdue-all]") {
        s.find("[data-testid=overdue-all]").click();
    }
    s.wait_until(
        "every overdue item to be listed",
        "return document.querySelectorAll('[data-testid=overdue-item]').length === arguments[0] ? true : null;",
        &[json!(expected.len())],
    );
    let shown = s.execute(
        "return [...document.querySelectorAll('[data-testid=overdue-item]')].map(e => e.textContent.trim());",
        &[],
    );
    assert_eq!(shown, json!(expected), "the window lists what the library finds overdue");

    // The count of misses is the library's.
    let missed = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let org = organisation(&db, chuyende::demo::DEMO_ORGANISATION);
        db.compliance(org.id, year).unwrap().missed
    };
    assert_eq!(missed, 1, "the demo's year misses one rule once");
    s.wait_until(
        "the count of misses to be the library's",
        "const n = document.querySelector('[data-testid=compliance-missed]');
         return n && Number(n.textContent) === Number(arguments[0]) ? true : null;",
        &[json!(missed)],
    );
    s.screenshot(&shots.join("overview-02-misses.png"));

    // At 150 % text the table still fits: nothing scrolls sideways.
    s.execute(
        "localStorage.setItem('chuyende:text-size', '150');
         document.documentElement.style.fontSize = `${18 * 150 / 100}px`;",
        &[],
    );
    let sideways = s.execute(
        "const e = document.scrollingElement; return e.scrollWidth - e.clientWidth;",
        &[],
    );
    assert!(sideways.as_i64().unwrap() <= 1, "the overview scrolls sideways by {sideways} px at 150 %");
    s.screenshot(&shots.join("overview-02b-150-percent.png"));

    // The draft sent late opens the plan of that cell, where drafts are passed.
    let opened = s.execute(
        "const b = [...document.querySelectorAll('[data-testid=open-miss]')]
           .find(b => b.textContent.includes('chưa đủ 1 ngày'));
         if (!b) return null;
         const cell = b.closest('[data-testid=compliance-cell]').dataset.name;
         b.click(); return cell;",
        &[],
    );
    let cell = opened
        .as_str()
        .expect("the draft sent late is among the misses");
    assert_eq!(cell, "Chi bộ Hành chính - Tổ chức");
    s.wait_until(
        "the plan of the miss's cell to open",
        "const sel = document.querySelector('[data-testid=plan-org]');
         return sel && sel.selectedOptions[0]?.textContent.trim() === arguments[0] ? true : null;",
        &[json!(cell)],
    );
    s.screenshot(&shots.join("overview-03-opened-plan.png"));

    // An overdue item opens its screen on its cell.
    s.find("[data-testid=nav-overview]").click();
    // (The overview opens on the cell last used, whose year has nothing overdue.)
    select_by_text(s, "[data-testid=overview-org]", chuyende::demo::DEMO_ORGANISATION);
    let item = s.wait_for("[data-testid=overdue-item]");
    let kind = item.attr("data-kind").unwrap_or_default();
    let select = match kind.as_str() {
        "minutes_not_signed" => "sessions-org",
        "decision_waiting" => "approvals-org",
        _ => "plan-org",
    };
    let cell = s.execute(
        "const t = document.querySelector('[data-testid=open-overdue]').textContent;
         document.querySelector('[data-testid=open-overdue]').click(); return t;",
        &[],
    );
    let cell = cell.as_str().unwrap().to_string();
    s.wait_until(
        "the overdue item's screen to open on its cell",
        "const sel = document.querySelector(`[data-testid=${arguments[0]}]`);
         const name = sel && sel.selectedOptions[0]?.textContent.trim();
         return name && arguments[1].includes(`(${name})`) ? true : null;",
        &[json!(select), json!(cell)],
    );
    s.screenshot(&shots.join("overview-04-opened-overdue.png"));

    // The days of notice for the draft are a setting of the organisation.
    s.find("[data-testid=nav-settings]").click();
    select_by_text(s, "[data-testid=settings-org]", "Chi bộ Công báo - Nhà khách");
    let field = s.wait_for("[data-testid=settings-draft-lead-days]");
    field.clear();
    field.type_text("2");
    s.find("[data-testid=settings-save-org]").click();
    s.wait_for_text("[data-testid=settings-org-saved]", "Đã lưu");
    s.execute(
        "document.querySelector('[data-testid=settings-draft-lead-days]').scrollIntoView({ block: 'center' });",
        &[],
    );
    s.screenshot(&shots.join("overview-05-draft-lead-days-setting.png"));
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let cell = organisation(&db, "Chi bộ Công báo - Nhà khách");
    assert_eq!(db.organisation_settings(cell.id).unwrap().draft_lead_days, 2);
}

#[test]
fn the_overview_charts_the_years_topics_by_quarter_and_each_cells_attendance_as_the_library_counts()
{
    let data = tempfile::tempdir().unwrap();
    let figures = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        chuyende::demo::fill(&db).unwrap();
        let org = organisation(&db, chuyende::demo::DEMO_ORGANISATION);
        db.year_figures(org.id, chrono::Local::now().year())
            .unwrap()
    };
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    select_by_text(
        s,
        "[data-testid=overview-org]",
        chuyende::demo::DEMO_ORGANISATION,
    );
    s.wait_for("[data-testid=chart-attendance]");
    s.wait_until(
        "a bar for each cell",
        "return document.querySelectorAll('[data-testid=chart-attendance-bar]').length === arguments[0] ? true : null;",
        &[json!(figures.attendance.len())],
    );
    let bars = s.execute(
        "return [...document.querySelectorAll('[data-testid=chart-attendance-bar]')]
           .map(g => [...g.querySelectorAll('text')].map(t => t.textContent.trim()).join(' | '));",
        &[],
    );
    let expected: Vec<String> = figures
        .attendance
        .iter()
        .map(|a| match a.rate_percent {
            Some(rate) => format!(
                "{} | {rate} % ({}/{} lượt, {} buổi)",
                a.organisation_name, a.present, a.called, a.sessions
            ),
            None => format!("{} | Chưa có buổi sinh hoạt chuyên đề", a.organisation_name),
        })
        .collect();
    assert_eq!(
        bars,
        json!(expected),
        "each cell's rate, in words, as the library counts it"
    );
    assert!(
        figures.attendance.iter().any(|a| a.rate_percent.is_some()),
        "the demo data has sessions to chart"
    );
    let topic_bars = s.execute(
        "return [...document.querySelectorAll('[data-testid=chart-topics-bar]')]
           .map(g => [...g.querySelectorAll('text')].map(t => t.textContent.trim()).join(' '));",
        &[],
    );
    let expected: Vec<String> = figures
        .topics_by_quarter
        .iter()
        .flat_map(|q| q.states.iter().map(|s| format!("{} {}", s.label, s.count)))
        .collect();
    assert!(!expected.is_empty(), "the demo data has topics this year");
    assert_eq!(
        topic_bars,
        json!(expected),
        "each quarter's topics by state, labelled"
    );

    for (percent, name) in [
        (100, "overview-06-charts.png"),
        (150, "overview-06b-charts-150-percent.png"),
    ] {
        s.execute(
            "localStorage.setItem('chuyende:text-size', String(arguments[0]));
             document.documentElement.style.fontSize = `${18 * arguments[0] / 100}px`;
             document.querySelector('[data-testid=chart-topics]').scrollIntoView({ block: 'start' });",
            &[json!(percent)],
        );
        let sideways = s.execute(
            "const e = document.scrollingElement; return e.scrollWidth - e.clientWidth;",
            &[],
        );
        assert!(
            sideways.as_i64().unwrap() <= 1,
            "the charts scroll sideways by {sideways} px at {percent} %"
        );
        s.screenshot(&shots.join(name));
    }
    s.execute(
        "document.querySelector('[data-testid=chart-attendance]').scrollIntoView({ block: 'start' });",
        &[],
    );
    s.screenshot(&shots.join("overview-06c-attendance-150-percent.png"));
}

#[test]
fn the_overview_saves_the_years_report_as_a_workbook_and_the_years_archive_showing_its_progress() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        chuyende::demo::fill(&db).unwrap();
    }
    let last_year = chrono::Local::now().year() - 1;
    let app = App::launch_with(data.path(), &[("CHUYENDE_EXPORT_DIR", exports.path())]);
    let s = app.session();
    select_by_text(s, "[data-testid=overview-org]", "Chi bộ Công báo - Nhà khách");
    select_by_text(s, "[data-testid=overview-year]", &format!("Năm {last_year}"));
    s.wait_for_text("[data-testid=export-archive]", &last_year.to_string());

    s.find("[data-testid=export-report-xlsx]").click();
    s.wait_for_text("[data-testid=overview-saved]", "Đã lưu báo cáo kết quả sinh hoạt chuyên đề");
    s.screenshot(&screenshot_dir().join("overview-07-report-saved.png"));

    // Every state the progress passes through is kept, to see that it said how far it was.
    s.execute(
        "window.__progress = [];
         new MutationObserver(() => {
           const p = document.querySelector('[data-testid=archive-progress]');
           if (p) window.__progress.push(p.textContent.trim());
         }).observe(document.body, { subtree: true, childList: true, characterData: true });",
        &[],
    );
    s.find("[data-testid=export-archive]").click();
    s.wait_for_text("[data-testid=overview-saved]", "Đã lưu hồ sơ lưu trữ");
    let seen = s.execute("return window.__progress;", &[]);
    assert!(
        seen.as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("Đang dựng hồ sơ:")),
        "the progress said how many documents were laid out: {seen}"
    );
    s.screenshot(&screenshot_dir().join("overview-08-archive-saved.png"));

    let mut files: Vec<_> = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            format!("bao-cao-sinh-hoat-chuyen-de-{last_year}.xlsx"),
            format!("ho-so-luu-tru-sinh-hoat-chuyen-de-{last_year}.pdf"),
        ]
    );
    assert!(std::fs::read(&files[0]).unwrap().starts_with(b"PK"));
    assert!(std::fs::read(&files[1]).unwrap().starts_with(b"%PDF"));
}

/// The plan's report upward, recorded from the cell's compliance on Tổng quan: a day before the
/// committee's approval is refused beside the date, the right day is recorded and the plan's
/// line of the compliance turns to met.
#[test]
fn the_plans_report_upward_is_recorded_from_the_overview_and_a_day_before_its_approval_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let year = chrono::Local::now().year();
    let plan = {
        let db = chuyende::Database::open_in(data.path()).unwrap();
        let cell = crate::seed::seed(data.path());
        crate::seed::topic(&db, cell, year, 4, "Trần Văn Bình");
        let plan = db.plan_board(cell, year).unwrap().plan.unwrap();
        let approved = chrono::NaiveDate::from_ymd_opt(year, 1, 10).unwrap();
        db.approve_plan(plan.id, approved.min(chrono::Local::now().date_naive()))
            .unwrap();
        plan.id
    };
    let shots = screenshot_dir();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for("[data-testid=nav-overview]").click();
    select_by_text(s, "[data-testid=overview-org]", crate::seed::CELL);
    s.wait_for("[data-testid=report-plan]").click();
    let field = s.wait_for("form.report input");
    field.clear();
    field.type_text(&format!("05/01/{year}"));
    s.find("[data-testid=report-plan-save]").click();
    s.wait_for_text(
        "form.report [role=alert]",
        &format!("Ngày báo cáo không thể trước ngày cấp ủy duyệt kế hoạch (10/01/{year})."),
    );
    s.screenshot(&shots.join("overview-05-report-refused.png"));

    let field = s.find("form.report input");
    field.clear();
    field.type_text(&format!("15/01/{year}"));
    s.find("[data-testid=report-plan-save]").click();
    s.wait_for_text(
        "[data-testid=overview-notice]",
        &format!("báo cáo cấp trên ngày 15/01/{year}"),
    );
    s.wait_gone("[data-testid=report-plan]");
    s.screenshot(&shots.join("overview-06-report-recorded.png"));
    let db = chuyende::Database::open_in(data.path()).unwrap();
    let report = db.plan_report(plan).unwrap().expect("the report is recorded");
    assert_eq!(report.reported_on, chrono::NaiveDate::from_ymd_opt(year, 1, 15).unwrap());
}
