//! Plain text and Markdown outlines: encoding detection, then both block builders.
#![no_main]
use chuyende::outline::{blocks::OutputLimits, plain};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = plain::decode("de-cuong.txt", data) {
        let limits = OutputLimits::default();
        let _ = plain::text_blocks(&text, false, limits);
        let _ = plain::text_blocks(&text, true, limits);
        let _ = plain::markdown_blocks(&text, limits);
    }
});
