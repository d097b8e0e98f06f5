//! Readers in a process of their own. A document reader works on bytes anyone can drop on the
//! window; a bug in it or in a crate under it (a stack overflow on a self-drawing PDF form, an
//! endless loop, memory without end) must end that reader, not the window or the CLI. A stack
//! overflow or an abort is not a panic and `catch_unwind` cannot stop it; a thread cannot be
//! stopped from outside. A process can.
//!
//! Which program: the one that is running. The window (`chuyende-app`) and the CLI
//! (`chuyende`) call [`serve_if_asked`] first thing in `main`: started with [`READER_ARG`],
//! they read one document and exit, before any window or database is touched; otherwise they
//! note that they can serve. Nothing else is installed, on any system. Test and bench programs
//! of this crate cannot answer (cargo's test harness owns their `main`), so this crate also
//! builds `chuyende-reader`, the same entry point alone, found beside the running program (or
//! one folder up, where cargo puts it for programs in `deps/`).
//!
//! The exchange, versioned and bounded both ways: on standard input one line of JSON
//! ([`Request`], with the byte length of the document) then the document's bytes; on standard
//! output one line of JSON ([`Response`]). The parent reads at most [`MAX_RESPONSE_BYTES`].
//!
//! Limits, and where each is enforced:
//! - time: the parent waits at most `Limits::timeout` (wall clock), then kills the child (every
//!   system); on Unix the child also sets RLIMIT_CPU, so it ends even if the parent is gone;
//! - memory: the child counts every allocation of the Rust allocator against
//!   `Limits::memory_bytes` and exits with [`EXIT_OVER_MEMORY`] past it (every system, see
//!   [`budget`]); on Unix RLIMIT_AS also bounds the whole address space, for memory that does
//!   not go through the Rust allocator;
//! - no core dumps of hostile input (RLIMIT_CORE = 0 on Unix).
//!
//! Nothing is written by a reader: the parent writes the version only from a good response.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::extract::{Extracted, Limits};
use super::problem::DocumentProblem;

/// The hidden first argument that turns the app or the CLI into a reader.
pub const READER_ARG: &str = "--chuyende-outline-reader";

/// Version of the exchange: a parent and a reader of different versions refuse each other.
const PROTOCOL: u32 = 1;

/// A reader's answer is bounded: text and blocks are (see `OutputLimits`), JSON adds escapes.
const MAX_RESPONSE_BYTES: u64 = 96 << 20;
const MAX_HEADER_BYTES: u64 = 64 << 10;

/// Exit status of a reader that went past its memory budget.
pub const EXIT_OVER_MEMORY: i32 = 86;

/// A fault made on purpose, to check that the isolation holds (as a fire drill checks the
/// exits). Only the parent's own code can ask for one: it is a field of the request, never
/// something read from a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Drill {
    /// A reader that never ends.
    Hang,
    /// A reader that allocates without end.
    Hog,
    /// A reader whose stack overflows.
    Overflow,
}

#[derive(Serialize, Deserialize)]
struct Request {
    protocol: u32,
    name: String,
    len: u64,
    limits: Limits,
}

#[derive(Serialize, Deserialize)]
struct Response {
    protocol: u32,
    result: Result<Extracted, DocumentProblem>,
}

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// First thing in `main` of a program that can read documents in a child process of itself.
/// Started as a reader, it serves one document and exits here; otherwise it returns at once.
pub fn serve_if_asked() {
    if std::env::args_os().nth(1).as_deref() == Some(OsStr::new(READER_ARG)) {
        std::process::exit(serve());
    }
    if let Ok(exe) = std::env::current_exe() {
        let _ = PROGRAM.set(exe);
    }
}

/// The program to run readers with, when not the running one (tests, benches).
pub fn use_program(path: PathBuf) {
    let _ = PROGRAM.set(path);
}

fn program() -> Option<PathBuf> {
    if let Some(p) = PROGRAM.get() {
        return Some(p.clone());
    }
    let exe = std::env::current_exe().ok()?;
    let here = exe.parent()?;
    let names = ["chuyende-reader", "chuyende", "chuyende-app"];
    let dirs: Vec<PathBuf> = [Some(here), here.parent()]
        .into_iter()
        .flatten()
        .map(Path::to_path_buf)
        .collect();
    dirs.iter()
        .flat_map(|dir| {
            names
                .iter()
                .map(move |n| dir.join(format!("{n}{}", std::env::consts::EXE_SUFFIX)))
        })
        .find(|p| p.is_file())
}

/// Reads a document in a child process, within `limits`. Every way the child can fail is a
/// [`DocumentProblem`] with a Vietnamese message; the calling process goes on.
pub fn read_isolated(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Extracted, DocumentProblem> {
    let program = program().ok_or_else(|| DocumentProblem::ReaderMissing {
        name: name.to_string(),
    })?;
    run(&program, name, bytes, limits)
}

fn run(
    program: &Path,
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Extracted, DocumentProblem> {
    let stopped = || DocumentProblem::ReaderStopped {
        name: name.to_string(),
    };
    let mut command = Command::new(program);
    command
        .arg(READER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(windows)]
    {
        // No console window flashing up when the window starts a reader.
        use std::os::windows::process::CommandExt;
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        command.creation_flags(CREATE_NO_WINDOW);
    }
    let mut child = command.spawn().map_err(|e| DocumentProblem::Unreadable {
        name: name.to_string(),
        cause: e.into(),
    })?;
    let header = serde_json::to_string(&Request {
        protocol: PROTOCOL,
        name: name.to_string(),
        len: bytes.len() as u64,
        limits: *limits,
    })
    .expect("a request serialises");
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let answer = std::thread::scope(|scope| {
        // A child that dies early closes its end: the write then fails, which is fine.
        scope.spawn(move || {
            let _ = stdin
                .write_all(header.as_bytes())
                .and_then(|()| stdin.write_all(b"\n"))
                .and_then(|()| stdin.write_all(bytes));
        });
        let reader = scope.spawn(move || {
            let mut out = Vec::new();
            let _ = (&mut stdout)
                .take(MAX_RESPONSE_BYTES + 1)
                .read_to_end(&mut out);
            out
        });
        let deadline = Instant::now() + limits.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        (status, reader.join().unwrap_or_default())
    });
    match answer {
        (None, _) => Err(DocumentProblem::TimedOut {
            name: name.to_string(),
            seconds: limits.timeout.as_secs().max(1),
        }),
        (Some(status), _) if status.code() == Some(EXIT_OVER_MEMORY) => {
            Err(DocumentProblem::NeedsTooMuchMemory {
                name: name.to_string(),
                limit_mb: limits.memory_bytes >> 20,
            })
        }
        (Some(status), out) if status.success() && (out.len() as u64) <= MAX_RESPONSE_BYTES => {
            let response: Response = serde_json::from_slice(&out).map_err(|_| stopped())?;
            if response.protocol != PROTOCOL {
                return Err(stopped());
            }
            response.result
        }
        _ => Err(stopped()),
    }
}

/// The reader's side: one request in, one response out. Returns the exit status.
fn serve() -> i32 {
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut header = Vec::new();
    if (&mut input)
        .take(MAX_HEADER_BYTES)
        .read_until(b'\n', &mut header)
        .is_err()
    {
        return 2;
    }
    let Ok(request) = serde_json::from_slice::<Request>(&header) else {
        return 2;
    };
    if request.protocol != PROTOCOL || request.len > request.limits.max_file_bytes {
        return 2;
    }
    let limits = request.limits;
    limit_this_process(&limits);
    budget::arm(limits.memory_bytes);
    let mut bytes = Vec::new();
    if (&mut input)
        .take(request.len)
        .read_to_end(&mut bytes)
        .is_err()
        || bytes.len() as u64 != request.len
    {
        return 2;
    }
    if let Some(drill) = limits.drill {
        run_drill(drill);
    }
    let result = super::extract::extract_in_process(&request.name, &bytes, &limits);
    let response = serde_json::to_vec(&Response {
        protocol: PROTOCOL,
        result,
    })
    .expect("a response serialises");
    let mut out = std::io::stdout().lock();
    if out.write_all(&response).and_then(|()| out.flush()).is_err() {
        return 3;
    }
    0
}

fn run_drill(drill: Drill) {
    match drill {
        Drill::Hang => loop {
            std::thread::sleep(Duration::from_secs(1));
        },
        Drill::Hog => {
            let mut hoard: Vec<Vec<u8>> = Vec::new();
            loop {
                hoard.push(vec![1u8; 8 << 20]);
            }
        }
        Drill::Overflow => {
            #[allow(unconditional_recursion)] // the point: a stack that overflows
            fn deeper(n: u64) -> u64 {
                let frame = [n; 64];
                std::hint::black_box(&frame);
                deeper(n + 1) + frame[0]
            }
            std::hint::black_box(deeper(0));
        }
    }
}

/// Unix: CPU time, address space and core dumps limited by the kernel, in the child itself
/// before it reads the document. Elsewhere the parent's wall clock and the allocation budget
/// are the limits (a job object would add a hard memory cap on Windows).
#[cfg(unix)]
fn limit_this_process(limits: &Limits) {
    let cpu = limits.timeout.as_secs().saturating_add(2);
    // The budget bounds the heap; the address space also holds the program, its libraries
    // (the window's binary maps WebKit's) and stacks, hence the margin.
    let address_space = limits
        .memory_bytes
        .saturating_mul(2)
        .saturating_add(2 << 30);
    let set = |resource, soft: u64, hard: u64| {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limits.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    set(libc::RLIMIT_CPU, cpu, cpu + 1);
    set(libc::RLIMIT_CORE, 0, 0);
    set(libc::RLIMIT_AS, address_space, address_space);
}

#[cfg(not(unix))]
fn limit_this_process(_limits: &Limits) {}

/// The memory budget of a reader: live bytes of the Rust allocator, counted in every program
/// that links this library, enforced only once a reader armed it (the window and the CLI
/// themselves are never limited). Past the budget the reader exits at once with
/// [`EXIT_OVER_MEMORY`], which the parent reports as a document needing too much memory.
pub mod budget {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

    pub(super) fn arm(bytes: u64) {
        LIMIT.store(
            usize::try_from(bytes).unwrap_or(usize::MAX),
            Ordering::SeqCst,
        );
    }

    /// Ends the reader at once. Unix: `_exit`, which runs nothing that could allocate.
    #[cfg(unix)]
    fn over() -> ! {
        // SAFETY: _exit takes an int and ends the process; it touches no Rust state.
        unsafe { libc::_exit(super::EXIT_OVER_MEMORY) }
    }

    #[cfg(not(unix))]
    fn over() -> ! {
        std::process::exit(super::EXIT_OVER_MEMORY)
    }

    fn grow(size: usize) {
        let live = LIVE.fetch_add(size, Ordering::Relaxed).saturating_add(size);
        if live > LIMIT.load(Ordering::Relaxed) {
            over();
        }
    }

    pub struct Budgeted;

    // SAFETY: every call is passed to the system allocator unchanged; only counts are added.
    unsafe impl GlobalAlloc for Budgeted {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grow(layout.size());
            let p = System.alloc(layout);
            if p.is_null() && LIMIT.load(Ordering::Relaxed) != usize::MAX {
                over();
            }
            p
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            grow(layout.size());
            let p = System.alloc_zeroed(layout);
            if p.is_null() && LIMIT.load(Ordering::Relaxed) != usize::MAX {
                over();
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            System.dealloc(ptr, layout)
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size > layout.size() {
                grow(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
            let p = System.realloc(ptr, layout, new_size);
            if p.is_null() && LIMIT.load(Ordering::Relaxed) != usize::MAX {
                over();
            }
            p
        }
    }

    #[global_allocator]
    static GLOBAL: Budgeted = Budgeted;
}
