//! The yearly report (issue 16): one model, three files. The workbook is read back as a
//! spreadsheet program reads it and every figure checked against the database itself; the
//! Party document is read back from the PDF and from the DOCX as LibreOffice prints it.

mod common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use chuyende::organisation::Organisation;
use chuyende::plan::Quarter;
use chuyende::yearly_report::{self, xlsx, ReportFormat, YearlyReport};
use chuyende::Database;
use common::printed::{both, first_page_png, squash, tool};
use rusqlite::{params, Connection};

fn demo() -> (tempfile::TempDir, Database, Organisation) {
    let (dir, db) = common::fresh();
    chuyende::demo::fill(&db).unwrap();
    let committee = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == chuyende::demo::DEMO_ORGANISATION)
        .unwrap();
    (dir, db, committee)
}

/// Last year: every quarter over, its topics approved, returned or cancelled, its sessions held.
fn last_year() -> i32 {
    chrono::Local::now().year() - 1
}

fn sql(dir: &Path) -> Connection {
    Connection::open(dir.join(chuyende::paths::DATABASE_FILE)).expect("the database file opens")
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("a text cell, found {other:?}"),
    }
}

fn number(cell: &Data) -> i64 {
    match cell {
        Data::Float(f) => *f as i64,
        Data::Int(i) => *i,
        other => panic!("a number stored as a number, found {other:?}"),
    }
}

fn date(cell: &Data) -> NaiveDate {
    match cell {
        Data::DateTime(d) => d.as_datetime().expect("a valid date").date(),
        other => panic!("a date stored as a date, found {other:?}"),
    }
}

/// Rows of a sheet under its header, and the header.
fn sheet(path: &Path, name: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("the workbook has a sheet {name}: {e}"));
    let mut rows = range.rows().map(<[Data]>::to_vec);
    let header = rows
        .next()
        .expect("a header row")
        .iter()
        .map(text)
        .collect();
    (header, rows.collect())
}

/// The database's own count of a unit's topics of the year in a quarter, by a condition.
fn count_topics(c: &Connection, unit: i64, year: i32, quarter: u8, condition: &str) -> i64 {
    c.query_row(
        &format!(
            "SELECT count(*) FROM topic t JOIN plan p ON p.id = t.plan_id
              WHERE p.organisation_id = ?1 AND p.year = ?2 AND t.quarter = ?3 AND ({condition})"
        ),
        params![unit, year, quarter],
        |r| r.get(0),
    )
    .unwrap()
}

fn unit_id(c: &Connection, name: &str) -> i64 {
    c.query_row("SELECT id FROM organisation WHERE name = ?1", [name], |r| {
        r.get(0)
    })
    .unwrap()
}

const HELD: &str = "EXISTS (SELECT 1 FROM session_topic st JOIN session s ON s.id = st.session_id
                     WHERE st.topic_id = t.id AND s.kind = 'thematic')";

fn write_xlsx(report: &YearlyReport, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("bao-cao.xlsx");
    std::fs::write(&path, xlsx::write(report).unwrap()).unwrap();
    path
}

#[test]
fn the_workbooks_topic_counts_by_cell_and_quarter_are_the_databases_and_its_totals_their_sums() {
    let (dir, db, committee) = demo();
    let year = last_year();
    let report = db.yearly_report(committee.id, year).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = write_xlsx(&report, out.path());
    let c = sql(dir.path());

    let (header, rows) = sheet(&path, xlsx::SHEET_QUARTERS);
    assert_eq!(
        header,
        [
            "Đơn vị",
            "Quý",
            "Trong kế hoạch",
            "Đã sinh hoạt",
            "Đã duyệt",
            "Lùi thời gian",
            "Hủy"
        ]
    );
    // The đảng bộ itself and its six cells, four quarters each, then five rows of totals.
    assert_eq!(
        rows.len(),
        7 * 4 + 5,
        "one row per unit and quarter, then the totals"
    );
    let mut sums: HashMap<String, [i64; 5]> = HashMap::new();
    let mut checked_planned = 0;
    for row in &rows[..28] {
        let (unit, quarter) = (text(&row[0]), text(&row[1]));
        let q = Quarter::ALL
            .into_iter()
            .find(|q| q.label() == quarter)
            .unwrap_or_else(|| panic!("a quarter label, found {quarter}"));
        let id = unit_id(&c, &unit);
        let n = q.number();
        let expected = [
            count_topics(&c, id, year, n, "1"),
            count_topics(&c, id, year, n, HELD),
            count_topics(&c, id, year, n, "t.state = 'approved'"),
            0, // nothing was postponed in the demo's past years (see the postponement test)
            count_topics(&c, id, year, n, "t.state = 'cancelled'"),
        ];
        let found: Vec<i64> = row[2..7].iter().map(number).collect();
        assert_eq!(
            found, expected,
            "{unit}, {quarter}: planned, held, approved, postponed, cancelled"
        );
        checked_planned += expected[0];
        let sum = sums.entry(quarter).or_default();
        for (s, e) in sum.iter_mut().zip(expected) {
            *s += e;
        }
    }
    let all_topics: i64 = c
        .query_row(
            "SELECT count(*) FROM topic t JOIN plan p ON p.id = t.plan_id WHERE p.year = ?1",
            [year],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        checked_planned, all_topics,
        "every topic of the year is in a row"
    );
    assert!(all_topics > 20, "the demo's year has its topics");
    for row in &rows[28..32] {
        let quarter = text(&row[1]);
        let found: Vec<i64> = row[2..7].iter().map(number).collect();
        assert_eq!(
            found, sums[&quarter],
            "the total of {quarter} is the sum of its rows"
        );
        assert!(text(&row[0]).starts_with("Cộng"));
    }
    let year_row = &rows[32];
    assert_eq!(text(&year_row[1]), "Cả năm");
    let year_total: Vec<i64> = year_row[2..7].iter().map(number).collect();
    let summed: Vec<i64> = (0..5).map(|i| sums.values().map(|s| s[i]).sum()).collect();
    assert_eq!(
        year_total, summed,
        "the year's total is the sum of its quarters"
    );
    assert_eq!(year_total[0], all_topics);
}

#[test]
fn the_workbooks_attendance_and_comments_of_each_cell_are_counted_from_its_sessions() {
    let (dir, db, committee) = demo();
    let year = last_year();
    let report = db.yearly_report(committee.id, year).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = write_xlsx(&report, out.path());
    let c = sql(dir.path());

    let (header, rows) = sheet(&path, xlsx::SHEET_ATTENDANCE);
    assert_eq!(header[0], "Đơn vị");
    assert_eq!(header.len(), 9);
    let mut total_sessions = 0;
    let mut total_present = 0;
    let mut total_comments = 0;
    for row in &rows[..rows.len() - 1] {
        let id = unit_id(&c, &text(&row[0]));
        let in_year =
            "s.organisation_id = ?1 AND s.kind = 'thematic' AND s.held_on BETWEEN ?2 AND ?3";
        let span = params![id, format!("{year}-01-01"), format!("{year}-12-31")];
        let q = |what: &str, from: &str| -> i64 {
            c.query_row(
                &format!("SELECT {what} FROM {from} WHERE {in_year}"),
                span,
                |r| r.get(0),
            )
            .unwrap()
        };
        let sessions = q("count(*)", "session s");
        let present = q(
            "count(*)",
            "session s JOIN attendance a ON a.session_id = s.id AND a.status = 'present'",
        );
        let comments = q(
            "count(*)",
            "session s JOIN comment m ON m.session_id = s.id AND m.withdrawn_at IS NULL",
        );
        let measures = q(
            "count(*)",
            "session s JOIN comment m ON m.session_id = s.id AND m.withdrawn_at IS NULL AND m.kind = 'measure'",
        );
        assert_eq!(number(&row[1]), sessions, "sessions of {}", text(&row[0]));
        assert_eq!(
            number(&row[3]),
            present,
            "present at the sessions of {}",
            text(&row[0])
        );
        assert_eq!(
            number(&row[7]),
            comments,
            "comments at the sessions of {}",
            text(&row[0])
        );
        assert_eq!(
            number(&row[8]),
            measures,
            "measures proposed in {}",
            text(&row[0])
        );
        let called = number(&row[2]);
        assert!(called >= present);
        if called > 0 {
            match &row[6] {
                Data::Float(rate) => assert!(
                    (rate - present as f64 / called as f64).abs() < 0.006,
                    "the rate is present / called, as a fraction shown in per cent"
                ),
                other => panic!("the rate as a number, found {other:?}"),
            }
        }
        total_sessions += sessions;
        total_present += present;
        total_comments += comments;
    }
    assert!(total_sessions > 0, "the demo held sessions that year");
    let total = rows.last().unwrap();
    assert!(text(&total[0]).starts_with("Cộng"));
    assert_eq!(number(&total[1]), total_sessions);
    assert_eq!(number(&total[3]), total_present);
    assert_eq!(number(&total[7]), total_comments);
}

#[test]
fn the_workbook_lists_each_approved_topic_with_its_presenters_and_real_dates_and_each_miss_with_its_reason(
) {
    let (dir, db, committee) = demo();
    let year = last_year();
    let report = db.yearly_report(committee.id, year).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = write_xlsx(&report, out.path());
    let c = sql(dir.path());

    let (header, rows) = sheet(&path, xlsx::SHEET_APPROVED);
    assert_eq!(
        header,
        [
            "Đơn vị",
            "Quý",
            "Chuyên đề",
            "Đảng viên trình bày",
            "Ngày sinh hoạt",
            "Ngày duyệt"
        ]
    );
    let approved: i64 = c
        .query_row(
            "SELECT count(*) FROM topic t JOIN plan p ON p.id = t.plan_id
              WHERE p.year = ?1 AND t.state = 'approved'",
            [year],
            |r| r.get(0),
        )
        .unwrap();
    assert!(approved > 0);
    assert_eq!(rows.len() as i64, approved, "one row per approved topic");
    for row in &rows {
        let (unit, title) = (text(&row[0]), text(&row[2]));
        let (presenter, meeting_on): (String, NaiveDate) = c
            .query_row(
                "SELECT m.full_name, s.meeting_on FROM topic t JOIN plan p ON p.id = t.plan_id
                   JOIN organisation o ON o.id = p.organisation_id
                   JOIN topic_assignee a ON a.topic_id = t.id JOIN member m ON m.id = a.member_id
                   JOIN submission s ON s.topic_id = t.id AND s.decision = 'approved'
                  WHERE o.name = ?1 AND p.year = ?2 AND t.title = ?3",
                params![unit, year, title],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            text(&row[3]),
            presenter,
            "{title}: presented by its assigned member"
        );
        assert_eq!(
            date(&row[5]),
            meeting_on,
            "{title}: approved at the committee's meeting"
        );
        assert_eq!(date(&row[4]).year(), year, "{title}: held in the year");
    }

    let (header, rows) = sheet(&path, xlsx::SHEET_MISSES);
    assert_eq!(header, ["Đơn vị", "Thời gian", "Yêu cầu", "Lý do"]);
    let compliance = db.compliance(committee.id, year).unwrap();
    assert_eq!(
        rows.len() as i64,
        compliance.missed,
        "one row per rule missed"
    );
    assert!(
        rows.iter().all(|r| !text(&r[3]).trim().is_empty()),
        "each miss says why"
    );
}

#[test]
fn the_workbook_has_a_frozen_header_and_columns_as_wide_as_their_vietnamese_text() {
    let (_dir, db, committee) = demo();
    let report = db.yearly_report(committee.id, last_year()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = write_xlsx(&report, out.path());
    let xml = common::printed::docx_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "the header row is frozen: {xml:.600}"
    );
    // Headers wrap at their spaces, and the header row is as tall as its wrapped lines (a
    // spreadsheet program keeps a row's stored height, and would show one line of them).
    let header_row = xml.split("<row ").nth(1).expect("rows");
    let height: f64 = header_row
        .split("ht=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .and_then(|h| h.parse().ok())
        .expect("the header row has a height");
    assert!(
        height >= 30.0,
        "the header row is {height} pt tall for two or more lines"
    );
    // The first column holds the cells' names: as wide as the longest, in letters.
    let longest = report
        .units
        .iter()
        .map(|u| u.organisation_name.chars().count())
        .max()
        .unwrap();
    let width: f64 = xml
        .split("<col ")
        .nth(1)
        .and_then(|c| c.split("width=\"").nth(1))
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse().ok())
        .expect("the first column has a width");
    assert!(
        width >= longest as f64 && width < longest as f64 * 1.5 + 4.0,
        "first column {width} wide for names of {longest} letters"
    );
}

#[test]
fn a_postponed_topic_counts_in_its_new_quarter_and_as_postponed_out_of_its_old_one() {
    let m = common::meeting();
    m.db.postpone_topic(
        m.topic,
        Quarter::new(3).unwrap(),
        "Trùng lịch hội nghị của cơ quan.",
    )
    .unwrap();
    let report = m.db.yearly_report(m.cell.id, 2025).unwrap();
    let q = |n: usize| report.quarters[n - 1].counts;
    assert_eq!(
        (q(2).planned, q(2).postponed),
        (0, 1),
        "quý II: postponed out of it"
    );
    assert_eq!(
        (q(3).planned, q(3).postponed),
        (1, 0),
        "quý III: planned in it now"
    );
    assert_eq!(report.total.postponed, 1);
    assert_eq!(report.units.len(), 1, "a cell's report is the cell alone");
}

#[test]
fn the_report_as_a_party_document_reads_back_from_its_pdf_and_from_its_docx_printed_by_libreoffice()
{
    let (_dir, db, committee) = demo();
    let year = last_year();
    let report = db.yearly_report(committee.id, year).unwrap();
    let document = db.yearly_report_document(&report).unwrap();
    chuyende::minutes::missing::ready_to_issue(&document, committee.id)
        .expect("the demo's đảng bộ has its place, symbol and signer set");
    let out = tempfile::tempdir().unwrap();
    let (pdf, _docx, printed) = both(&document, out.path(), "bao-cao-nam");
    first_page_png(&pdf, "yearly-report-pdf-1");
    first_page_png(&printed, "yearly-report-docx-1");
    let t = &report.total;
    let expected = [
        "ĐẢNG ỦY VĂN PHÒNG UBND TỈNH".to_string(),
        "BÁO CÁO".into(),
        format!("kết quả sinh hoạt chuyên đề năm {year}"),
        "I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH".into(),
        format!(
            "Kế hoạch năm có {} chuyên đề; đã sinh hoạt {} chuyên đề; được cấp ủy duyệt {} chuyên đề",
            t.planned, t.held, t.approved
        ),
        "II. DỰ SINH HOẠT VÀ Ý KIẾN THẢO LUẬN".into(),
        "III. CHUYÊN ĐỀ ĐÃ ĐƯỢC CẤP ỦY DUYỆT".into(),
        // (Its family name: a narrow column may break the rest of the name across lines.)
        report.approved[0]
            .presenters
            .split_whitespace()
            .next()
            .expect("a presenter")
            .to_string(),
        "IV. NHỮNG YÊU CẦU CỦA HƯỚNG DẪN CHƯA ĐẠT".into(),
        "T/M ĐẢNG ỦY".into(),
        "Hoàng Thị Thu Hương".into(),
        "Nơi nhận:".into(),
    ];
    for (file, what) in [(&pdf, "PDF"), (&printed, "DOCX printed by LibreOffice")] {
        let read = squash(&tool("pdftotext", &[file.to_str().unwrap(), "-"]));
        for phrase in &expected {
            assert!(
                read.contains(&squash(phrase)),
                "the {what} says “{phrase}”:\n{read}"
            );
        }
        // Every approved topic's title is in the table (a cell may break it across lines).
        for topic in &report.approved {
            let first = topic
                .title
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(read.contains(&first), "the {what} lists “{}”", topic.title);
        }
    }
}

#[test]
fn each_format_renders_from_the_same_report() {
    let (_dir, db, committee) = demo();
    let report = db.yearly_report(committee.id, last_year()).unwrap();
    let document = db.yearly_report_document(&report).unwrap();
    for (format, magic) in [
        (ReportFormat::Xlsx, &b"PK"[..]),
        (ReportFormat::Docx, &b"PK"[..]),
        (ReportFormat::Pdf, &b"%PDF"[..]),
    ] {
        let bytes = yearly_report::render(&report, &document, format).unwrap();
        assert!(
            bytes.starts_with(magic),
            "{format:?} starts as its kind of file"
        );
    }
}
