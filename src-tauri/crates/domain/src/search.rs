//! Accent-insensitive search over outlines (and, later, comments and conclusions).
//!
//! SQLite's `remove_diacritics` does not turn "đ" into "d" (đ has no Unicode decomposition), so
//! "dang bo" would not find "Đảng bộ". We fold text ourselves — NFD, combining marks dropped,
//! đ → d, lower case — both when indexing and when querying; FTS5 only ever sees folded text.
//! Snippets are cut from the original text through a map from folded to original characters.

use std::collections::VecDeque;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::db::Database;
use crate::error::Result;
use crate::organisation::OrganisationId;
use crate::outline::blocks::{plain_text, Block};
use crate::stored;
use crate::topic::TopicId;

/// What a row of the search index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Indexed {
    OutlineVersion(i64),
}

/// Folds text for search: lower case, no diacritics, đ → d.
pub fn fold(text: &str) -> String {
    fold_with_map(text).0
}

/// [`fold`], with, for each char of the result, the index of the char of `text` it came from.
fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        for d in c.nfd() {
            if is_combining_mark(d) {
                continue;
            }
            let d = match d {
                'đ' | 'Đ' => 'd',
                other => other,
            };
            for l in d.to_lowercase() {
                out.push(l);
                map.push(i);
            }
        }
    }
    (out, map)
}

/// The words of a query, folded, each once.
fn terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for t in fold(query).split(|c: char| !c.is_alphanumeric()) {
        if !t.is_empty() && !terms.iter().any(|seen| seen == t) {
            terms.push(t.to_string());
        }
    }
    terms
}

/// Indexes an outline version's text, already folded ([`fold`]): a long outline is folded
/// before its write transaction begins, so the write lock is held for the insert alone.
pub(crate) fn index_folded(conn: &Connection, what: Indexed, folded: &str) -> Result<()> {
    let Indexed::OutlineVersion(id) = what;
    conn.execute(
        "INSERT INTO search_index (body, kind, ref_id) VALUES (?1, 'outline', ?2)",
        params![folded, id],
    )?;
    Ok(())
}

/// (Re)indexes a comment with its answer.
pub(crate) fn index_comment(conn: &Connection, id: i64, text: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM search_index WHERE kind = 'comment' AND ref_id = ?1",
        [id],
    )?;
    conn.execute(
        "INSERT INTO search_index (body, kind, ref_id) VALUES (?1, 'comment', ?2)",
        params![fold(text), id],
    )?;
    Ok(())
}

/// (Re)indexes a session's conclusion.
pub(crate) fn reindex_conclusion(conn: &Connection, session: i64, text: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM search_index WHERE kind = 'conclusion' AND ref_id = ?1",
        [session],
    )?;
    if !text.trim().is_empty() {
        conn.execute(
            "INSERT INTO search_index (body, kind, ref_id) VALUES (?1, 'conclusion', ?2)",
            params![fold(text), session],
        )?;
    }
    Ok(())
}

/// A piece of a snippet; `hit` pieces are the words searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// What a hit is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HitSource {
    Outline {
        version_number: i64,
        file_name: String,
    },
    Comment {
        session_id: i64,
        held_on: String,
        speaker: String,
    },
    Conclusion {
        session_id: i64,
        held_on: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    /// The topic; None for a conclusion of a regular meeting.
    pub topic_id: Option<TopicId>,
    pub topic_title: String,
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub year: i32,
    #[serde(flatten)]
    pub source: HitSource,
    pub snippet: Vec<SnippetPart>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchFilter {
    /// An organisation; a đảng bộ includes its cells.
    pub organisation_id: Option<OrganisationId>,
    pub year: Option<i32>,
}

/// How many occurrences of the words searched for a snippet weighs at most. A long outline
/// that repeats a common word thousands of times costs no more than a short one: past this
/// many the best place seen so far is shown.
const SNIPPET_MAX_HITS: usize = 1_000;

/// How close after a place (in folded chars) the other words searched for must be for it to
/// count as the place they occur together.
const TOGETHER: usize = 150;

/// One whole-word occurrence of a word searched for.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    /// Byte range in the original text.
    start: usize,
    end: usize,
    /// Position in the folded text (chars), for measuring closeness.
    folded_at: usize,
    term: usize,
}

/// The whole-word occurrences of `terms` in `text`, in order, found in one pass that folds
/// each char as it goes (no folded copy of a long outline is made).
struct Occurrences<'a> {
    chars: std::str::CharIndices<'a>,
    terms: &'a [String],
    folded_at: usize,
    word: String,
    word_start: usize,
    word_folded_at: usize,
    word_end: usize,
}

impl<'a> Occurrences<'a> {
    fn new(text: &'a str, terms: &'a [String]) -> Self {
        Occurrences {
            chars: text.char_indices(),
            terms,
            folded_at: 0,
            word: String::new(),
            word_start: 0,
            word_folded_at: 0,
            word_end: 0,
        }
    }

    /// The word just ended, when it is one of the terms.
    fn end_word(&mut self) -> Option<Occurrence> {
        if self.word.is_empty() {
            return None;
        }
        let term = self.terms.iter().position(|t| *t == self.word);
        self.word.clear();
        term.map(|term| Occurrence {
            start: self.word_start,
            end: self.word_end,
            folded_at: self.word_folded_at,
            term,
        })
    }
}

impl Iterator for Occurrences<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        loop {
            let Some((at, c)) = self.chars.next() else {
                return self.end_word();
            };
            let mut ended = None;
            for d in c.nfd() {
                if is_combining_mark(d) {
                    continue;
                }
                let d = match d {
                    'đ' | 'Đ' => 'd',
                    other => other,
                };
                for l in d.to_lowercase() {
                    if l.is_alphanumeric() {
                        if self.word.is_empty() {
                            self.word_start = at;
                            self.word_folded_at = self.folded_at;
                        }
                        self.word.push(l);
                        self.word_end = at + c.len_utf8();
                    } else if ended.is_none() {
                        ended = Some(self.end_word());
                    }
                    self.folded_at += 1;
                }
            }
            if let Some(Some(found)) = ended {
                return Some(found);
            }
        }
    }
}

/// The place where the most different words searched for occur together: for each
/// occurrence, how many different terms occur within [`TOGETHER`] folded chars from it; the
/// first of the best. One sliding window over the occurrences (linear in their number), which
/// stops at the first place where all of them occur together or after [`SNIPPET_MAX_HITS`].
fn best_place(occurrences: &mut Occurrences<'_>, terms: usize) -> Option<Occurrence> {
    let mut window: VecDeque<Occurrence> = VecDeque::new();
    let mut count = vec![0usize; terms];
    let mut distinct = 0;
    let mut best: Option<(usize, Occurrence)> = None;
    let mut ended = false;
    let mut seen = 0;
    while !ended || !window.is_empty() {
        let next = if ended { None } else { occurrences.next() };
        ended = ended || next.is_none();
        // Every window starting before `next` by TOGETHER or more is complete (all of them,
        // once the occurrences ran out): weigh it, then let it go.
        while let Some(front) = window.front().copied() {
            if next.is_some_and(|o| front.folded_at + TOGETHER > o.folded_at) {
                break;
            }
            window.pop_front();
            if best.is_none_or(|(n, _)| distinct > n) {
                best = Some((distinct, front));
                if distinct == terms {
                    return Some(front); // none can be better, nor earlier
                }
            }
            count[front.term] -= 1;
            if count[front.term] == 0 {
                distinct -= 1;
            }
        }
        if let Some(o) = next {
            window.push_back(o);
            count[o.term] += 1;
            if count[o.term] == 1 {
                distinct += 1;
            }
            seen += 1;
            ended = seen >= SNIPPET_MAX_HITS;
        }
    }
    best.map(|(_, o)| o)
}

/// The text around the place where the words searched for occur together, with them marked.
/// Linear in the text before that place and bounded by [`SNIPPET_MAX_HITS`] occurrences.
fn snippet(text: &str, terms: &[String]) -> Vec<SnippetPart> {
    let mut occurrences = Occurrences::new(text, terms);
    let Some(first) = best_place(&mut occurrences, terms.len()) else {
        return vec![SnippetPart {
            text: text
                .chars()
                .take(200)
                .map(|c| if c == '\n' { ' ' } else { c })
                .collect(),
            hit: false,
        }];
    };
    // A window of original chars around it: from the first word start at most 60 chars
    // before, to 220 chars after.
    let back = text[..first.start]
        .char_indices()
        .rev()
        .take(60)
        .last()
        .map_or(first.start, |(i, _)| i);
    let start = text[back..first.start]
        .char_indices()
        .map(|(i, _)| back + i)
        .find(|&i| {
            i == 0
                || text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_whitespace)
        })
        .unwrap_or(back);
    let end = text[first.start..]
        .char_indices()
        .nth(220)
        .map_or(text.len(), |(i, _)| first.start + i);
    // The occurrences inside that window, found again on its text alone (a word cut by the
    // window's start or end is not whole, and so not marked).
    let mut parts = Vec::new();
    if start > 0 {
        parts.push(SnippetPart {
            text: "…".into(),
            hit: false,
        });
    }
    let mut cursor = start;
    let from = word_start_before(text, start);
    for o in Occurrences::new(&text[from..], terms) {
        let (s, e) = (from + o.start, from + o.end);
        if s >= end {
            break;
        }
        let whole_at_end =
            e < end || e == text.len() || (e == end && !starts_word_char(&text[e..]));
        if s < cursor || !whole_at_end {
            continue;
        }
        if s > cursor {
            parts.push(SnippetPart {
                text: flat(&text[cursor..s]),
                hit: false,
            });
        }
        parts.push(SnippetPart {
            text: text[s..e].to_string(),
            hit: true,
        });
        cursor = e;
    }
    if cursor < end {
        parts.push(SnippetPart {
            text: flat(&text[cursor..end]),
            hit: false,
        });
    }
    if end < text.len() {
        parts.push(SnippetPart {
            text: "…".into(),
            hit: false,
        });
    }
    parts
}

/// Whether `text` begins with a char that folds into a letter or digit.
fn starts_word_char(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| !fold(&c.to_string()).chars().all(|f| !f.is_alphanumeric()))
}

/// The start of the word `at` falls in (or `at` itself when it falls between words).
fn word_start_before(text: &str, at: usize) -> usize {
    let mut from = at;
    for (i, c) in text[..at].char_indices().rev() {
        if !starts_word_char(&text[i..i + c.len_utf8()]) {
            break;
        }
        from = i;
    }
    from
}

/// Paragraph breaks shown as a middle dot, so a snippet reads as one line.
fn flat(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                " · ".to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl Database {
    /// Outlines containing every word of `query`, best first (BM25), one hit per topic (its
    /// best-matching version), at most `limit`.
    pub fn search(
        &self,
        query: &str,
        filter: &SearchFilter,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let terms = terms(query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let fts_query = terms
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" ");
        // The hits are found and ranked on the connection; their snippets are cut after it is
        // let go (a long outline takes a while to read through), one outline at a time.
        let ranked = self.read(|c| {
            // One query per kind of thing indexed, each filtered in SQL; merged by rank (bm25
            // scores of one FTS table compare across kinds).
            let mut ranked: Vec<(f64, SearchHit, Pending)> = Vec::new();
            let mut topics_seen = std::collections::HashSet::new();
            let org = filter.organisation_id.map(|o| o.0);
            let fetch = (limit * 4) as i64;
            let mut stmt = c.prepare_cached(
                "SELECT bm25(search_index), v.topic_id, t.title, o.id, o.name, p.year, v.number, v.file_name, v.id
                   FROM search_index s
                   JOIN outline_version v ON s.kind = 'outline' AND v.id = s.ref_id
                   JOIN topic t ON t.id = v.topic_id
                   JOIN plan p ON p.id = t.plan_id
                   JOIN organisation o ON o.id = p.organisation_id
                  WHERE search_index MATCH ?1 AND s.kind = 'outline'
                    AND (?2 IS NULL OR o.id = ?2 OR o.parent_id = ?2)
                    AND (?3 IS NULL OR p.year = ?3)
                  ORDER BY bm25(search_index) LIMIT ?4",
            )?;
            let mut rows = stmt.query(params![fts_query, org, filter.year, fetch])?;
            while let Some(r) = rows.next()? {
                let topic_id = TopicId(r.get(1)?);
                if !topics_seen.insert(topic_id) {
                    continue; // the best-matching version of each topic is enough
                }
                ranked.push((r.get(0)?, SearchHit {
                    topic_id: Some(topic_id),
                    topic_title: r.get(2)?,
                    organisation_id: OrganisationId(r.get(3)?),
                    organisation_name: r.get(4)?,
                    year: r.get(5)?,
                    source: HitSource::Outline { version_number: r.get(6)?, file_name: r.get(7)? },
                    snippet: Vec::new(),
                }, Pending::Outline(r.get(8)?)));
            }
            let mut stmt = c.prepare_cached(
                "SELECT bm25(search_index), s.kind, se.id, se.held_on, o.id, o.name, cm.topic_id, t.title, coalesce(m.full_name, g.full_name),
                        coalesce(cm.text || char(10) || coalesce(cm.answer_text, ''), se.conclusion)
                   FROM search_index s
                   LEFT JOIN comment cm ON s.kind = 'comment' AND cm.id = s.ref_id
                   JOIN session se ON se.id = CASE s.kind WHEN 'comment' THEN cm.session_id ELSE s.ref_id END
                   JOIN organisation o ON o.id = se.organisation_id
                   LEFT JOIN member m ON m.id = cm.speaker_id
                   LEFT JOIN session_guest g ON g.id = cm.guest_id
                   LEFT JOIN topic t ON t.id = cm.topic_id
                  WHERE search_index MATCH ?1 AND s.kind IN ('comment', 'conclusion')
                    AND (?2 IS NULL OR o.id = ?2 OR o.parent_id = ?2)
                    AND (?3 IS NULL OR substr(se.held_on, 1, 4) = printf('%04d', ?3))
                  ORDER BY bm25(search_index) LIMIT ?4",
            )?;
            let mut rows = stmt.query(params![fts_query, org, filter.year, fetch])?;
            while let Some(r) = rows.next()? {
                let held_on: String = r.get(3)?;
                let session_id: i64 = r.get(2)?;
                let source = if r.get::<_, String>(1)? == "comment" {
                    HitSource::Comment { session_id, held_on: held_on.clone(), speaker: r.get::<_, Option<String>>(8)?.unwrap_or_default() }
                } else {
                    HitSource::Conclusion { session_id, held_on: held_on.clone() }
                };
                let text: String = r.get::<_, Option<String>>(9)?.unwrap_or_default();
                ranked.push((r.get(0)?, SearchHit {
                    topic_id: r.get::<_, Option<i64>>(6)?.map(TopicId),
                    topic_title: r.get::<_, Option<String>>(7)?.unwrap_or_else(|| "Buổi sinh hoạt".into()),
                    organisation_id: OrganisationId(r.get(4)?),
                    organisation_name: r.get(5)?,
                    year: held_on.get(..4).and_then(|y| y.parse().ok()).unwrap_or_default(),
                    source,
                    snippet: Vec::new(),
                }, Pending::Text(text)));
            }
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
            ranked.truncate(limit);
            Ok(ranked)
        })?;
        ranked
            .into_iter()
            .map(|(_, mut hit, pending)| {
                let text = match pending {
                    Pending::Text(text) => text,
                    Pending::Outline(version) => self.snippet_source(version)?,
                };
                hit.snippet = snippet(text.trim(), &terms);
                Ok(hit)
            })
            .collect()
    }

    /// The plain text of an outline version, for its snippet.
    fn snippet_source(&self, version: i64) -> Result<String> {
        // Gone since the hits were found (its topic deleted meanwhile): shown without text.
        let Some(json) = self.read(|c| {
            Ok(c.query_row(
                "SELECT blocks FROM outline_version WHERE id = ?1",
                [version],
                |r| r.get::<_, String>(0),
            )
            .optional()?)
        })?
        else {
            return Ok(String::new());
        };
        let blocks: Vec<Block> = serde_json::from_str(&json)
            .map_err(|e| stored::unreadable("phiên bản đề cương", version, "blocks", &json, e))?;
        Ok(plain_text(&blocks))
    }
}

/// Where a hit's snippet is cut from, once the hits are ranked.
enum Pending {
    /// A comment's or conclusion's text, already read.
    Text(String),
    /// An outline version, read only if it is among the hits shown.
    Outline(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_every_diacritic_including_the_stroke_of_d() {
        assert_eq!(
            fold("Đảng bộ sinh hoạt chuyên đề"),
            "dang bo sinh hoat chuyen de"
        );
        let nfd: String = "Nghị quyết".nfd().collect();
        assert_eq!(fold(&nfd), "nghi quyet");
    }

    #[test]
    fn a_snippet_marks_the_words_found_in_the_original_spelling() {
        let parts = snippet(
            "Đảng bộ Văn phòng tổ chức sinh hoạt chuyên đề quý III",
            &terms("dang bo"),
        );
        let marked: Vec<&str> = parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["Đảng", "bộ"]);
    }

    fn marked(parts: &[SnippetPart]) -> Vec<&str> {
        parts
            .iter()
            .filter(|p| p.hit)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn a_snippet_shows_where_the_words_occur_together_not_merely_the_first_one() {
        let filler = "nội dung khác ".repeat(30);
        let text = format!("Đảng viên. {filler} Đảng bộ cơ sở vững mạnh.");
        let parts = snippet(&text, &terms("dang bo"));
        assert_eq!(marked(&parts), ["Đảng", "bộ"]);
        assert_eq!(
            parts[0].text, "…",
            "the place together is far from the start"
        );
    }

    #[test]
    fn a_word_repeated_many_thousand_times_gives_a_short_snippet_of_the_first_places() {
        // 200,000 occurrences (≈2 MB): the snippet weighs a bounded number of them.
        let text = "Chi bộ họp. ".repeat(200_000);
        let parts = snippet(&text, &terms("chi bo"));
        assert_eq!(
            parts[0].text, "Chi",
            "all the words occur together at the start"
        );
        assert!(parts.iter().map(|p| p.text.chars().count()).sum::<usize>() <= 240);
        assert_eq!(parts.last().unwrap().text, "…");
    }

    #[test]
    fn a_word_cut_by_the_end_of_the_snippet_is_not_marked_nor_is_a_longer_word() {
        // "bo" at char 0, "chibo" after it, and "bo" again across char 220 where it is cut.
        let text = format!("bo chibo {}bo tiếp", "x ".repeat(105));
        assert_eq!(text.find(" bo tiếp").unwrap() + 1, 219);
        let parts = snippet(&text, &terms("bo"));
        assert_eq!(marked(&parts), ["bo"], "neither “chibo” nor the cut “b…”");
    }

    #[test]
    fn without_the_words_the_snippet_is_the_start_of_the_text_on_one_line() {
        let parts = snippet("Mở đầu\nnội dung", &terms("khong"));
        assert_eq!(
            parts,
            [SnippetPart {
                text: "Mở đầu nội dung".into(),
                hit: false
            }]
        );
    }
}
