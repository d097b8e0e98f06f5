//! Text as people type it. The same Vietnamese name can arrive precomposed (Unikey, Windows) or
//! decomposed (macOS, some web forms); we store NFC and compare on a folded key so the two are
//! one name.

use unicode_normalization::UnicodeNormalization;

/// NFC, trimmed, inner runs of white space collapsed to one space: how every name is stored.
pub fn clean(input: &str) -> String {
    input
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A file name as it is stored and shown: [`clean`], and only the last part of anything that
/// looks like a path (`..\\..\\Startup\\x.txt` is `x.txt`: a name with separators could become
/// a path where it is later used), without control characters (terminal escapes) and without
/// the invisible marks that reverse the direction of text ("cod.exe" shown as "exe.doc").
/// Never empty, never "." nor "..".
pub fn clean_file_name(input: &str) -> String {
    let last = input
        .rsplit(['/', '\\'])
        .find(|part| !part.trim().is_empty())
        .unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_direction_mark(*c))
        .collect();
    let name = clean(&kept);
    let name = name.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if name.is_empty() {
        "tệp không tên".to_string()
    } else if kept.trim().starts_with('.') && !name.contains('.') {
        // ".txt" alone keeps its dot, so that the format is still known
        format!(".{name}")
    } else {
        name.to_string()
    }
}

/// Unicode's bidirectional controls: embeddings, overrides, isolates and the invisible marks.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The key two names are compared on for duplicates: [`clean`] then lower case. Diacritics are
/// kept on purpose: "Lan" and "Lân" are different people.
pub fn identity_key(input: &str) -> String {
    clean(input).to_lowercase()
}

/// Number of characters (not bytes) — what a person counts when told a limit.
pub fn char_len(input: &str) -> usize {
    input.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composed_and_decomposed_forms_of_a_name_are_one_name() {
        let composed = "Nguyễn Thị Lan";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(identity_key(composed), identity_key(&decomposed));
        assert_eq!(clean(&decomposed), composed, "names are stored in NFC");
    }

    #[test]
    fn spacing_and_case_do_not_make_a_new_name() {
        assert_eq!(
            identity_key("  nguyễn   THỊ lan "),
            identity_key("Nguyễn Thị Lan")
        );
    }

    #[test]
    fn file_names_lose_paths_control_characters_and_direction_overrides() {
        assert_eq!(clean_file_name("..\\..\\Startup\\x.txt"), "x.txt");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(
            clean_file_name("de\u{1b}[31mcuong.docx"),
            "de[31mcuong.docx"
        );
        assert_eq!(
            clean_file_name("Đề cương\u{202E}xcod.exe"),
            "Đề cươngxcod.exe"
        );
        assert_eq!(clean_file_name(".."), "tệp không tên");
        assert_eq!(clean_file_name("  Đề   cương.docx "), "Đề cương.docx");
    }

    #[test]
    fn diacritics_still_distinguish_names() {
        assert_ne!(identity_key("Lan"), identity_key("Lân"));
    }
}
