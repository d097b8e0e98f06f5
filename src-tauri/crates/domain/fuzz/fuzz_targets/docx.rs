//! The .docx reader (our own zip + XML streaming code) on arbitrary bytes: it must answer Ok or
//! a DocumentProblem, never panic, hang or exhaust memory.
#![no_main]
use chuyende::outline::{docx, extract::Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let _ = docx::read("de-cuong.docx", data, limits.zip, limits.output);
});
