//! The .odt reader (zip) and the flat .fodt reader (one XML file) on arbitrary bytes: Ok or a
//! DocumentProblem, never a panic or a hang.
#![no_main]
use chuyende::outline::{extract::Limits, odt};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let _ = odt::read("de-cuong.odt", data, limits.zip, limits.output);
    let _ = odt::read_flat(data, "de-cuong.fodt", limits.output);
});
