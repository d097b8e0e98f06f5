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
    fn diacritics_still_distinguish_names() {
        assert_ne!(identity_key("Lan"), identity_key("Lân"));
    }
}
