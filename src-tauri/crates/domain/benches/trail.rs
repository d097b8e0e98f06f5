//! How long `chuyende verify` and the window's check at start take on the data of
//! `chuyende demo-data --large` (250 cells × 10 years, 10,000 outlines by default), in a real
//! SQLite file. Prints figures for the README; asserts nothing about time.
//!
//! `cargo bench -p chuyende-domain --bench trail` (CELLS=… YEARS=… OUTLINES=… to change the
//! size; DATA_DIR=… to measure a data folder already filled, e.g. by `chuyende demo-data
//! --large`).

use std::time::{Duration, Instant};

use chuyende::audit::verify::Limits;
use chuyende::Database;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at =
        |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what:<52} median {:>9.1} ms   p95 {:>9.1} ms   ({} runs)",
        at(0.5),
        at(0.95),
        samples.len()
    );
}

fn main() {
    chuyende::outline::isolation::use_program(env!("CARGO_BIN_EXE_chuyende-reader").into());
    let (cells, years, outlines) = (
        env("CELLS", 250),
        env("YEARS", 10) as i32,
        env("OUTLINES", 10_000),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = match std::env::var_os("DATA_DIR") {
        Some(filled) => Database::open_existing_dir(std::path::Path::new(&filled)).expect("open"),
        None => {
            let db = Database::open_in(dir.path()).expect("open");
            let started = Instant::now();
            chuyende::demo::fill_large(&db, cells, years, outlines).expect("fill");
            println!(
                "filled {cells} cells x {years} years, {outlines} outlines in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            db
        }
    };

    let full = db.verify_trail(Limits::FULL).expect("verify");
    assert!(full.is_intact(), "{}", full.summary);
    println!(
        "{} audit entries, {} outline originals",
        full.entries_total, full.originals_total
    );
    let time = |limits: Limits, runs: usize| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                db.verify_trail(limits).expect("verify");
                t.elapsed()
            })
            .collect::<Vec<_>>()
    };
    report(
        "chuyende verify (every entry and original)",
        time(Limits::FULL, 5),
    );
    report(
        "the window's check at start (Limits::AT_START)",
        time(Limits::AT_START, 10),
    );
}
