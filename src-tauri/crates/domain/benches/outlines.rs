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
    if std::env::var_os("ONLY_LONG").is_some() {
        // `ONLY_LONG=1`: the long outlines alone (the 10,000-outline corpus takes a while).
        long_outlines();
        return;
    }
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
            record: Default::default(),
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

    // 2. Search in very long outlines: the snippet's cost must not grow with the square of the
    // places the words occur (before: 0.18 s at 300 KB, 1.5 s at 1 MB, minutes at 30 MB).
    long_outlines();

    // 3. Search over many outlines.
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

/// One cell with a plan and a member, in a temporary folder.
fn small_cell() -> (
    Database,
    tempfile::TempDir,
    chuyende::plan::PlanId,
    chuyende::topic_group::TopicGroupId,
    chuyende::member::MemberId,
) {
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
            record: Default::default(),
        })
        .unwrap();
    let plan = db.create_plan(cell.id, 2025).unwrap();
    let group = db.topic_groups(cell.id).unwrap()[0].id;
    (db, dir, plan.id, group, member.id)
}

/// A normal-looking outline of about `bytes` bytes: numbered sections of Vietnamese
/// paragraphs in which "Đảng bộ", "chi bộ", "đảng viên" recur, as they do in real ones; the
/// words "tổng kết kinh nghiệm" occur together only in its last paragraph.
fn long_outline_text(bytes: usize) -> String {
    const PARAGRAPHS: [&str; 6] = [
        "Đảng bộ Văn phòng tổ chức sinh hoạt chuyên đề theo kế hoạch, mỗi chi bộ chuẩn bị đề cương và phân công đảng viên trình bày.",
        "Nâng cao chất lượng sinh hoạt chi bộ, phát huy tinh thần tự phê bình và phê bình, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Mỗi đảng viên nêu gương về đạo đức, lối sống, tiết kiệm, chống lãng phí; kết quả được ghi vào biên bản và báo cáo cấp ủy.",
        "Chi ủy theo dõi, đôn đốc việc thực hiện nghị quyết; các tổ công tác báo cáo tiến độ hằng tháng, nêu khó khăn, vướng mắc và đề xuất giải pháp.",
        "Về kinh nghiệm, các đồng chí chia sẻ cách làm hay ở đơn vị mình, nhất là trong chuyển đổi số và cải cách thủ tục hành chính.",
        "Bí thư chi bộ kết luận, giao nhiệm vụ cho từng đồng chí; thời hạn hoàn thành được thống nhất tại buổi sinh hoạt.",
    ];
    let mut text = String::with_capacity(bytes + 400);
    let mut n = 0;
    while text.len() < bytes {
        if n % 20 == 0 {
            text.push_str(&format!("{}. NỘI DUNG PHẦN {}\n", n / 20 + 1, n / 20 + 1));
        }
        text.push_str(PARAGRAPHS[n % PARAGRAPHS.len()]);
        text.push_str(&format!(" (mục {n})\n"));
        n += 1;
    }
    text.push_str("Tổng kết kinh nghiệm sau một năm thực hiện chuyên đề.\n");
    text
}

/// Each size in a database of its own: only that outline is found.
fn long_outlines() {
    let mut limits = Limits::default();
    limits.output.max_text_chars = 40_000_000;
    limits.output.max_blocks = 1_000_000;
    limits.memory_bytes = 4 << 30;
    limits.timeout = Duration::from_secs(600);
    let all = SearchFilter::default();
    for (label, bytes) in [
        ("300 KB", 300 << 10),
        ("1 MB", 1 << 20),
        ("30 MB", 30 << 20),
    ] {
        let (db, _dir, plan, group, member) = small_cell();
        let topic = db
            .create_topic(
                plan,
                &TopicDraft {
                    title: format!("Đề cương dài {label}"),
                    group_id: group,
                    quarter: Quarter::new(1).unwrap(),
                    planned_on: None,
                    suggestions: String::new(),
                    notes: String::new(),
                    assignee_ids: vec![member],
                },
            )
            .unwrap();
        let text = long_outline_text(bytes);
        let t = Instant::now();
        db.import_outline_with(topic.id, "de-cuong-dai.txt", text.as_bytes(), "", &limits)
            .unwrap();
        println!(
            "import a {label} outline ({} chars): {:.2} s",
            text.chars().count(),
            t.elapsed().as_secs_f64()
        );
        let runs = if bytes > 10 << 20 { 5 } else { 20 };
        for query in ["Đảng bộ", "dang vien chi bo", "tong ket kinh nghiem"] {
            let hits = db.search(query, &all, 20).unwrap();
            assert_eq!(hits.len(), 1, "the long outline is found for “{query}”");
            let samples = (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    db.search(query, &all, 20).unwrap();
                    t.elapsed()
                })
                .collect();
            report(&format!("search a {label} outline, “{query}”"), samples);
        }
    }
}
