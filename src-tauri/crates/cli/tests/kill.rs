//! SIGKILL at random points of the app's long writes — a long import, `demo-data --large`, a
//! backup — leaves no damage and no partial record: after each kill the database opens (its
//! start-up check passes), `integrity_check` and the foreign-key check pass, every outline
//! version has its search entry and its audit row (and no search entry is orphaned), every
//! comment its search entry, and every backup file in the rotation is whole.
//!
//! CI runs a smoke count (`CHUYENDE_KILLS`, 12 by default); `scripts/kill-test.sh` runs the
//! full 100. The seed of the random points is printed, `CHUYENDE_KILL_SEED` replays it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::open_topics;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_chuyende")
}

/// The demo's account a command runs as, once `demo-data` made them: the secretary imports,
/// the administrator adds the large organisation.
fn signed(args: &[&str]) -> (Vec<String>, &'static str) {
    let (who, password) = match args.first().copied() {
        Some("import") => ("bithu", "demo-bithu"),
        Some("demo-data") if args.contains(&"--large") => ("quantri", "demo-quantri"),
        _ => return (args.iter().map(|a| a.to_string()).collect(), ""),
    };
    let mut all = vec!["--as".to_string(), who.to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    (all, password)
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let (args, password) = signed(args);
    let out = Command::new(bin())
        .args(&args)
        .env("CHUYENDE_PASSWORD", password)
        .env("CHUYENDE_DATA_DIR", dir)
        .output()
        .expect("chuyende runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A small pseudo-random sequence (the points in time to kill at).
struct Points(u64);
impl Points {
    fn next_below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Everything that must hold after a kill.
fn assert_whole(dir: &Path, what: &str) {
    let db = chuyende::Database::open_in(dir)
        .unwrap_or_else(|e| panic!("after a kill in {what}, the database does not open: {e}"));
    let zero = |sql: &str, rule: &str| {
        let n: i64 = db
            .read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0, "after a kill in {what}: {rule}");
    };
    let check: String = db
        .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(check, "ok", "after a kill in {what}: integrity");
    zero(
        "SELECT count(*) FROM pragma_foreign_key_check",
        "foreign keys hold",
    );
    zero(
        "SELECT count(*) FROM outline_version v WHERE NOT EXISTS
           (SELECT 1 FROM search_index s WHERE s.kind = 'outline' AND s.ref_id = v.id)",
        "every outline version has its search entry",
    );
    zero(
        "SELECT count(*) FROM search_index s WHERE s.kind = 'outline' AND NOT EXISTS
           (SELECT 1 FROM outline_version v WHERE v.id = s.ref_id)",
        "no search entry without its version",
    );
    zero(
        "SELECT count(*) FROM topic t WHERE
           (SELECT count(*) FROM outline_version v WHERE v.topic_id = t.id) !=
           (SELECT count(*) FROM audit_event a
             WHERE a.entity = 'topic' AND a.entity_id = t.id AND a.action = 'Nhập đề cương')",
        "every outline version has its audit row",
    );
    zero(
        "SELECT count(*) FROM comment c WHERE NOT EXISTS
           (SELECT 1 FROM search_index s WHERE s.kind = 'comment' AND s.ref_id = c.id)",
        "every comment has its search entry",
    );
    let folder = chuyende::backup::backup_folder(dir);
    if folder.exists() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with("chuyende-") {
                chuyende::backup::read_backup(&path).unwrap_or_else(|e| {
                    panic!("after a kill in {what}: backup {name} is not whole: {e}")
                });
            }
        }
    }
}

/// demo-data --large writes a cell at a time: after a kill each of its cells has all its
/// members and all its topics, or the cell is not there.
fn assert_whole_cells(dir: &Path) {
    let db = chuyende::Database::open_in(dir).unwrap();
    let partial: Vec<(String, i64, i64)> = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT o.name,
                        (SELECT count(*) FROM member m WHERE m.organisation_id = o.id),
                        (SELECT count(*) FROM topic t JOIN plan p ON p.id = t.plan_id
                          WHERE p.organisation_id = o.id)
                   FROM organisation o WHERE o.name LIKE 'Chi bộ số %'",
            )?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .unwrap()
        .into_iter()
        .filter(|(_, members, topics)| *members != 8 || *topics != 40)
        .collect();
    assert!(
        partial.is_empty(),
        "after a kill in demo-data --large, cells half made: {partial:?}"
    );
}

/// Runs `args` and kills it after a random time below `window`; returns whether it was killed
/// before finishing.
fn kill_at_random(dir: &Path, args: &[&str], window: Duration, points: &mut Points) -> bool {
    let (args, password) = signed(args);
    let mut child = Command::new(bin())
        .args(&args)
        .env("CHUYENDE_PASSWORD", password)
        .env("CHUYENDE_DATA_DIR", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chuyende starts");
    let at = Duration::from_micros(points.next_below(window.as_micros() as u64));
    let started = Instant::now();
    while started.elapsed() < at {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    let killed = child.try_wait().unwrap().is_none();
    child.kill().ok(); // SIGKILL on Unix
    child.wait().unwrap();
    killed
}

/// A long outline: a plain text of many sections (a few MB), whose import takes a while.
fn long_outline(dir: &Path) -> PathBuf {
    let path = dir.join("de-cuong-dai.md");
    let mut text = String::from("# ĐỀ CƯƠNG SINH HOẠT CHUYÊN ĐỀ\n\n");
    for i in 0..12_000 {
        text.push_str(&format!(
            "## Mục {i}\n\nChi bộ tổ chức quán triệt đầy đủ các chỉ thị, nghị quyết của Đảng đến toàn thể đảng viên; nâng cao trách nhiệm nêu gương.\n\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn timed(dir: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    run_ok(dir, args);
    started.elapsed()
}

#[test]
fn sigkill_at_random_points_of_long_writes_leaves_no_damage_and_no_partial_record() {
    let kills: u64 = std::env::var("CHUYENDE_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    let seed: u64 = std::env::var("CHUYENDE_KILL_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill test: {kills} kills, CHUYENDE_KILL_SEED={seed}");
    let mut points = Points(seed);

    let work = tempfile::tempdir().unwrap();
    let outline = long_outline(work.path());
    let outline = outline.to_str().unwrap();
    let dir = work.path().join("data");
    std::fs::create_dir(&dir).unwrap();
    run_ok(&dir, &["demo-data"]);
    let template = work.path().join("template.sqlite3");
    std::fs::copy(dir.join("chuyende.sqlite3"), &template).unwrap();
    let topics = open_topics(&dir);
    assert!(!topics.is_empty(), "a topic that takes outlines");

    // How long each whole write takes here, so the kills fall inside it.
    let import_takes = timed(&dir, &["import", "--topic", &topics[0], outline]);
    let backup_takes = timed(&dir, &["backup"]);
    let large_window = Duration::from_secs(4);
    eprintln!("an import takes {import_takes:?}, a backup {backup_takes:?}");

    let mut killed_mid_way = 0;
    let mut large_runs = 0;
    for k in 0..kills {
        let what = match k % 3 {
            0 => {
                // The same bytes twice are refused as a duplicate: each import gets a line of
                // its own.
                let topic = &topics[(k as usize / 3) % topics.len()];
                let variant = work.path().join(format!("de-cuong-{k}.md"));
                let mut bytes = std::fs::read(outline).unwrap();
                bytes.extend_from_slice(format!("\nPhiên bản {k}\n").as_bytes());
                std::fs::write(&variant, bytes).unwrap();
                let args = ["import", "--topic", topic, variant.to_str().unwrap()];
                if kill_at_random(&dir, &args, import_takes * 3 / 2, &mut points) {
                    killed_mid_way += 1;
                }
                "an import"
            }
            1 => {
                // demo-data --large adds a large organisation: start each run from the small
                // demo data, so that every run does the same work.
                large_runs += 1;
                let fresh = work.path().join(format!("large-{k}"));
                std::fs::create_dir(&fresh).unwrap();
                std::fs::copy(&template, fresh.join("chuyende.sqlite3")).unwrap();
                let args = ["demo-data", "--large", "--outlines", "40"];
                if kill_at_random(&fresh, &args, large_window, &mut points) {
                    killed_mid_way += 1;
                }
                assert_whole(&fresh, "demo-data --large");
                assert_whole_cells(&fresh);
                std::fs::remove_dir_all(&fresh).unwrap();
                continue;
            }
            _ => {
                if kill_at_random(&dir, &["backup"], backup_takes * 3 / 2, &mut points) {
                    killed_mid_way += 1;
                }
                "a backup"
            }
        };
        assert_whole(&dir, what);
    }
    eprintln!("{killed_mid_way} of {kills} kills landed before the write finished ({large_runs} in demo-data --large)");
    assert!(
        killed_mid_way * 2 >= kills,
        "most kills must land inside the writes to test anything ({killed_mid_way} of {kills})"
    );
}
