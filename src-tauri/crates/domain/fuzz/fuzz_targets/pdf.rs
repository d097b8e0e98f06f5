//! The PDF reader on arbitrary bytes, as the reader process runs it: the third-party text
//! extraction is known to panic on some files, and the reader catches panics by design (a
//! "damaged file" answer). So panics are not crashes here; what this target finds is what
//! catch_unwind cannot catch: a stack overflow, an abort, memory exhausted, a hang (libFuzzer's
//! -timeout). In the app the reader is a process of its own, limited in time and memory.
#![no_main]
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use chuyende::outline::{blocks::OutputLimits, pdf};
use libfuzzer_sys::fuzz_target;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys's panic hook aborts; the reader catches panics by design.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let _ = catch_unwind(AssertUnwindSafe(|| {
        pdf::read("de-cuong.pdf", data, OutputLimits::default())
    }));
});
