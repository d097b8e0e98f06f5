//! The built `chuyende` binary, run as scripts run it.

use std::process::{Command, Output};

/// The demonstration data without its accounts (`demo-data` adds one per role, after which
/// every change needs `--as`): for tests about something else than who may do it.
fn demo_without_accounts(dir: &std::path::Path) {
    let db = chuyende::Database::open_in(dir).expect("opens");
    chuyende::demo::fill(&db).expect("demo data");
}

fn chuyende(data_dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chuyende"))
        .args(args)
        .env("CHUYENDE_DATA_DIR", data_dir)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("chuyende runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn demo_data_then_info_on_an_empty_folder_prints_the_schema_version_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let demo = chuyende(dir.path(), &["demo-data"]);
    assert!(
        demo.status.success(),
        "demo-data failed: {}",
        String::from_utf8_lossy(&demo.stderr)
    );
    assert!(stdout(&demo).contains("Đảng bộ Văn phòng UBND tỉnh"));

    let info = chuyende(dir.path(), &["info"]);
    assert!(info.status.success());
    let text = stdout(&info);
    let version = chuyende::db::latest_schema_version();
    assert!(
        text.contains(&format!("Phiên bản dữ liệu:         {version}")),
        "{text}"
    );
    assert!(text.contains("Chi bộ:                    6"), "{text}");

    let json: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["info", "--json"]).stdout).unwrap();
    assert_eq!(json["schema_version"], version);
    assert_eq!(json["counts"]["party_committee_orgs"], 1);
    assert_eq!(json["counts"]["cells"], 6);
    assert!(json["counts"]["active_members"].as_i64().unwrap() > 30);
    assert!(
        dir.path().join("chuyende.sqlite3").exists(),
        "the database lives in CHUYENDE_DATA_DIR"
    );
}

#[test]
fn orgs_lists_every_organisation_with_its_id_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(chuyende(dir.path(), &["demo-data"]).status.success());
    let text = stdout(&chuyende(dir.path(), &["orgs"]));
    assert!(text.contains("Chi bộ Công báo - Nhà khách"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["orgs", "--json"]).stdout).unwrap();
    let orgs = json.as_array().unwrap();
    assert_eq!(orgs.len(), 7);
    assert!(orgs.iter().all(|o| o["id"].is_i64()));
}

#[test]
fn the_data_dir_flag_overrides_the_environment() {
    let env_dir = tempfile::tempdir().unwrap();
    let flag_dir = tempfile::tempdir().unwrap();
    let out = chuyende(
        env_dir.path(),
        &["--data-dir", flag_dir.path().to_str().unwrap(), "info"],
    );
    assert!(out.status.success());
    assert!(flag_dir.path().join("chuyende.sqlite3").exists());
    assert!(!env_dir.path().join("chuyende.sqlite3").exists());
}

#[test]
fn a_database_from_a_newer_version_fails_with_a_message_on_stderr_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let c = newer_database(dir.path());
    let out = chuyende(dir.path(), &["info", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout for scripts to misread"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("phiên bản Chuyên Đề mới hơn"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("chuyende.sqlite3")).unwrap(),
        c,
        "untouched"
    );
}

/// A database whose schema version is ahead of this build, written through the library.
fn newer_database(dir: &std::path::Path) -> Vec<u8> {
    let path = dir.join("chuyende.sqlite3");
    {
        let db = chuyende::Database::open(&path).unwrap();
        db.on_writer_connection(|c| {
            c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")?;
            Ok(())
        })
        .unwrap();
    }
    std::fs::read(&path).unwrap()
}

#[test]
fn plan_show_prints_each_topic_with_its_id_and_state_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    assert!(chuyende(dir.path(), &["demo-data"]).status.success());
    let orgs: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["orgs", "--json"]).stdout).unwrap();
    let cell = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Chi bộ Công báo - Nhà khách")
        .unwrap();
    let id = cell["id"].as_i64().unwrap().to_string();
    let year = chrono::Local::now().format("%Y").to_string();

    let out = chuyende(dir.path(), &["plan", "show", "--org", &id, "--year", &year]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains(&format!("Kế hoạch sinh hoạt chuyên đề năm {year}")),
        "{text}"
    );
    for quarter in ["Quý I ", "Quý II ", "Quý III", "Quý IV"] {
        assert!(text.contains(quarter), "{quarter} is listed: {text}");
    }

    let json: serde_json::Value = serde_json::from_slice(
        &chuyende(
            dir.path(),
            &["plan", "show", "--org", &id, "--year", &year, "--json"],
        )
        .stdout,
    )
    .unwrap();
    let topics = json["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 4);
    assert!(topics
        .iter()
        .all(|t| t["id"].is_i64() && t["state"].is_string()));

    let missing = chuyende(
        dir.path(),
        &["plan", "show", "--org", "99999", "--year", &year],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("Không tìm thấy tổ chức đảng"));
}

fn fixture(name: &str) -> String {
    format!(
        "{}/../../../tests/fixtures/",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    ) + name
}

/// A new topic, without an outline yet, in this year's plan of the demo's Chi bộ Công báo -
/// Nhà khách (the demo's own topics that went past drafting have their outlines).
fn demo_topic(dir: &std::path::Path) -> String {
    use chrono::Datelike;
    let db = chuyende::Database::open_in(dir).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Chi bộ Công báo - Nhà khách")
        .unwrap();
    let plan = db
        .plan_board(cell.id, chrono::Local::now().year())
        .unwrap()
        .plan
        .expect("the demo plans this year");
    let topic = db
        .create_topic(
            plan.id,
            &chuyende::topic::TopicDraft {
                title: "Nâng cao chất lượng sinh hoạt chi bộ".into(),
                group_id: db.topic_groups(cell.id).unwrap()[0].id,
                quarter: chuyende::plan::Quarter::new(4).unwrap(),
                planned_on: None,
                suggestions: String::new(),
                notes: String::new(),
                assignee_ids: Vec::new(),
            },
        )
        .unwrap();
    topic.id.0.to_string()
}

#[test]
fn import_outline_and_search_work_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let topic = demo_topic(dir.path());

    let out = chuyende(
        dir.path(),
        &[
            "import",
            "--topic",
            &topic,
            "--note",
            "Bản dự thảo",
            &fixture("de-cuong-v1.docx"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("Đã nhập phiên bản 1"),
        "{}",
        stdout(&out)
    );
    assert!(chuyende(
        dir.path(),
        &["import", "--topic", &topic, &fixture("de-cuong-v2.docx")]
    )
    .status
    .success());

    let again = chuyende(
        dir.path(),
        &["import", "--topic", &topic, &fixture("de-cuong-v1.docx")],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("giống hệt phiên bản 1"));
    let broken = chuyende(
        dir.path(),
        &["import", "--topic", &topic, &fixture("zip-bomb.docx")],
    );
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("vượt quá giới hạn an toàn"));

    let list = stdout(&chuyende(dir.path(), &["outline", "--topic", &topic]));
    assert!(
        list.contains("Phiên bản  2") && list.contains("Phiên bản  1"),
        "{list}"
    );
    let text = stdout(&chuyende(
        dir.path(),
        &["outline", "--topic", &topic, "--version", "1"],
    ));
    assert!(
        text.contains("# I. MỤC ĐÍCH, YÊU CẦU"),
        "headings are marked: {text}"
    );
    assert!(
        text.contains("| Nội dung nêu gương | Kết quả đạt được"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &chuyende(dir.path(), &["outline", "--topic", &topic, "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);

    let found = stdout(&chuyende(
        dir.path(),
        &["search", "dang bo van phong sinh hoat chuyen de"],
    ));
    assert!(
        found.to_lowercase().contains("[đảng] [bộ] [văn] [phòng]"),
        "found with accents restored and marked: {found}"
    );
    let hits: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["search", "nêu gương", "--json"]).stdout)
            .unwrap();
    let hits = hits.as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["kind"] == "outline" && h["topic_id"].to_string() == topic),
        "the imported outline is found: {hits:?}"
    );
}

#[test]
fn sessions_lists_each_session_with_its_id_kind_date_attendance_and_comments() {
    let dir = tempfile::tempdir().unwrap();
    let (cell, session) = {
        let (db, cell, s) = demo_with_regular_session(dir.path());
        let members = db.members(Some(cell), false).unwrap();
        db.set_attendance(s, members[2].id, chuyende::session::Presence::Excused, "Ốm")
            .unwrap();
        db.add_comment(
            s,
            &chuyende::comment::CommentDraft {
                topic_id: None,
                speaker_id: members[0].id,
                kind: chuyende::comment::CommentKind::Measure,
                text: "Tăng cường kiểm tra.".into(),
                anchor_block: None,
            },
        )
        .unwrap();
        (cell.0.to_string(), s.0)
    };
    let text = stdout(&chuyende(
        dir.path(),
        &["sessions", "--org", &cell, "--year", "2025"],
    ));
    assert!(
        text.contains("06/06/2025") && text.contains("thường kỳ"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &chuyende(
            dir.path(),
            &["sessions", "--org", &cell, "--year", "2025", "--json"],
        )
        .stdout,
    )
    .unwrap();
    let row = json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == session)
        .expect("the regular session is listed");
    assert_eq!(row["kind"], "regular");
    assert_eq!(row["comment_count"], 1);
    assert_eq!(
        row["present"].as_i64().unwrap() + 1,
        row["members"].as_i64().unwrap()
    );
    // The quorum: two thirds of the members called, in integers.
    let (present, called) = (
        row["present"].as_i64().unwrap(),
        row["called"].as_i64().unwrap(),
    );
    let required = row["required"].as_i64().unwrap();
    assert_eq!(called, row["members"].as_i64().unwrap(), "nobody is exempt");
    assert_eq!(required, (2 * called + 2) / 3, "ceil(2/3 of {called})");
    assert_eq!(row["quorum_met"], serde_json::json!(present >= required));
    assert!(
        text.contains(&format!("{present}/{called}"))
            && text.contains(&format!("(cần {required})")),
        "the table shows the quorum: {text}"
    );
}

#[test]
fn sessions_of_a_committee_come_a_page_at_a_time_as_the_window_shows_them_and_narrow_to_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now()) - 1;
    let (party, cell, second_page, of_cell, by_name) = {
        let db = chuyende::Database::open_in(dir.path()).unwrap();
        // Fourteen cells, last year whole: more sessions than a page.
        chuyende::demo::fill_large(&db, 14, 2, usize::MAX).unwrap();
        let party = db.organisations(false).unwrap()[0].id;
        let first = db.sessions(party, year, None, "", 1).unwrap();
        assert!(first.pages >= 2, "more than a page: {}", first.total);
        let cell = first.organisations.last().unwrap().organisation_id;
        (
            party.0.to_string(),
            cell.0.to_string(),
            serde_json::to_value(db.sessions(party, year, None, "", 2).unwrap()).unwrap(),
            serde_json::to_value(db.sessions(party, year, Some(cell), "", 1).unwrap()).unwrap(),
            serde_json::to_value(db.sessions(party, year, None, "số 01", 1).unwrap()).unwrap(),
        )
    };
    let year = year.to_string();
    let text = stdout(&chuyende(dir.path(), &["sessions", "--org", &party, "--year", &year]));
    let total = second_page["total"].as_i64().unwrap();
    assert!(
        text.contains(&format!("Hiển thị 1–50 / {total} buổi (trang 1 / ")),
        "what the page shows of how many: {text}"
    );
    let hint = text
        .lines()
        .find_map(|l| l.strip_prefix("Trang sau: chuyende "))
        .unwrap_or_else(|| panic!("the way to the next page is printed: {text}"));
    let args: Vec<&str> = hint.split_whitespace().collect();
    assert_eq!(args, ["sessions", "--org", &party, "--year", &year, "--page", "2"]);
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&chuyende(dir.path(), &[args, &["--json"]].concat()).stdout).unwrap()
    };
    assert_eq!(json(&args), second_page, "the second page, as the window gets it");
    let narrowed = json(&["sessions", "--org", &party, "--year", &year, "--cell", &cell]);
    assert_eq!(narrowed, of_cell, "one cell's sessions, as the window's filter gives them");
    let found = json(&["sessions", "--org", &party, "--year", &year, "--cell-name", "số 01"]);
    assert_eq!(found, by_name, "the cells found by name, as the window's search gives them");

    let refused = chuyende(dir.path(), &["sessions", "--org", &cell, "--year", &year, "--cell", &party]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("không thuộc tổ chức đảng này"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[test]
fn minutes_and_the_yearly_plan_are_written_as_pdf_and_docx() {
    let dir = tempfile::tempdir().unwrap();
    let session = demo_with_regular_session(dir.path()).2 .0;
    let out = dir.path();
    for format in ["pdf", "docx"] {
        let file = out.join(format!("bien-ban.{format}"));
        let r = chuyende(
            out,
            &[
                "minutes",
                "--session",
                &session.to_string(),
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert!(std::fs::metadata(&file).unwrap().len() > 1000);
    }
    let pdf = std::process::Command::new("pdftotext")
        .args([out.join("bien-ban.pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&pdf.stdout);
    assert!(
        text.contains("sinh hoạt chi bộ thường kỳ tháng 6 năm 2025"),
        "a regular meeting's minutes: {text}"
    );

    let orgs: serde_json::Value =
        serde_json::from_slice(&chuyende(out, &["orgs", "--json"]).stdout).unwrap();
    let cell = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Chi bộ Công báo - Nhà khách")
        .unwrap()["id"]
        .to_string();
    let year = chrono::Local::now().format("%Y").to_string();
    let plan = out.join("ke-hoach.pdf");
    let r = chuyende(
        out,
        &[
            "plan",
            "print",
            "--org",
            &cell,
            "--year",
            &year,
            "--format",
            "pdf",
            "-o",
            plan.to_str().unwrap(),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .args([plan.to_str().unwrap(), "-"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains("KẾ HOẠCH") && text.contains(&format!("sinh hoạt chuyên đề năm {year}")),
        "{text}"
    );
}

#[test]
fn minutes_export_the_secretarys_edits_and_any_revision_as_the_window_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _, session) = demo_with_regular_session(dir.path());
    let edit = |text: &str| {
        let mut body = db.minutes(session).unwrap().body;
        body[0] = chuyende::minutes::DocumentParagraph::text(text);
        db.save_minutes_edits(session, &body).unwrap();
    };
    edit("Câu mở đầu do thư ký sửa.");
    db.sign_minutes(
        session,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 6).unwrap(),
    )
    .unwrap();
    db.correct_minutes(session).unwrap();
    edit("Câu mở đầu của bản đính chính.");
    drop(db);
    let export = |extra: &[&str]| {
        let file = dir.path().join("bien-ban.pdf");
        let id = session.0.to_string();
        let mut args = vec![
            "minutes",
            "--session",
            &id,
            "--format",
            "pdf",
            "-o",
            file.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let r = chuyende(dir.path(), &args);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let out = std::process::Command::new("pdftotext")
            .args([file.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        export(&[]).contains("Câu mở đầu của bản đính chính."),
        "the latest revision, with its edit"
    );
    assert!(
        export(&["--revision", "1"]).contains("Câu mở đầu do thư ký sửa."),
        "the signed revision, as signed"
    );
}

/// The demo data and a regular meeting of Chi bộ Tổng hợp on 06/06/2025, 8:00–10:00.
fn demo_with_regular_session(
    dir: &std::path::Path,
) -> (
    chuyende::Database,
    chuyende::organisation::OrganisationId,
    chuyende::session::SessionId,
) {
    let db = chuyende::Database::open_in(dir).unwrap();
    chuyende::demo::fill(&db).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Chi bộ Tổng hợp")
        .unwrap();
    let members = db.members(Some(cell.id), false).unwrap();
    let session = db
        .create_session(&chuyende::session::SessionDraft {
            organisation_id: cell.id,
            kind: chuyende::session::SessionKind::Regular,
            held_on: chrono::NaiveDate::from_ymd_opt(2025, 6, 6).unwrap(),
            starts_at: chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            ends_at: Some(chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
            place: "Hội trường".into(),
            chair_id: Some(members[0].id),
            secretary_id: Some(members[1].id),
            guests: String::new(),
            topic_ids: Vec::new(),
        })
        .unwrap();
    (db, cell.id, session.id)
}

/// The tool logs to the same folder as the window: each run names its command and outcome, and
/// a failure carries its cause chain down to the system's own error.
#[test]
fn each_run_is_logged_in_the_data_folder_with_a_failure_and_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    assert!(chuyende(dir.path(), &["demo-data"]).status.success());
    let missing = dir.path().join("không-có.docx");
    let import = chuyende(
        dir.path(),
        &["import", "--topic", "1", missing.to_str().unwrap()],
    );
    assert!(!import.status.success());
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(
        stderr.contains("không tìm thấy tệp"),
        "said in Vietnamese: {stderr}"
    );
    assert!(
        !stderr.contains("os error"),
        "without the system's English: {stderr}"
    );

    let mut log = String::new();
    for entry in std::fs::read_dir(dir.path().join("logs"))
        .expect("a logs folder")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name.starts_with("chuyende.") && name.ends_with(".log"),
            "{name}"
        );
        log.push_str(&std::fs::read_to_string(entry.path()).unwrap());
    }
    assert!(log.contains("demo-data ok"), "{log}");
    assert!(log.contains("import failed"), "{log}");
    let error = log
        .lines()
        .find(|l| l.contains(" ERROR "))
        .expect("the failure is an error line");
    assert!(
        error.contains("không tìm thấy tệp") && error.contains("os error 2"),
        "{error}"
    );
}

/// Issue 10: `chuyende --help` speaks Vietnamese, clap's own words included, in every
/// subcommand too.
#[test]
fn the_help_is_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["plan", "show", "--help"],
        &["import", "-h"],
    ] {
        let help = chuyende(dir.path(), args);
        assert!(help.status.success());
        let text = stdout(&help);
        assert!(text.contains("Cách dùng: chuyende"), "{args:?}: {text}");
        assert!(
            text.contains("Tuỳ chọn:") && text.contains("In phần trợ giúp này"),
            "{text}"
        );
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
        ] {
            assert!(
                !text.contains(english),
                "{args:?} still says “{english}”: {text}"
            );
        }
    }
    let top = stdout(&chuyende(dir.path(), &["--help"]));
    assert!(
        top.contains("Lệnh:") && top.contains("Nhập một tệp"),
        "{top}"
    );
}

#[test]
fn approvals_submit_decide_timeline_and_plan_show_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let run_json = |args: &[&str]| -> serde_json::Value {
        let out = chuyende(dir.path(), args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let orgs = run_json(&["orgs", "--json"]);
    let party = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "party_committee_org")
        .unwrap()["id"]
        .to_string();
    let board = run_json(&["approvals", "--org", &party, "--json"]);
    let waiting = board["waiting"].as_array().unwrap();
    assert!(
        !waiting.is_empty(),
        "the demo has topics waiting for the committee"
    );
    let topic = waiting[0]["topic_id"].to_string();
    let sha = waiting[0]["version_sha256"].as_str().unwrap().to_string();
    let text = stdout(&chuyende(dir.path(), &["approvals", "--org", &party]));
    assert!(
        text.contains("ĐANG CHỜ CẤP ỦY DUYỆT") && text.contains(&sha),
        "{text}"
    );

    // The committee of the topic's cell, as the window's dialog offers it.
    let form = {
        let db = chuyende::Database::open_in(dir.path()).unwrap();
        db.decision_form(chuyende::topic::TopicId(topic.parse().unwrap()))
            .unwrap()
    };
    let members: Vec<String> = form.committee.iter().map(|m| m.id.0.to_string()).collect();
    let signer = form
        .committee
        .iter()
        .find(|m| m.may_sign)
        .unwrap()
        .id
        .0
        .to_string();
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let wrong = chuyende(
        dir.path(),
        &[
            "decide",
            "--topic",
            &topic,
            "--approve",
            "--meeting",
            &today,
            "--members",
            &members.join(","),
            "--signer",
            &signer,
            "--sha256",
            &"0".repeat(64),
        ],
    );
    assert_eq!(
        wrong.status.code(),
        Some(1),
        "only the version submitted is decided"
    );
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("đúng phiên bản đã trình"));
    let decided = run_json(&[
        "decide",
        "--topic",
        &topic,
        "--return",
        "Bổ sung số liệu",
        "--meeting",
        &today,
        "--members",
        &members.join(","),
        "--signer",
        &signer,
        "--json",
    ]);
    assert_eq!(decided["decision"]["outcome"], "returned");
    assert_eq!(decided["decision"]["reasons"], "Bổ sung số liệu");

    let timeline = stdout(&chuyende(dir.path(), &["timeline", "--topic", &topic]));
    assert!(timeline.contains("Cấp ủy trả lại phiên bản"), "{timeline}");
    assert!(timeline.contains("lý do: Bổ sung số liệu"), "{timeline}");

    // plan show says where each topic stands with the committee.
    let cell = form.submission.organisation_id.0.to_string();
    let year = chrono::Local::now().format("%Y").to_string();
    let plan = stdout(&chuyende(
        dir.path(),
        &["plan", "show", "--org", &cell, "--year", &year],
    ));
    assert!(plan.contains(&format!("SHA-256 {sha}")), "{plan}");
    assert!(plan.contains("Trả lại, họp cấp ủy ngày"), "{plan}");

    // A topic still being revised cannot be submitted: the refusal says why.
    let refused = chuyende(dir.path(), &["submit", "--topic", &topic]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("trả lại"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    // The version revised after the return comes in, and goes to the committee again.
    let import = chuyende(
        dir.path(),
        &["import", "--topic", &topic, &fixture("de-cuong-v1.pdf")],
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let again = run_json(&["submit", "--topic", &topic, "--json"]);
    assert_ne!(
        again["version_sha256"].as_str().unwrap(),
        sha,
        "the new version"
    );
    assert!(again["summary"]
        .as_str()
        .unwrap()
        .contains("Bổ sung số liệu"));

    // Approved, it prints as the window exports it: closed by its SHA-256.
    let new_sha = again["version_sha256"].as_str().unwrap().to_string();
    run_json(&[
        "decide",
        "--topic",
        &topic,
        "--approve",
        "--meeting",
        &today,
        "--members",
        &members.join(","),
        "--signer",
        &signer,
        "--json",
    ]);
    let pdf = dir.path().join("de-cuong-da-duyet.pdf");
    let out = chuyende(
        dir.path(),
        &[
            "approved-outline",
            "--topic",
            &topic,
            "--format",
            "pdf",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect();
    assert!(
        text.contains(&new_sha),
        "the printed copy names its SHA-256: {text}"
    );
}

#[test]
fn verify_passes_an_untouched_database_and_names_what_was_changed_with_another_tool() {
    let dir = tempfile::tempdir().unwrap();
    assert!(chuyende(dir.path(), &["demo-data"]).status.success());
    let ok = chuyende(dir.path(), &["verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        stdout(&ok).starts_with("Dữ liệu nguyên vẹn."),
        "{}",
        stdout(&ok)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["verify", "--json"]).stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
    assert!(
        json["entries_checked"].as_i64().unwrap() > 50,
        "the demo's changes are in the trail"
    );
    assert!(
        json["originals_checked"].as_i64().unwrap() > 0,
        "the demo has outlines"
    );

    // Someone with sqlite3 drops the triggers, rewrites entry 7 and a stored original.
    let db = rusqlite::Connection::open(dir.path().join("chuyende.sqlite3")).unwrap();
    db.execute_batch(
        "DROP TRIGGER audit_event_immutable; DROP TRIGGER outline_version_immutable;
         UPDATE audit_event SET reason = 'sửa lén' WHERE id = 7;
         UPDATE outline_version SET original = CAST('khác' AS BLOB)
          WHERE id = (SELECT min(id) FROM outline_version);",
    )
    .unwrap();
    drop(db);

    let broken = chuyende(dir.path(), &["verify"]);
    assert_eq!(
        broken.status.code(),
        Some(1),
        "a broken trail fails the command"
    );
    let message = String::from_utf8_lossy(&broken.stderr);
    assert!(
        message.contains("mục hỏng đầu tiên của nhật ký là mục số 7"),
        "{message}"
    );
    let text = stdout(&broken);
    assert!(
        text.contains("Mục số 7 của nhật ký thay đổi đã bị sửa"),
        "{text}"
    );
    assert!(text.contains("Tệp gốc của đề cương phiên bản"), "{text}");

    let json = chuyende(dir.path(), &["verify", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["first_broken_entry"], 7);
    assert_eq!(report["findings"][0]["tampering"]["kind"], "entry_altered");
    assert_eq!(
        report["findings"][1]["tampering"]["kind"],
        "original_altered"
    );
}

#[test]
fn compliance_prints_each_cells_rules_by_quarter_with_the_reason_of_each_miss() {
    let dir = tempfile::tempdir().unwrap();
    assert!(chuyende(dir.path(), &["demo-data"]).status.success());
    let orgs: serde_json::Value =
        serde_json::from_slice(&chuyende(dir.path(), &["orgs", "--json"]).stdout).unwrap();
    let committee = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "party_committee_org")
        .unwrap()["id"]
        .to_string();
    let year = chrono::Datelike::year(&chrono::Local::now()).to_string();
    let out = chuyende(
        dir.path(),
        &["compliance", "--org", &committee, "--year", &year, "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cells = json["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 6, "every cell of the đảng bộ");
    for cell in cells {
        assert_eq!(cell["quarters"].as_array().unwrap().len(), 4);
        for q in cell["quarters"].as_array().unwrap() {
            for check in q["checks"].as_array().unwrap() {
                if check["verdict"] == "missed" {
                    assert!(
                        !check["reasons"].as_array().unwrap().is_empty(),
                        "a miss comes with its reason: {check}"
                    );
                }
            }
        }
    }
    let missed: i64 = cells.iter().map(|c| c["missed"].as_i64().unwrap()).sum();
    assert_eq!(json["missed"].as_i64().unwrap(), missed);

    let text = stdout(&chuyende(
        dir.path(),
        &["compliance", "--org", &committee, "--year", &year],
    ));
    assert!(
        text.contains(&format!("THỰC HIỆN HƯỚNG DẪN NĂM {year}")),
        "{text}"
    );
    assert!(text.contains("Chi bộ Công báo - Nhà khách"), "{text}");
    assert!(text.contains("Kế hoạch năm báo cáo cấp trên"), "{text}");
}

#[test]
fn bench_prints_one_table_of_every_measure_and_leaves_the_data_folder_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = chuyende(
        dir.path(),
        &[
            "bench",
            "--cells",
            "3",
            "--years",
            "2",
            "--outlines",
            "6",
            "--runs",
            "2",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for row in [
        "| Tổ chức: danh sách |",
        "| Kế hoạch: một chi bộ, một năm |",
        "| Kế hoạch: đảng bộ và danh sách đảng viên |",
        "| Chuyên đề: chi tiết và lịch sử |",
        // The sessions screen reads a page: a cell's, the đảng bộ's first and last, one cell's.
        "| Sinh hoạt: một chi bộ, một năm (trang 50 buổi) |",
        "| Sinh hoạt: đảng bộ một năm, trang đầu |",
        "| Sinh hoạt: đảng bộ một năm, trang cuối (",
        "| Sinh hoạt: đảng bộ một năm, lọc một chi bộ |",
        "| Phê duyệt: đảng bộ (50 quyết định mới nhất) |",
        "| Tìm kiếm “sinh hoat chuyen de” (50 kết quả) |",
        "| Nhập đề cương .docx 100 trang (đọc, lưu, lập chỉ mục, nhật ký) |",
        // Page counts, once checked against the file read back, are part of the row's name.
        "| Biên bản PDF của buổi sinh hoạt 60 ý kiến (",
        "| Biên bản DOCX của buổi sinh hoạt 60 ý kiến |",
        "| Báo cáo năm: số liệu của đảng bộ |",
        "| Báo cáo năm: số liệu và tệp Excel của đảng bộ |",
        "| Hồ sơ lưu trữ năm của một chi bộ (PDF, ",
        "| Sao lưu (kiểm tra bản sao) |",
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(row))
            .unwrap_or_else(|| panic!("{row} in\n{text}"));
        assert!(line.contains(" ms |"), "{line}");
    }
    let pages: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("| Biên bản PDF của buổi sinh hoạt 60 ý kiến ("))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the minutes' page count");
    assert!(pages >= 4, "sixty comments run over several pages: {pages}");
    assert!(
        !dir.path().join(chuyende::paths::DATABASE_FILE).exists(),
        "the data folder's database is not made nor touched (only the log is written there)"
    );
}

/// `plan print` prints the plan as approved; `plan amendment` prints what changed since, with
/// its own date and each reason (issue 11, point 2, from the command line).
#[test]
fn plan_print_keeps_the_approved_plan_and_plan_amendment_prints_what_changed_since() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    demo_without_accounts(out);
    let year = chrono::Local::now().year();
    // After the approval: one of its topics cancelled, with its reason.
    let (cell_id, cancelled) = {
        let db = chuyende::Database::open_in(out).unwrap();
        let cell = db
            .organisations(false)
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Chi bộ Công báo - Nhà khách")
            .unwrap();
        let plan = db.plan_board(cell.id, year).unwrap().plan.unwrap();
        if plan.approval.is_none() {
            db.approve_plan(
                plan.id,
                chrono::NaiveDate::from_ymd_opt(year, 1, 15).unwrap(),
            )
            .unwrap();
        }
        let topic = db
            .plan_board(cell.id, year)
            .unwrap()
            .topics
            .into_iter()
            .find(|t| t.actions.cancel.allowed)
            .expect("a topic of the approved plan that may be cancelled");
        db.cancel_topic(topic.id, "Trùng nội dung sinh hoạt chung của đảng bộ")
            .unwrap();
        (cell.id.0.to_string(), topic.title)
    };
    let text_of = |args: &[&str], file: &std::path::Path| -> String {
        let r = chuyende(out, args);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let pdf = std::process::Command::new("pdftotext")
            .args([file.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        // Without any white space: table cells wrap words anywhere in the text.
        String::from_utf8(pdf.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<String>()
    };
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    let cancelled = bare(&cancelled);
    let year = year.to_string();
    let printed = out.join("ke-hoach.pdf");
    let approved = text_of(
        &[
            "plan",
            "print",
            "--org",
            &cell_id,
            "--year",
            &year,
            "--format",
            "pdf",
            "-o",
            printed.to_str().unwrap(),
        ],
        &printed,
    );
    assert!(
        approved.contains(&cancelled) && !approved.contains("Trùngnộidung"),
        "the approved plan is printed as approved, the topic cancelled since in it: {approved}"
    );
    let amendment_file = out.join("dieu-chinh.pdf");
    let on = format!("{year}-11-30");
    let amendment = text_of(
        &[
            "plan",
            "amendment",
            "--org",
            &cell_id,
            "--year",
            &year,
            "--on",
            &on,
            "--format",
            "pdf",
            "-o",
            amendment_file.to_str().unwrap(),
        ],
        &amendment_file,
    );
    assert!(amendment.contains("điềuchỉnhkếhoạch"), "{amendment}");
    assert!(
        amendment.contains(&cancelled)
            && amendment.contains(&bare("Trùng nội dung sinh hoạt chung của đảng bộ")),
        "the amendment names the cancelled topic and its reason: {amendment}"
    );
    assert!(
        amendment.contains("ngày30tháng11"),
        "dated --on: {amendment}"
    );
}

#[test]
fn approvals_from_the_command_line_show_the_newest_decisions_and_say_how_to_ask_for_older_ones() {
    let dir = tempfile::tempdir().unwrap();
    let party = {
        let db = chuyende::Database::open_in(dir.path()).unwrap();
        // Eight cells, four years: more decisions than a page.
        chuyende::demo::fill_large(&db, 8, 4, usize::MAX).unwrap();
        db.organisations(false).unwrap()[0].id.0.to_string()
    };
    let page = chuyende::approval::DECIDED_PAGE as usize;
    let text = stdout(&chuyende(dir.path(), &["approvals", "--org", &party]));
    assert!(
        text.contains(&format!("ĐÃ QUYẾT ĐỊNH GẦN ĐÂY ({page})")),
        "{text}"
    );
    let hint = text
        .lines()
        .find_map(|l| l.strip_prefix("Còn quyết định cũ hơn: chuyende "))
        .unwrap_or_else(|| panic!("the way to the older decisions is printed: {text}"));
    let args: Vec<&str> = hint.split_whitespace().collect();
    assert_eq!(args[..3], ["approvals", "--org", party.as_str()]);

    let board: serde_json::Value = serde_json::from_slice(
        &chuyende(dir.path(), &["approvals", "--org", &party, "--json"]).stdout,
    )
    .unwrap();
    let newest = board["decided"]["decisions"].as_array().unwrap();
    assert_eq!(newest.len(), page);
    assert_eq!(args[4], newest[page - 1]["id"].to_string(), "from the last one shown");

    let older: serde_json::Value = serde_json::from_slice(
        &chuyende(dir.path(), &[args.as_slice(), &["--json"]].concat()).stdout,
    )
    .unwrap();
    let older_ids: Vec<i64> = older["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert!(!older_ids.is_empty(), "the older page holds decisions");
    assert!(
        newest.iter().all(|s| !older_ids.contains(&s["id"].as_i64().unwrap())),
        "none of the newest page again"
    );
    let text = stdout(&chuyende(dir.path(), &args));
    assert!(text.contains("ĐÃ QUYẾT ĐỊNH, CŨ HƠN"), "{text}");
}

#[test]
fn a_cells_year_exported_is_received_elsewhere_after_a_dry_run_and_a_second_receipt_changes_nothing(
) {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    demo_without_accounts(a.path());
    let orgs: serde_json::Value =
        serde_json::from_slice(&chuyende(a.path(), &["orgs", "--json"]).stdout).unwrap();
    let cell = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Chi bộ Công báo - Nhà khách")
        .unwrap()["id"]
        .to_string();
    let year = chrono::Local::now().format("%Y").to_string();
    let file = a.path().join("gói.cdgoi");
    let file_arg = file.to_str().unwrap();
    let export = chuyende(
        a.path(),
        &["export", "--org", &cell, "--year", &year, "-o", file_arg],
    );
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(stdout(&export).contains("Đã xuất gói trao đổi"));

    assert!(chuyende(b.path(), &["--create", "info"]).status.success());
    let unknown = chuyende(b.path(), &["receive", file_arg]);
    assert!(
        !unknown.status.success(),
        "a key nobody confirmed is refused"
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("chưa được xác nhận"));
    let fingerprint = stdout(&chuyende(a.path(), &["key", "show"]));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains(
        fingerprint
            .lines()
            .nth(1)
            .unwrap()
            .trim_start_matches("Dấu vân tay khóa: ")
    ));
    assert!(chuyende(
        b.path(),
        &["key", "trust", file_arg, "--label", "Chi bộ Công báo"]
    )
    .status
    .success());

    let db = b.path().join("chuyende.sqlite3");
    let before = chuyende::backup::dump(&db).unwrap();
    let dry: serde_json::Value = serde_json::from_slice(
        &chuyende(b.path(), &["receive", file_arg, "--dry-run", "--json"]).stdout,
    )
    .unwrap();
    assert_eq!(dry["applied"], false);
    assert!(dry["added"].as_array().unwrap().len() > 20, "{dry}");
    assert_eq!(
        chuyende::backup::dump(&db).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let done = chuyende(b.path(), &["receive", file_arg]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(stdout(&done).contains("Đã thêm"), "{}", stdout(&done));
    let after = chuyende::backup::dump(&db).unwrap();
    let again: serde_json::Value =
        serde_json::from_slice(&chuyende(b.path(), &["receive", file_arg, "--json"]).stdout)
            .unwrap();
    assert_eq!(again["already_received"], true);
    assert_eq!(
        chuyende::backup::dump(&db).unwrap(),
        after,
        "the same package twice changes nothing"
    );
}

#[test]
fn report_writes_the_years_figures_as_a_workbook_and_a_party_document_and_archive_one_pdf_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let year = (chrono::Datelike::year(&chrono::Local::now()) - 1).to_string();
    let out = tempfile::tempdir().unwrap();
    for (format, magic) in [("xlsx", &b"PK"[..]), ("docx", &b"PK"[..]), ("pdf", &b"%PDF"[..])] {
        let file = out.path().join(format!("báo cáo.{format}"));
        let run = chuyende(
            dir.path(),
            &["report", "--org", "1", "--year", &year, "--format", format, "-o", file.to_str().unwrap()],
        );
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        assert!(stdout(&run).contains("Đã ghi báo cáo kết quả sinh hoạt chuyên đề năm"));
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "a real .{format}");
    }
    let file = out.path().join("hồ sơ.pdf");
    let run = chuyende(
        dir.path(),
        &["archive", "--org", "2", "--year", &year, "-o", file.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(stdout(&run).contains("Đã ghi hồ sơ lưu trữ năm"), "{}", stdout(&run));
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF"));
    // Piped (as here, into a script's log), the progress is one line a document, never a
    // line rewritten with carriage returns.
    let progress = String::from_utf8_lossy(&run.stderr);
    assert!(!progress.contains('\r'), "{progress:?}");
    let lines: Vec<&str> = progress.lines().filter(|l| l.starts_with("Đang dựng hồ sơ: ")).collect();
    assert!(lines.len() > 1, "{progress:?}");
    assert!(lines.last().unwrap().ends_with(" tài liệu"), "{progress:?}");
    // Each file written is in the trail, as every export is.
    let db = rusqlite::Connection::open(dir.path().join(chuyende::paths::DATABASE_FILE)).unwrap();
    let exports: Vec<String> = db
        .prepare("SELECT to_text FROM audit_event WHERE entity = 'organisation' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        exports.iter().any(|t| t.contains("Báo cáo kết quả") && t.contains("(XLSX)"))
            && exports.iter().any(|t| t.contains("Hồ sơ lưu trữ năm")),
        "{exports:?}"
    );
}

/// Issue 17: a member list from Excel, previewed (--dry-run writes nothing), imported with the
/// rows refused and why, then exported back to .xlsx.
#[test]
fn members_import_previews_then_adds_a_cells_list_from_excel_and_export_writes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    demo_without_accounts(dir.path());
    let orgs: serde_json::Value =
        serde_json::from_str(&stdout(&chuyende(dir.path(), &["orgs", "--json"]))).unwrap();
    let cell = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Chi bộ Công báo - Nhà khách")
        .expect("the demo's cell")["id"]
        .to_string();
    let list = fixture("danh-sach-dang-vien.xlsx");
    let members = |dir: &std::path::Path| {
        chuyende::Database::open_existing_dir(dir)
            .unwrap()
            .members(Some(chuyende::organisation::OrganisationId(cell.parse().unwrap())), false)
            .unwrap()
            .len()
    };
    let before = members(dir.path());

    let dry = chuyende(dir.path(), &["members", "import", &list, "--org", &cell, "--dry-run"]);
    assert!(dry.status.success(), "{}", String::from_utf8_lossy(&dry.stderr));
    let text = stdout(&dry);
    assert!(text.contains("Họ và tên          cột B (Họ và tên)"), "{text}");
    assert!(text.contains("KHÔNG NHẬP: Thiếu họ và tên."), "{text}");
    assert!(text.contains("Chưa ghi gì (--dry-run)"), "{text}");
    assert_eq!(members(dir.path()), before, "a dry run writes nothing");

    let done = chuyende(dir.path(), &["members", "import", &list, "--org", &cell, "--json"]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    let answer: serde_json::Value = serde_json::from_str(&stdout(&done)).unwrap();
    let created = answer["imported"]["created"].as_u64().unwrap() as usize;
    assert!(created > 0 && answer["imported"]["refused"].as_u64().unwrap() > 0, "{answer}");
    assert_eq!(members(dir.path()), before + created);

    let out = dir.path().join("danh sách.xlsx");
    let export = chuyende(
        dir.path(),
        &["members", "export", "--org", &cell, "-o", out.to_str().unwrap()],
    );
    assert!(export.status.success(), "{}", String::from_utf8_lossy(&export.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"), "an .xlsx (a zip) was written");
}
