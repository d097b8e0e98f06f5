//! Finding the speaker from what the meeting secretary types: a few letters of the name, without
//! accents, then Enter. A Vietnamese name ends with the given name (*tên*: "An" in "Trần Thị
//! An"), which is what people call each other by, so a match at the start of the given name
//! comes first, then one at the start of any other word ("tran", "thi an"). Letters inside a
//! word never match: "an" is in "Trần" and "Đặng" but means neither Trần Thị An's family nor
//! Đặng Minh Dũng.

use crate::search::fold;

/// How well a typed query fits a name; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// The whole given name: "an" for Trần Thị An.
    GivenName,
    /// The start of the given name: "an" for Nguyễn Văn Anh.
    GivenNameStart,
    /// The start of another word, and what follows: "tran", "thi an".
    WordStart,
}

fn fit(query: &str, name: &str) -> Option<Fit> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let given = *words.last()?;
    if given == query {
        return Some(Fit::GivenName);
    }
    if given.starts_with(query) {
        return Some(Fit::GivenNameStart);
    }
    // The query may span words ("thi an"): compare it with the name from each word on.
    (0..words.len())
        .any(|i| words[i..].join(" ").starts_with(query))
        .then_some(Fit::WordStart)
}

/// The names that fit `query`, best first, as indexes into `names`; names that fit equally
/// keep their order (the attendance list's). Accents, case and spacing are ignored. An empty
/// query fits nobody.
pub fn rank_speakers(query: &str, names: &[String]) -> Vec<usize> {
    let query = fold(query).split_whitespace().collect::<Vec<_>>().join(" ");
    if query.is_empty() {
        return Vec::new();
    }
    let mut fits: Vec<(Fit, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, name)| fit(&query, &fold(name)).map(|f| (f, i)))
        .collect();
    fits.sort();
    fits.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranked<'a>(query: &str, names: &'a [String]) -> Vec<&'a str> {
        rank_speakers(query, names)
            .into_iter()
            .map(|i| names[i].as_str())
            .collect()
    }

    fn cell() -> Vec<String> {
        [
            "Đặng Minh Dũng",
            "Nguyễn Văn Anh",
            "Trần Thị An",
            "Lê Thị Lan",
            "Phạm Quang Thịnh",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn an_is_tran_thi_an_and_never_dang_minh_dung() {
        let names = cell();
        let found = ranked("an", &names);
        assert_eq!(
            found.first(),
            Some(&"Trần Thị An"),
            "the given name An comes first"
        );
        assert!(
            !found.contains(&"Đặng Minh Dũng"),
            "letters inside “Đặng” are not the start of a word: {found:?}"
        );
    }

    #[test]
    fn the_whole_given_name_then_its_start_then_the_start_of_another_word() {
        let names = cell();
        assert_eq!(ranked("an", &names), ["Trần Thị An", "Nguyễn Văn Anh"]);
        assert_eq!(
            ranked("th", &names),
            ["Phạm Quang Thịnh", "Trần Thị An", "Lê Thị Lan"],
            "Thịnh by his given name, then the two whose middle name is Thị, in list order"
        );
    }

    #[test]
    fn accents_case_and_spacing_are_ignored_and_a_query_may_span_words() {
        let names = cell();
        assert_eq!(ranked("DUNG", &names), ["Đặng Minh Dũng"]);
        assert_eq!(ranked("dang", &names), ["Đặng Minh Dũng"]);
        assert_eq!(ranked("  thi   an ", &names), ["Trần Thị An"]);
        assert_eq!(ranked("Trần", &names), ["Trần Thị An"]);
    }

    #[test]
    fn letters_inside_a_word_and_an_empty_query_fit_nobody() {
        let names = cell();
        assert!(ranked("inh", &names).is_empty());
        assert!(ranked("  ", &names).is_empty());
    }
}
