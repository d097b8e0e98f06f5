//! The table `chuyende bench` prints (see chuyende::bench), from a bench build: CELLS=…
//! YEARS=… OUTLINES=… RUNS=… change the size.

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    chuyende::outline::isolation::use_program(env!("CARGO_BIN_EXE_chuyende-reader").into());
    let (cells, years, outlines) = (
        env("CELLS", 250),
        env("YEARS", 10) as i32,
        env("OUTLINES", 10_000),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let db = chuyende::Database::open_in(dir.path()).expect("open");
    let started = std::time::Instant::now();
    let topics = chuyende::demo::fill_large(&db, cells, years, outlines).expect("fill");
    println!(
        "{cells} cells x {years} years, {topics} topics, {outlines} outlines (filled in {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let measured = chuyende::bench::measure(&db, dir.path(), env("RUNS", 50)).expect("measure");
    print!("{}", chuyende::bench::table(&measured));
}
