//! PDFs as the import reads them (`extract`): the third-party text extraction is known to panic
//! on some files and runs inside catch_unwind, where a panic is the designed answer ("damaged
//! file"). So panics are not crashes here; what this target finds is what catch_unwind cannot
//! catch: a stack overflow, an abort, memory exhausted, a hang (libFuzzer's -timeout).
#![no_main]
use std::sync::Once;
use std::time::Duration;

use chuyende::outline::extract::{self, Limits};
use libfuzzer_sys::fuzz_target;

static QUIET: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys turns every panic into an abort; the import catches them by design.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let limits = Limits {
        timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let _ = extract::extract("de-cuong.pdf", data, &limits);
});
