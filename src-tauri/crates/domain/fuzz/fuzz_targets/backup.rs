//! The backup reader (what a person picks to restore from) on arbitrary files: it must refuse
//! with a message or describe the backup, never panic, and never write to the file.
#![no_main]
use chuyende::backup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("chuyende-2026-01-01-000000.sqlite3");
    std::fs::write(&path, data).expect("write input");
    let _ = backup::read_backup(&path);
    assert_eq!(
        std::fs::read(&path).expect("read back"),
        data,
        "the backup file was written to"
    );
});
