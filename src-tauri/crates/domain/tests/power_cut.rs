//! A power cut loses nothing that was acknowledged as saved.
//!
//! SIGKILL is not a power cut: the OS still writes out what the process left in its page cache.
//! Here the database runs on a test VFS (registered through rusqlite's ffi as the default, so
//! the library opens the file exactly as the window does) that keeps, for every file, the
//! content it had at its last `fsync` (`xSync`). The writer is killed at some point; then the
//! "reboot" puts back every file as it was at its last sync — every write not synced is lost,
//! as on a disk whose cache dies with the power — and drops the `-shm`. Comments whose save had
//! returned must all be there, whole; a change made without a sync (the control) must be gone,
//! which shows the layer really drops what was not synced.

mod common;

use std::ffi::{c_char, c_int, c_void, CStr};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::member::MemberId;
use chuyende::session::SessionId;
use chuyende::Database;
use rusqlite::ffi;

const TEST_NAME: &str = "a_comment_acknowledged_before_a_power_cut_is_there_after_it";
const SYNCED: &str = ".synced";
const CONTROL_MEMBER: &str = "Người ghi sau lần đồng bộ cuối";

fn text_of(n: u64) -> String {
    format!(
        "Ý kiến số {n}: đề nghị bổ sung giải pháp nâng cao trách nhiệm nêu gương. {}",
        "Chi bộ thảo luận dân chủ, thẳng thắn. ".repeat(30)
    )
    .trim_end()
    .to_string()
}

// ---- the VFS that remembers what was synced -------------------------------------------------

#[repr(C)]
struct ShimFile {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    /// Some for the files SQLite names (database, -wal, journals); None for temporary files.
    path: *mut PathBuf,
}

static mut BASE: *mut ffi::sqlite3_vfs = std::ptr::null_mut();

fn synced_copy(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(SYNCED);
    PathBuf::from(p)
}

/// The durable content of `path` is now its current content.
fn remember_synced(path: &Path) {
    let tmp = synced_copy(path).with_extension("copying");
    match std::fs::copy(path, &tmp) {
        Ok(_) => std::fs::rename(&tmp, synced_copy(path)).expect("keep the synced copy"),
        Err(_) => {
            let _ = std::fs::remove_file(synced_copy(path));
        }
    }
}

unsafe fn real(
    file: *mut ffi::sqlite3_file,
) -> (*mut ffi::sqlite3_file, &'static ffi::sqlite3_io_methods) {
    let shim = file as *mut ShimFile;
    let real = (*shim).real;
    (real, &*(*real).pMethods)
}

unsafe extern "C" fn x_close(file: *mut ffi::sqlite3_file) -> c_int {
    let shim = file as *mut ShimFile;
    let (r, m) = real(file);
    let rc = m.xClose.unwrap()(r);
    std::alloc::dealloc(r as *mut u8, real_layout());
    if !(*shim).path.is_null() {
        drop(Box::from_raw((*shim).path));
    }
    rc
}
unsafe extern "C" fn x_read(
    f: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    n: c_int,
    off: i64,
) -> c_int {
    let (r, m) = real(f);
    m.xRead.unwrap()(r, buf, n, off)
}
unsafe extern "C" fn x_write(
    f: *mut ffi::sqlite3_file,
    buf: *const c_void,
    n: c_int,
    off: i64,
) -> c_int {
    let (r, m) = real(f);
    m.xWrite.unwrap()(r, buf, n, off)
}
unsafe extern "C" fn x_truncate(f: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let (r, m) = real(f);
    m.xTruncate.unwrap()(r, size)
}
unsafe extern "C" fn x_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let (r, m) = real(f);
    let rc = m.xSync.unwrap()(r, flags);
    let shim = f as *mut ShimFile;
    if rc == ffi::SQLITE_OK && !(*shim).path.is_null() {
        remember_synced(&*(*shim).path);
    }
    rc
}
unsafe extern "C" fn x_file_size(f: *mut ffi::sqlite3_file, size: *mut i64) -> c_int {
    let (r, m) = real(f);
    m.xFileSize.unwrap()(r, size)
}
unsafe extern "C" fn x_lock(f: *mut ffi::sqlite3_file, l: c_int) -> c_int {
    let (r, m) = real(f);
    m.xLock.unwrap()(r, l)
}
unsafe extern "C" fn x_unlock(f: *mut ffi::sqlite3_file, l: c_int) -> c_int {
    let (r, m) = real(f);
    m.xUnlock.unwrap()(r, l)
}
unsafe extern "C" fn x_check_reserved(f: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    let (r, m) = real(f);
    m.xCheckReservedLock.unwrap()(r, out)
}
unsafe extern "C" fn x_file_control(
    f: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    let (r, m) = real(f);
    m.xFileControl.unwrap()(r, op, arg)
}
unsafe extern "C" fn x_sector_size(f: *mut ffi::sqlite3_file) -> c_int {
    let (r, m) = real(f);
    m.xSectorSize.unwrap()(r)
}
unsafe extern "C" fn x_device(f: *mut ffi::sqlite3_file) -> c_int {
    let (r, m) = real(f);
    m.xDeviceCharacteristics.unwrap()(r)
}
unsafe extern "C" fn x_shm_map(
    f: *mut ffi::sqlite3_file,
    pg: c_int,
    sz: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    let (r, m) = real(f);
    m.xShmMap.unwrap()(r, pg, sz, extend, out)
}
unsafe extern "C" fn x_shm_lock(
    f: *mut ffi::sqlite3_file,
    off: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    let (r, m) = real(f);
    m.xShmLock.unwrap()(r, off, n, flags)
}
unsafe extern "C" fn x_shm_barrier(f: *mut ffi::sqlite3_file) {
    let (r, m) = real(f);
    m.xShmBarrier.unwrap()(r)
}
unsafe extern "C" fn x_shm_unmap(f: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    let (r, m) = real(f);
    m.xShmUnmap.unwrap()(r, delete)
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 2,
    xClose: Some(x_close),
    xRead: Some(x_read),
    xWrite: Some(x_write),
    xTruncate: Some(x_truncate),
    xSync: Some(x_sync),
    xFileSize: Some(x_file_size),
    xLock: Some(x_lock),
    xUnlock: Some(x_unlock),
    xCheckReservedLock: Some(x_check_reserved),
    xFileControl: Some(x_file_control),
    xSectorSize: Some(x_sector_size),
    xDeviceCharacteristics: Some(x_device),
    xShmMap: Some(x_shm_map),
    xShmLock: Some(x_shm_lock),
    xShmBarrier: Some(x_shm_barrier),
    xShmUnmap: Some(x_shm_unmap),
    xFetch: None,
    xUnfetch: None,
};

unsafe fn real_layout() -> std::alloc::Layout {
    std::alloc::Layout::from_size_align((*BASE).szOsFile as usize, 16).unwrap()
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let shim = file as *mut ShimFile;
    (*shim).base.pMethods = std::ptr::null();
    let r = std::alloc::alloc_zeroed(real_layout()) as *mut ffi::sqlite3_file;
    let rc = (*BASE).xOpen.unwrap()(BASE, name, r, flags, out_flags);
    if rc != ffi::SQLITE_OK {
        std::alloc::dealloc(r as *mut u8, real_layout());
        return rc;
    }
    (*shim).real = r;
    (*shim).path = if name.is_null() {
        std::ptr::null_mut()
    } else {
        let path = PathBuf::from(CStr::from_ptr(name).to_string_lossy().into_owned());
        // A file that was there before this process: what is on disk was synced long ago.
        if !synced_copy(&path).exists() && path.exists() {
            remember_synced(&path);
        }
        Box::into_raw(Box::new(path))
    };
    (*shim).base.pMethods = &METHODS;
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_delete(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    let rc = (*BASE).xDelete.unwrap()(BASE, name, sync_dir);
    let path = PathBuf::from(CStr::from_ptr(name).to_string_lossy().into_owned());
    let _ = std::fs::remove_file(synced_copy(&path));
    rc
}
unsafe extern "C" fn x_access(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    flags: c_int,
    out: *mut c_int,
) -> c_int {
    (*BASE).xAccess.unwrap()(BASE, name, flags, out)
}
unsafe extern "C" fn x_full_pathname(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    (*BASE).xFullPathname.unwrap()(BASE, name, n, out)
}

/// Makes the remembering VFS the default of this process.
fn register_power_cut_vfs() {
    unsafe {
        BASE = ffi::sqlite3_vfs_find(std::ptr::null());
        assert!(!BASE.is_null());
        let mut vfs: ffi::sqlite3_vfs = std::ptr::read(BASE);
        vfs.iVersion = 2;
        vfs.szOsFile = std::mem::size_of::<ShimFile>() as c_int;
        vfs.pNext = std::ptr::null_mut();
        vfs.zName = c"power-cut".as_ptr();
        vfs.xOpen = Some(x_open);
        vfs.xDelete = Some(x_delete);
        vfs.xAccess = Some(x_access);
        vfs.xFullPathname = Some(x_full_pathname);
        vfs.xSetSystemCall = None;
        vfs.xGetSystemCall = None;
        vfs.xNextSystemCall = None;
        let rc = ffi::sqlite3_vfs_register(Box::into_raw(Box::new(vfs)), 1);
        assert_eq!(rc, ffi::SQLITE_OK);
    }
}

/// The power comes back: every file as it was at its last sync, unsynced files gone, no -shm.
fn reboot(dir: &Path) {
    let names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for path in &names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || name.ends_with(SYNCED) || name.ends_with(".copying") {
            continue;
        }
        let synced = synced_copy(path);
        if synced.exists() {
            std::fs::rename(&synced, path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap(); // never synced: lost (the -shm among them)
        }
    }
    for path in names {
        if path.to_string_lossy().ends_with(".copying") {
            let _ = std::fs::remove_file(path);
        }
    }
}

// ---- the test --------------------------------------------------------------------------------

/// The child: saves comments on the remembering VFS, printing each once its save returned;
/// then one change without a sync; then waits to be cut off.
fn write_until_the_power_goes(dir: &str, session: i64, speaker: i64, cell: i64, count: u64) {
    register_power_cut_vfs();
    let db = Database::open_in(Path::new(dir)).unwrap();
    for n in 0..count {
        let c = db
            .add_comment(
                SessionId(session),
                &CommentDraft {
                    topic_id: None,
                    speaker_id: MemberId(speaker),
                    kind: CommentKind::Contribution,
                    text: text_of(n),
                    anchor_block: None,
                },
            )
            .unwrap();
        println!("saved {} {n}", c.id.0);
    }
    // A change saved the ordinary way (synchronous = NORMAL: not synced at commit).
    db.create_member(&chuyende::member::MemberDraft {
        organisation_id: chuyende::organisation::OrganisationId(cell),
        full_name: CONTROL_MEMBER.into(),
        position: chuyende::member::Position::Member,
        standing: chuyende::member::Standing::Full,
        record: Default::default(),
    })
    .unwrap();
    println!("unsynced");
    std::thread::sleep(std::time::Duration::from_secs(600));
}

#[test]
fn a_comment_acknowledged_before_a_power_cut_is_there_after_it() {
    if let Ok(spec) = std::env::var("CHUYENDE_POWER_CUT_CHILD") {
        let p: Vec<&str> = spec.split('|').collect();
        write_until_the_power_goes(
            p[0],
            p[1].parse().unwrap(),
            p[2].parse().unwrap(),
            p[3].parse().unwrap(),
            p[4].parse().unwrap(),
        );
        return;
    }
    let m = common::meeting();
    let session = m.db.create_session(&common::session_draft(&m)).unwrap();
    let dir = m.db.path().parent().unwrap().to_path_buf();
    let (speaker, cell) = (m.members[2].id.0, m.cell.id.0);
    drop(m.db); // closed cleanly: all of it is in the main file, synced

    // Cut the power at different points of the writer's work.
    for count in [1u64, 7, 40] {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", TEST_NAME, "--nocapture", "--test-threads=1"])
            .env(
                "CHUYENDE_POWER_CUT_CHILD",
                format!(
                    "{}|{}|{speaker}|{cell}|{count}",
                    dir.display(),
                    session.id.0
                ),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the writer starts");
        let mut saved: Vec<(i64, u64)> = Vec::new();
        let mut control_written = false;
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            // libtest may print "test … ... " on the same line before the child's first words.
            if let Some(rest) = line.find("saved ").map(|at| &line[at + 6..]) {
                let (id, n) = rest.split_once(' ').unwrap();
                saved.push((id.parse().unwrap(), n.parse().unwrap()));
            } else if line.ends_with("unsynced") {
                control_written = true;
                break;
            }
        }
        child.kill().expect("the power goes");
        child.wait().unwrap();
        assert!(control_written, "the writer got through its work");
        assert_eq!(saved.len() as u64, count);

        reboot(&dir);
        let db = Database::open_in(&dir).expect("the database opens after the power cut");
        let check: String = db
            .read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(check, "ok");
        let comments = db.session_comments(session.id).unwrap();
        for (id, n) in &saved {
            let c = comments.iter().find(|c| c.id.0 == *id).unwrap_or_else(|| {
                panic!("comment {id} was acknowledged, then lost in the power cut")
            });
            assert_eq!(c.text, text_of(*n), "comment {id} is whole");
        }
        let members = db
            .members(Some(chuyende::organisation::OrganisationId(cell)), true)
            .unwrap();
        assert!(
            !members.iter().any(|mb| mb.full_name == CONTROL_MEMBER),
            "the unsynced change was dropped: the layer really discards what was not synced"
        );
        drop(db);
    }
}
