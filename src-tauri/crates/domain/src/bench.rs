//! `chuyende bench`: how long each screen's read, a search and a backup take on the large data
//! set (`demo-data --large`), beside the raw SQLite cost of the same rows where there is one.
//! Figures, never pass/fail: the README holds the latest table.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Datelike;
use rusqlite::Connection;

use crate::db::Database;
use crate::error::Result;
use crate::organisation::{OrganisationId, Placement};
use crate::search::SearchFilter;

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
fn time(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<(f64, f64)> {
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
pub fn measure(db: &Database, scratch: &Path, runs: usize) -> Result<Vec<Measured>> {
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
    let year = chrono::Local::now().year();
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
    row(
        "Sinh hoạt: buổi họp của một năm",
        time(runs, || db.sessions(cell, year).map(drop))?,
        Some(raw_time(
            "SELECT * FROM session WHERE organisation_id = ?1",
            &[&cell.0],
        )?),
    );
    row(
        "Sinh hoạt: buổi họp của đảng bộ một năm",
        time(runs, || db.sessions(committee, year).map(drop))?,
        Some(raw_time(
            "SELECT s.* FROM session s JOIN organisation o ON o.id = s.organisation_id
              WHERE (o.id = ?1 OR o.parent_id = ?1) AND substr(s.held_on, 1, 4) = ?2",
            &[&committee.0, &format!("{year:04}")],
        )?),
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
        time(reports, || {
            let report = db.yearly_report(committee, year - 1)?;
            // A file that cannot be made is a bug of ours: nothing to measure.
            crate::yearly_report::xlsx::write(&report).expect("the workbook is written");
            Ok(())
        })?,
        None,
    );
    #[cfg(feature = "minutes-pdf")]
    row(
        "Hồ sơ lưu trữ năm của một chi bộ (PDF)",
        time(runs.clamp(1, 3), || {
            let book = db.archive_book(cell, year - 1)?;
            crate::archive::render(&book, |_, _| {}).expect("the archive is laid out");
            Ok(())
        })?,
        None,
    );
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
