//! The .odt reader on arbitrary bytes: Ok or a DocumentProblem, never a panic or a hang.
#![no_main]
use chuyende::outline::{extract::Limits, odt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = odt::read("de-cuong.odt", data, Limits::default().zip);
});
