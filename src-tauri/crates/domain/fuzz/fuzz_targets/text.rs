//! Plain text and Markdown outlines: encoding detection, then both block builders.
#![no_main]
use chuyende::outline::plain;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = plain::decode("de-cuong.txt", data) {
        let _ = plain::text_blocks(&text, false);
        let _ = plain::text_blocks(&text, true);
        let _ = plain::markdown_blocks(&text);
    }
});
