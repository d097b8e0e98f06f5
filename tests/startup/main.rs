//! `startup-memory`: issue 18's start-up and memory figures, the app beside an empty Tauri 2
//! window (src-tauri/crates/empty-window: same tauri, same release profile, same window size).
//! Run by scripts/startup-memory.sh, which builds both in release first.
//!
//! Each binary is started on a private Xvfb display, alternately, several times. Start-up is
//! the time from launch to the mark the window prints once its first screen is painted with
//! its data (`CHUYENDE_STARTUP_MARK`, see src-tauri/src/startup.rs); the app opens on Tổng
//! quan of the demo data. Memory is read after the window has settled, from
//! /proc/PID/smaps_rollup of the binary's process and every process under it (WebKit's web and
//! network processes): RSS, and PSS, which shares each shared page among the processes mapping
//! it. Figures are printed, never asserted: a loaded machine moves them (say so when quoting).
//! The app paints on the CPU on Linux (see `choose_painting` in src-tauri/src/startup.rs): the
//! empty window is measured both as WebKit paints by default and painting as the app does.
//! Each window also prints the moments of its start (window made, page begins, first frame…),
//! set side by side as medians: where the time goes.
//!
//! Usage: startup-memory --app BIN --empty BIN [--runs N] [--settle-ms MS]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use chuyende_e2e::{processes_under, Display};

/// The line both windows print (src-tauri/src/startup.rs, empty-window's main.rs).
const MARK: &str = "chuyende-startup: first screen painted";
/// WebKitGTK paints on the CPU when this is set to 1 (the app sets it on Linux).
const CPU_PAINTING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// The line before it: the start's moments, `name=ms` since the binary's main began.
const MOMENTS: &str = "chuyende-startup: moments";
/// The moments in the order they happen (the empty window has no data to read: no script_runs,
/// first_data, drawn).
const MOMENT_NAMES: [&str; 9] = [
    "setup_begins", "window_made", "page_begins", "html", "script_runs", "first_data", "drawn",
    "first_frame", "painted",
];
/// The row of the binary's own process (the others are named by /proc: WebKitWebProcess, …).
const WINDOW: &str = "the window's own process";
/// A start that takes longer than this has failed (a window that never paints).
const GIVE_UP: Duration = Duration::from_secs(90);

struct Options {
    app: PathBuf,
    empty: PathBuf,
    runs: usize,
    settle: Duration,
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let (mut app, mut empty, mut runs, mut settle) = (None, None, 5, 3000);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("{a} needs a value")));
        match a.as_str() {
            "--app" => app = Some(PathBuf::from(value())),
            "--empty" => empty = Some(PathBuf::from(value())),
            "--runs" => runs = value().parse().unwrap_or_else(|_| usage("--runs takes a number")),
            "--settle-ms" => {
                settle = value().parse().unwrap_or_else(|_| usage("--settle-ms takes a number"))
            }
            other => usage(&format!("unknown argument {other}")),
        }
    }
    let existing = |p: Option<PathBuf>, what: &str| {
        let p = p.unwrap_or_else(|| usage(&format!("{what} is required")));
        if !p.is_file() {
            usage(&format!("{} is not a file", p.display()));
        }
        p
    };
    Options {
        app: existing(app, "--app"),
        empty: existing(empty, "--empty"),
        runs: runs.max(1),
        settle: Duration::from_millis(settle),
    }
}

fn usage(problem: &str) -> ! {
    eprintln!("startup-memory: {problem}\nusage: startup-memory --app BIN --empty BIN [--runs N] [--settle-ms MS]");
    std::process::exit(2)
}

/// Memory of one process, in kB, as /proc/PID/smaps_rollup gives it.
#[derive(Default, Clone, Copy)]
struct Memory {
    rss: u64,
    pss: u64,
}

impl std::ops::AddAssign for Memory {
    fn add_assign(&mut self, o: Memory) {
        self.rss += o.rss;
        self.pss += o.pss;
    }
}

/// One start: the time to the mark, and memory by process name (the app, WebKitWebProcess,
/// WebKitNetworkProcess, …), summed over processes of the same name.
struct Start {
    to_first_screen: Duration,
    memory: BTreeMap<String, Memory>,
    /// The moments the window printed, ms since its main began.
    moments: BTreeMap<String, f64>,
}

impl Start {
    fn total(&self) -> Memory {
        let mut sum = Memory::default();
        for m in self.memory.values() {
            sum += *m;
        }
        sum
    }
}

fn main() {
    let o = options();
    let display = Display::start();
    // The app opens on Tổng quan of the demo data: the screen a committee secretary sees.
    let data = tempfile::tempdir().expect("temporary data folder");
    let db = chuyende::Database::open_in(data.path()).expect("the demo database");
    chuyende::demo::fill(&db).expect("the demo data");
    drop(db);
    // The empty window keeps its webview storage in its own folder, made here and thrown away.
    let empty_home = tempfile::tempdir().expect("temporary home for the empty window");

    // The app paints with the CPU on Linux (src-tauri/src/startup.rs, `choose_painting`); the
    // empty window as WebKit does by default (the GPU), and once more as the app does, so that
    // the report shows both floors.
    let launch = |bin: &Path, is_app: bool, cpu_painting: bool| {
        let mut cmd = Command::new(bin);
        cmd.env("DISPLAY", display.name()).env("CHUYENDE_STARTUP_MARK", "1");
        if is_app {
            cmd.env("CHUYENDE_DATA_DIR", data.path());
        } else {
            cmd.env("XDG_DATA_HOME", empty_home.path());
        }
        if cpu_painting {
            cmd.env(CPU_PAINTING, "1");
        } else if !is_app {
            cmd.env_remove(CPU_PAINTING);
        }
        measure(cmd, o.settle)
    };

    // One start of each first, not counted: the first start also fills the page cache and the
    // app's first start on a folder makes its first backup.
    launch(&o.empty, false, false);
    launch(&o.app, true, false);
    let (mut empty, mut empty_cpu, mut app) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..o.runs {
        empty.push(launch(&o.empty, false, false));
        empty_cpu.push(launch(&o.empty, false, true));
        app.push(launch(&o.app, true, false));
    }
    report(&o, &empty, &app);
    report_same_painting(&empty_cpu, &app);
    print_last_start(data.path());
}

/// Where the app's last start spent its time, from its log (each command's duration, and the
/// time since start when the first screen was painted): what stands above the empty window.
fn print_last_start(data: &Path) {
    let Ok(entries) = std::fs::read_dir(data.join("logs")) else { return };
    let mut logs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("chuyende-app")))
        .collect();
    logs.sort();
    let Some(text) = logs.last().and_then(|p| std::fs::read_to_string(p).ok()) else { return };
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().rposition(|l| l.contains("the window starts")) else { return };
    let at = |line: &str| {
        chrono::DateTime::parse_from_rfc3339(line.split_whitespace().next().unwrap_or_default()).ok()
    };
    let Some(t0) = at(lines[start]) else { return };
    println!();
    println!(
        "The app's last start, from its log (left: ms after the log began, once the window was \
         made; in the lines, setup_begins, window_made, ms and the page's moments are ms since \
         the shell started):"
    );
    for line in &lines[start..] {
        let since = at(line).map_or(0, |t| (t - t0).num_milliseconds());
        let what = line.splitn(3, "  ").nth(1).unwrap_or(line).trim();
        println!("  {since:>6}  {what}");
        if line.contains("first screen is painted") {
            break;
        }
    }
}

/// Starts `cmd`, waits for the mark, lets the window settle, reads the memory of its process
/// tree, then kills that tree.
fn measure(mut cmd: Command, settle: Duration) -> Start {
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::null());
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let stdout = child.stdout.take().expect("the window's stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut moments = BTreeMap::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.trim().strip_prefix(MOMENTS) {
                moments = rest
                    .split_whitespace()
                    .filter_map(|kv| kv.split_once('='))
                    .filter_map(|(k, v)| Some((k.to_string(), v.parse::<f64>().ok()?)))
                    .collect();
            } else if line.trim() == MARK {
                let _ = tx.send((Instant::now(), std::mem::take(&mut moments)));
            }
        }
    });
    let (marked, moments) = match rx.recv_timeout(GIVE_UP) {
        Ok(at) => at,
        Err(_) => {
            kill_tree(&mut child);
            panic!("{cmd:?} did not print its first-screen mark within {GIVE_UP:?}");
        }
    };
    sleep(settle);
    let mut memory = BTreeMap::new();
    for pid in processes_under(&[child.id()]) {
        // The binary's own process under one name for both, so that the rows line up.
        let name = if pid == child.id() { Some(WINDOW.to_string()) } else { process_name(pid) };
        if let (Some(name), Some(m)) = (name, smaps_rollup(pid)) {
            *memory.entry(name).or_insert_with(Memory::default) += m;
        }
    }
    kill_tree(&mut child);
    Start {
        to_first_screen: marked - started,
        memory,
        moments,
    }
}

/// The file name of the program a process runs (its first argument; /proc's `comm` would cut
/// "WebKitNetworkProcess" at 15 bytes).
fn process_name(pid: u32) -> Option<String> {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let argv0 = cmdline.split(|b| *b == 0).next()?;
    let argv0 = String::from_utf8_lossy(argv0);
    let name = argv0.rsplit('/').next()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

fn smaps_rollup(pid: u32) -> Option<Memory> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<u64>().ok())
    };
    Some(Memory {
        rss: field("Rss:")?,
        pss: field("Pss:")?,
    })
}

/// Kills the window and what it started (children first seen, then the window), and reaps it.
fn kill_tree(child: &mut Child) {
    for pid in processes_under(&[child.id()]).into_iter().rev() {
        let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
    }
    let _ = child.wait();
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// The app beside the empty window painting as the app does (on the CPU): what the app itself
/// adds, once the choice of painting is set aside.
fn report_same_painting(empty_cpu: &[Start], app: &[Start]) {
    let ms = |s: &[Start]| median(s.iter().map(|x| x.to_first_screen.as_secs_f64() * 1000.0).collect());
    let pss = |s: &[Start]| median(s.iter().map(|x| x.total().pss as f64 / 1024.0).collect());
    let rss = |s: &[Start]| median(s.iter().map(|x| x.total().rss as f64 / 1024.0).collect());
    println!();
    println!(
        "Beside the empty window painting on the CPU as the app does: launch → first screen {:.0} ms vs {:.0} ms ({:.2}×), \
         RSS {:.0} vs {:.0} MB ({:.2}×), PSS {:.0} vs {:.0} MB ({:.2}×)",
        ms(empty_cpu), ms(app), ms(app) / ms(empty_cpu),
        rss(empty_cpu), rss(app), rss(app) / rss(empty_cpu),
        pss(empty_cpu), pss(app), pss(app) / pss(empty_cpu),
    );
}

fn report(o: &Options, empty: &[Start], app: &[Start]) {
    let ms = |s: &[Start]| median(s.iter().map(|x| x.to_first_screen.as_secs_f64() * 1000.0).collect());
    let mb = |s: &[Start], f: &dyn Fn(&Start) -> u64| median(s.iter().map(|x| f(x) as f64 / 1024.0).collect());
    let all = |s: &[Start]| s.iter().map(|x| format!("{:.0}", x.to_first_screen.as_secs_f64() * 1000.0)).collect::<Vec<_>>().join(", ");
    println!(
        "Start-up and memory, {} starts of each after one not counted (medians; {} cores, load average {}):",
        o.runs,
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    );
    println!();
    println!("| | empty Tauri window (WebKit's default painting, GPU) | Chuyên Đề (CPU painting) | ratio | target |");
    println!("|---|---|---|---|---|");
    let (e, a) = (ms(empty), ms(app));
    println!("| launch → first screen with data | {e:.0} ms | {a:.0} ms | {:.2}× | ≤ 1.3× |", a / e);
    let rows: [(&str, &dyn Fn(&Start) -> u64); 2] = [
        ("RSS, all processes", &|s: &Start| s.total().rss),
        ("PSS, all processes", &|s: &Start| s.total().pss),
    ];
    for (label, f) in rows {
        let (e, a) = (mb(empty, f), mb(app, f));
        println!("| {label} | {e:.0} MB | {a:.0} MB | {:.2}× | ≤ 1.2× |", a / e);
    }
    // Where the memory is, process by process (what stands above the window's floor).
    let mut names: Vec<String> = empty.iter().chain(app).flat_map(|s| s.memory.keys().cloned()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let rss = |x: &Start| x.memory.get(&name).map_or(0, |m| m.rss);
        let pss = |x: &Start| x.memory.get(&name).map_or(0, |m| m.pss);
        let (er, ep, ar, ap) = (mb(empty, &rss), mb(empty, &pss), mb(app, &rss), mb(app, &pss));
        println!("| — {name}: RSS / PSS | {er:.0} / {ep:.0} MB | {ar:.0} / {ap:.0} MB | {:.2}× / {:.2}× | |", ar / er, ap / ep);
    }
    println!();
    println!("Each start, ms to the first screen: empty window {}; Chuyên Đề {}", all(empty), all(app));

    // Where the time goes: each moment's median, and the step from the moment before it.
    println!();
    println!("Moments of the start, ms since main began (medians; in brackets, the step from the line above):");
    println!();
    println!("| moment | empty Tauri window | Chuyên Đề |");
    println!("|---|---|---|");
    let moment = |s: &[Start], name: &str| {
        let values: Vec<f64> = s.iter().filter_map(|x| x.moments.get(name).copied()).collect();
        (!values.is_empty()).then(|| median(values))
    };
    let (mut last_e, mut last_a) = (Some(0.0), Some(0.0));
    for name in MOMENT_NAMES {
        let cell = |v: Option<f64>, last: &mut Option<f64>| match v {
            Some(v) => {
                let step = last.map(|l| format!(" (+{:.0})", v - l)).unwrap_or_default();
                *last = Some(v);
                format!("{v:.0}{step}")
            }
            None => "–".to_string(),
        };
        let (e, a) = (moment(empty, name), moment(app, name));
        if e.is_none() && a.is_none() {
            continue;
        }
        println!("| {name} | {} | {} |", cell(e, &mut last_e), cell(a, &mut last_a));
    }
}
