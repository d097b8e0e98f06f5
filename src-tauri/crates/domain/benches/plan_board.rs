//! How fast the plan screen's data comes back for a large organisation: 200 cells with ten
//! years of four-topic plans each (8,000 topics, their assignees and audit trail), in a real
//! SQLite file. Prints figures for the README; asserts nothing about time.
//!
//! `cargo bench -p chuyende-domain --bench plan_board` (CELLS=… YEARS=… to change the size).

use std::time::{Duration, Instant};

use chrono::Datelike;
use chuyende::organisation::Placement;
use chuyende::Database;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{what:<44} median {:>8.2} ms   p95 {:>8.2} ms   max {:>8.2} ms   ({} runs)",
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.95).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
        samples.len()
    );
}

fn main() {
    let cells = env("CELLS", 200);
    let years = env("YEARS", 10) as i32;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Database::open_in(dir.path()).expect("open");

    let started = Instant::now();
    let topics = chuyende::demo::fill_large(&db, cells, years, 0).expect("fill");
    let size = std::fs::metadata(db.path()).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db.path().with_extension("sqlite3-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "filled {cells} cells x {years} years = {topics} topics in {:.1} s ({:.1} MB on disk)",
        started.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );

    let orgs = db.organisations(false).unwrap();
    let cell_ids: Vec<_> = orgs
        .iter()
        .filter(|o| matches!(o.placement, Placement::Cell { .. }))
        .map(|o| o.id)
        .collect();
    let committee = orgs
        .iter()
        .find(|o| matches!(o.placement, Placement::PartyCommitteeOrg { .. }))
        .unwrap()
        .id;
    let this_year = chrono::Local::now().year();

    // What opening the plan screen costs: the organisation list, then one board.
    let samples = (0..50)
        .map(|_| {
            let t = Instant::now();
            let list = db.organisations(false).unwrap();
            assert_eq!(list.len(), cells + 1);
            t.elapsed()
        })
        .collect();
    report("organisation list (filter of the board)", samples);

    let samples = (0..400)
        .map(|i| {
            let cell = cell_ids[(i * 37) % cell_ids.len()];
            let year = this_year - (i as i32 % years);
            let t = Instant::now();
            let board = db.plan_board(cell, year).unwrap();
            assert_eq!(board.topics.len(), 4);
            t.elapsed()
        })
        .collect();
    report("plan board of one cell and year", samples);

    let samples = (0..100)
        .map(|i| {
            let t = Instant::now();
            db.plan_board(committee, this_year - (i % years)).unwrap();
            db.members(Some(committee), false).unwrap();
            t.elapsed()
        })
        .collect();
    report("đảng bộ board + its members (assign list)", samples);

    let board = db.plan_board(cell_ids[0], this_year).unwrap();
    let topic = board.topics[0].id;
    let samples = (0..200)
        .map(|_| {
            let t = Instant::now();
            db.topic(topic).unwrap();
            db.topic_history(topic).unwrap();
            t.elapsed()
        })
        .collect();
    report("topic detail + history", samples);

    // Reads while another thread writes durably without pause (synchronous = FULL, an fsync
    // per commit, as comments typed live in a meeting are saved): the screen's read must not
    // wait behind the writes.
    let db = std::sync::Arc::new(db);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut writes = 0u32;
            let mut longest = Duration::ZERO;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let t = Instant::now();
                db.write_durable(|tx| {
                    // A few hundred rows touched per commit, as a long comment with its index is.
                    Ok(tx.execute(
                        "UPDATE topic SET notes = notes || '' WHERE id IN (SELECT id FROM topic ORDER BY random() LIMIT 300)",
                        [],
                    )?)
                })
                .unwrap();
                longest = longest.max(t.elapsed());
                writes += 1;
            }
            (writes, longest)
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let samples = (0..200)
        .map(|i| {
            let t = Instant::now();
            db.plan_board(cell_ids[i % cell_ids.len()], this_year)
                .unwrap();
            t.elapsed()
        })
        .collect();
    report("plan board during durable writes", samples);
    let samples = (0..200)
        .map(|_| {
            let t = Instant::now();
            db.topic(topic).unwrap();
            db.topic_history(topic).unwrap();
            t.elapsed()
        })
        .collect();
    report("topic detail + history during durable writes", samples);
    let reading = started.elapsed();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (writes, longest) = writer.join().unwrap();
    println!(
        "meanwhile {writes} durable writes committed in {:.1} s (longest {:.1} ms)",
        reading.as_secs_f64(),
        longest.as_secs_f64() * 1e3
    );
}
