//! Outline import and search, measured on real files and a realistic amount of data. Prints
//! figures for the README; asserts nothing about time.
//!
//! `cargo bench -p chuyende-domain --bench outlines` (OUTLINES=… to change the search corpus).

use std::time::{Duration, Instant};

use chuyende::member::Position;
use chuyende::outline::extract::{extract, Limits};
use chuyende::plan::Quarter;
use chuyende::search::SearchFilter;
use chuyende::topic::TopicDraft;
use chuyende::Database;

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at =
        |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what:<52} median {:>8.2} ms   p95 {:>8.2} ms   ({} runs)",
        at(0.5),
        at(0.95),
        samples.len()
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        format!(
            "{}/../../../tests/fixtures/",
            std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
        ) + name,
    )
    .expect("fixture")
}

fn main() {
    chuyende::outline::isolation::use_program(env!("CARGO_BIN_EXE_chuyende-reader").into());
    // 1. A 100-page Word outline (tests/fixtures/large-100-pages.docx, 102 pages in LibreOffice).
    let large = fixture("large-100-pages.docx");
    let limits = Limits::default();
    let blocks = extract("large-100-pages.docx", &large, &limits)
        .expect("readable")
        .blocks
        .len();
    let samples = (0..20)
        .map(|_| {
            let t = Instant::now();
            extract("large-100-pages.docx", &large, &limits).unwrap();
            t.elapsed()
        })
        .collect();
    report(
        &format!(
            "read a 100-page .docx ({} KB, {blocks} blocks)",
            large.len() / 1024
        ),
        samples,
    );

    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in(dir.path()).unwrap();
    let org = db
        .create_organisation(&chuyende::organisation::OrganisationDraft {
            name: "Đảng bộ thử".into(),
            placement: chuyende::organisation::Placement::PartyCommitteeOrg {
                superior_name: "Tỉnh ủy".into(),
            },
        })
        .unwrap();
    let cell = db
        .create_organisation(&chuyende::organisation::OrganisationDraft {
            name: "Chi bộ thử".into(),
            placement: chuyende::organisation::Placement::Cell { parent_id: org.id },
        })
        .unwrap();
    let member = db
        .create_member(&chuyende::member::MemberDraft {
            organisation_id: cell.id,
            full_name: "Nguyễn Văn A".into(),
            position: Position::Member,
            standing: chuyende::member::Standing::Full,
        })
        .unwrap();
    let plan = db.create_plan(cell.id, 2025).unwrap();
    let group = db.topic_groups(cell.id).unwrap()[0].id;
    let samples = (0..20)
        .map(|i| {
            let topic = db
                .create_topic(
                    plan.id,
                    &TopicDraft {
                        title: format!("Chuyên đề {i}"),
                        group_id: group,
                        quarter: Quarter::new(1).unwrap(),
                        planned_on: None,
                        suggestions: String::new(),
                        notes: String::new(),
                        assignee_ids: vec![member.id],
                    },
                )
                .unwrap();
            let t = Instant::now();
            db.import_outline(topic.id, "large-100-pages.docx", &large, "")
                .unwrap();
            t.elapsed()
        })
        .collect();
    report(
        "import it (read, store, index, audit) into a topic",
        samples,
    );

    // 2. Search over many outlines.
    let outlines: usize = std::env::var("OUTLINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let db = Database::open_in(dir.path()).unwrap();
    let started = Instant::now();
    let cells = outlines.div_ceil(40).max(1);
    chuyende::demo::fill_large(&db, cells, 10, outlines).unwrap();
    let stored: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM outline_version", [], |r| r.get(0))?))
        .unwrap();
    println!(
        "filled {cells} cells x 10 years with {stored} outlines in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let all = SearchFilter::default();
    for query in [
        "sinh hoat chuyen de",
        "dang bo van phong",
        "Đảng bộ",
        "tiet kiem chong lang phi",
        "chuyen doi so",
    ] {
        let found = db.search(query, &all, 20).unwrap().len();
        let samples = (0..50)
            .map(|_| {
                let t = Instant::now();
                db.search(query, &all, 20).unwrap();
                t.elapsed()
            })
            .collect();
        report(&format!("search “{query}” (top 20 of {found}+)"), samples);
    }
    let year = SearchFilter {
        year: Some(2024),
        ..all
    };
    let samples = (0..50)
        .map(|_| {
            let t = Instant::now();
            db.search("nang cao trach nhiem neu guong", &year, 20)
                .unwrap();
            t.elapsed()
        })
        .collect();
    report("search “nang cao trach nhiem neu guong”, one year", samples);
}
