//! `chuyende bench`: how long each screen's read, a search, a 100-page import, the minutes of a
//! 60-comment session as PDF and DOCX, the year's documents and a backup take on the large data
//! set (`demo-data --large`), beside the raw SQLite cost of the same rows where there is one.
//! Figures, never pass/fail: the README holds the latest table.

mod check;
pub mod meeting;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Datelike;
use rusqlite::Connection;

use crate::db::Database;
use crate::error::Result;
use crate::export::Exported;
use crate::minutes::{DocumentFormat, PageMargins, PartyDocument};
use crate::organisation::{OrganisationId, Placement};
use crate::outline::problem::TextStatus;
use crate::search::SearchFilter;

/// Why the bench stopped before printing its table.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The data refused a step (the library's own message).
    #[error(transparent)]
    Data(#[from] crate::Error),
    /// A document timed came out wrong: its figure would be the time of a failure.
    #[error("Tệp đo được không hợp lệ: {file}: {why}.")]
    InvalidDocument { file: String, why: String },
    #[error(transparent)]
    Workbook(#[from] crate::yearly_report::xlsx::WorkbookError),
    #[cfg(feature = "minutes-pdf")]
    #[error(transparent)]
    Pdf(#[from] crate::minutes::pdf::PdfError),
    #[cfg(feature = "minutes-pdf")]
    #[error(transparent)]
    Archive(#[from] crate::archive::ArchiveError),
}

/// One line of the table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Measured {
    pub what: String,
    pub median_ms: f64,
    pub p95_ms: f64,
    /// The same rows read with plain SQL, without building the screen's records.
    pub raw_median_ms: Option<f64>,
}

/// Median and 95th percentile of `runs` timed calls, in milliseconds.
fn time<E>(
    runs: usize,
    mut f: impl FnMut() -> std::result::Result<(), E>,
) -> std::result::Result<(f64, f64), E> {
    let mut samples: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed());
    }
    samples.sort();
    let at =
        |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    Ok((at(0.5), at(0.95)))
}

/// Reads every row `sql` returns with parameters `params`, touching each column.
fn raw(conn: &Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        for i in 0..columns {
            let _: rusqlite::types::Value = r.get(i)?;
        }
    }
    Ok(())
}

/// Measures the screens of the organisation with the most cells in `db` (the large demo
/// data set) and a backup into `scratch`. `runs` calls of each.
pub fn measure(
    db: &Database,
    scratch: &Path,
    runs: usize,
) -> std::result::Result<Vec<Measured>, BenchError> {
    let orgs = db.organisations(false)?;
    let committee = orgs
        .iter()
        .filter(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
        .max_by_key(|o| {
            orgs.iter()
                .filter(
                    |c| matches!(c.placement, Placement::Cell { parent_id } if parent_id == o.id),
                )
                .count()
        })
        .map(|o| o.id)
        .ok_or(crate::error::Error::NotFound {
            what: "tổ chức",
            id: 0,
        })?;
    let cell: OrganisationId = orgs
        .iter()
        .find(|c| matches!(c.placement, Placement::Cell { parent_id } if parent_id == committee))
        .map(|c| c.id)
        .ok_or(crate::error::Error::NotFound {
            what: "tổ chức",
            id: 0,
        })?;
    // The large fill leaves the handle's clock on the day its last step was dated: the bench
    // reads and writes today.
    db.set_clock(None);
    let year = db.today().year();
    let board = db.plan_board(cell, year)?;
    let topic = board.topics.first().map(|t| t.id);
    let mut table = Vec::new();
    let mut row = |what: &str, (median_ms, p95_ms): (f64, f64), raw: Option<(f64, f64)>| {
        table.push(Measured {
            what: what.into(),
            median_ms,
            p95_ms,
            raw_median_ms: raw.map(|r| r.0),
        })
    };
    let raw_time = |sql: &str, params: &[&dyn rusqlite::ToSql]| {
        db.read(|c| time(runs, || raw(c, sql, params)))
    };
    row(
        "Tổ chức: danh sách",
        time(runs, || db.organisations(false).map(drop))?,
        Some(raw_time("SELECT * FROM organisation", &[])?),
    );
    row(
        "Kế hoạch: một chi bộ, một năm",
        time(runs, || db.plan_board(cell, year).map(drop))?,
        Some(raw_time(
            "SELECT t.* FROM topic t JOIN plan p ON p.id = t.plan_id WHERE p.organisation_id = ?1 AND p.year = ?2",
            &[&cell.0, &year],
        )?),
    );
    row(
        "Kế hoạch: đảng bộ và danh sách đảng viên",
        time(runs, || {
            db.plan_board(committee, year)?;
            db.members(Some(committee), false).map(drop)
        })?,
        Some(raw_time(
            "SELECT m.* FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE o.id = ?1 OR o.parent_id = ?1",
            &[&committee.0],
        )?),
    );
    if let Some(topic) = topic {
        row(
            "Chuyên đề: chi tiết và lịch sử",
            time(runs, || {
                db.topic(topic)?;
                db.topic_history(topic).map(drop)
            })?,
            Some(raw_time(
                "SELECT * FROM audit_event WHERE entity = 'topic' AND entity_id = ?1",
                &[&topic.0],
            )?),
        );
    }
    // The sessions screen reads a page (`SESSIONS_PAGE`): the first, the last of the đảng
    // bộ's year (the deepest skip), and the đảng bộ's list narrowed to one cell.
    let page = crate::session_list::SESSIONS_PAGE;
    let year_span = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let committee_page = |skip: i64| {
        raw_time(
            "SELECT s.* FROM session s JOIN organisation o ON o.id = s.organisation_id
              WHERE (o.id = ?1 OR o.parent_id = ?1) AND s.held_on BETWEEN ?2 AND ?3
              ORDER BY s.held_on DESC, s.id DESC LIMIT ?4 OFFSET ?5",
            &[&committee.0, &year_span.0, &year_span.1, &page, &skip],
        )
    };
    // A cell's own list and the đảng bộ's narrowed to it read the same rows.
    let cell_page = || {
        raw_time(
            "SELECT * FROM session WHERE organisation_id = ?1 AND held_on BETWEEN ?2 AND ?3
              ORDER BY held_on DESC, id DESC LIMIT ?4",
            &[&cell.0, &year_span.0, &year_span.1, &page],
        )
    };
    row(
        &format!("Sinh hoạt: một chi bộ, một năm (trang {page} buổi)"),
        time(runs, || db.sessions(cell, year, None, "", 1).map(drop))?,
        Some(cell_page()?),
    );
    row(
        "Sinh hoạt: đảng bộ một năm, trang đầu",
        time(runs, || db.sessions(committee, year, None, "", 1).map(drop))?,
        Some(committee_page(0)?),
    );
    let last = db.sessions(committee, year, None, "", 1)?.pages;
    row(
        &format!("Sinh hoạt: đảng bộ một năm, trang cuối ({last})"),
        time(runs, || db.sessions(committee, year, None, "", last).map(drop))?,
        Some(committee_page(i64::from(last - 1) * i64::from(page))?),
    );
    row(
        "Sinh hoạt: đảng bộ một năm, lọc một chi bộ",
        time(runs, || db.sessions(committee, year, Some(cell), "", 1).map(drop))?,
        Some(cell_page()?),
    );
    row(
        "Phê duyệt: đảng bộ (50 quyết định mới nhất)",
        time(runs, || db.approvals(committee).map(drop))?,
        Some(raw_time(
            "SELECT s.* FROM submission s JOIN topic t ON t.id = s.topic_id JOIN plan p ON p.id = t.plan_id
               JOIN organisation o ON o.id = p.organisation_id
              WHERE (o.id = ?1 OR o.parent_id = ?1) AND s.decision IS NOT NULL
              ORDER BY s.decided_at DESC, s.id DESC LIMIT 51",
            &[&committee.0],
        )?),
    );
    let all = SearchFilter::default();
    row(
        "Tìm kiếm “sinh hoat chuyen de” (50 kết quả)",
        time(runs, || db.search("sinh hoat chuyen de", &all, 50).map(drop))?,
        Some(raw_time(
            "SELECT rowid, kind, ref_id FROM search_index WHERE search_index MATCH '\"sinh\" \"hoat\" \"chuyen\" \"de\"' ORDER BY bm25(search_index) LIMIT 200",
            &[],
        )?),
    );
    // What a secretary waits for after a meeting: the bench's own cell (see `meeting`), made
    // after the screens above were read so that they read exactly `demo-data --large`. Each
    // document is timed as `chuyende minutes` makes it (the record, the file, written and
    // recorded in the trail), then the last one written is read back.
    let imports = runs.clamp(1, 20);
    let held = meeting::hold(db, committee, imports)?;
    let mut empty = held.empty_topics.iter();
    let mut imported = None;
    row(
        "Nhập đề cương .docx 100 trang (đọc, lưu, lập chỉ mục, nhật ký)",
        time(imports, || -> Result<()> {
            let topic = *empty.next().expect("one empty topic per run");
            imported = Some(db.import_outline(
                topic,
                meeting::LARGE_OUTLINE_NAME,
                meeting::LARGE_OUTLINE,
                "",
            )?);
            Ok(())
        })?,
        None,
    );
    if let Some(version) = imported {
        let text = db.outline_text(version.id)?;
        if version.text_status != TextStatus::Read || text.blocks.len() < 100 {
            return Err(BenchError::InvalidDocument {
                file: meeting::LARGE_OUTLINE_NAME.into(),
                why: format!("đọc được {} khối văn bản", text.blocks.len()),
            });
        }
    }
    let minutes_file =
        |format: DocumentFormat| scratch.join(format!("bien-ban-60-y-kien.{}", format.extension()));
    // The file of `format`, written and recorded as every export is.
    let minutes = |format: DocumentFormat,
                   file: &dyn Fn(&PartyDocument) -> std::result::Result<Vec<u8>, BenchError>|
     -> std::result::Result<(), BenchError> {
        let document = db.minutes_to_issue(held.session, None)?.document;
        db.write_export(
            Exported::Minutes(held.session),
            format,
            &minutes_file(format),
            &file(&document)?,
        )?;
        Ok(())
    };
    let documents = runs.clamp(1, 20);
    #[cfg(feature = "minutes-pdf")]
    {
        let timed = time(documents, || {
            minutes(DocumentFormat::Pdf, &|d| {
                Ok(crate::minutes::render(d, DocumentFormat::Pdf)?)
            })
        })?;
        // As many pages as the window's preview of the same minutes shows.
        let document = db.minutes_to_issue(held.session, None)?.document;
        let pages = crate::minutes::pdf::render_pages_svg(&document, PageMargins::default())?.len();
        check::pdf(&minutes_file(DocumentFormat::Pdf), pages)?;
        row(
            &format!(
                "Biên bản PDF của buổi sinh hoạt {} ý kiến ({pages} trang)",
                meeting::COMMENTS
            ),
            timed,
            None,
        );
    }
    row(
        &format!(
            "Biên bản DOCX của buổi sinh hoạt {} ý kiến",
            meeting::COMMENTS
        ),
        time(documents, || {
            minutes(DocumentFormat::Docx, &|d| {
                Ok(crate::minutes::docx::write(d, PageMargins::default()))
            })
        })?,
        None,
    );
    check::docx(
        &minutes_file(DocumentFormat::Docx),
        &meeting::last_comment_text(),
    )?;
    // The year's documents, of last year (every quarter over): the đảng bộ's report counts
    // every cell; the archive lays out one cell's documents (typst: absent from the bench
    // build without it).
    let reports = runs.clamp(1, 5);
    row(
        "Báo cáo năm: số liệu của đảng bộ",
        time(reports, || db.yearly_report(committee, year - 1).map(drop))?,
        None,
    );
    row(
        "Báo cáo năm: số liệu và tệp Excel của đảng bộ",
        time(reports, || -> std::result::Result<(), BenchError> {
            crate::yearly_report::xlsx::write(&db.yearly_report(committee, year - 1)?)?;
            Ok(())
        })?,
        None,
    );
    #[cfg(feature = "minutes-pdf")]
    {
        let file = scratch.join("ho-so-luu-tru.pdf");
        let mut pages = 0;
        let timed = time(
            runs.clamp(1, 3),
            || -> std::result::Result<(), BenchError> {
                let book = db.archive_book(cell, year - 1)?;
                let archive = crate::archive::render(&book, |_, _| {})?;
                pages =
                    archive.contents_pages + archive.parts.iter().map(|p| p.pages).sum::<usize>();
                db.write_export_file(
                    Exported::Archive {
                        organisation: cell,
                        year: year - 1,
                    },
                    "pdf",
                    &file,
                    &archive.pdf,
                )?;
                Ok(())
            },
        )?;
        check::pdf(&file, pages)?;
        row(
            &format!("Hồ sơ lưu trữ năm của một chi bộ (PDF, {pages} trang)"),
            timed,
            None,
        );
    }
    let backups = runs.clamp(1, 3);
    row(
        "Sao lưu (kiểm tra bản sao)",
        time(backups, || {
            let target = scratch.join("bench-backup.sqlite3");
            let _ = std::fs::remove_file(&target);
            db.backup_to(&target).map(drop)
        })?,
        None,
    );
    let _ = std::fs::remove_file(scratch.join("bench-backup.sqlite3"));
    Ok(table)
}

/// The table as Markdown, as the README shows it.
pub fn table(measured: &[Measured]) -> String {
    let mut out =
        String::from("| đo | trung vị | p95 | SQLite thuần (trung vị) |\n|---|---|---|---|\n");
    for m in measured {
        let raw = m
            .raw_median_ms
            .map_or("—".to_string(), |r| format!("{r:.2} ms"));
        out.push_str(&format!(
            "| {} | {:.2} ms | {:.2} ms | {raw} |\n",
            m.what, m.median_ms, m.p95_ms
        ));
    }
    out
}
