//! Accent-insensitive search over outlines (and, later, comments and conclusions).
//!
//! SQLite's `remove_diacritics` does not turn "đ" into "d" (đ has no Unicode decomposition), so
//! "dang bo" would not find "Đảng bộ". We fold text ourselves — NFD, combining marks dropped,
//! đ → d, lower case — both when indexing and when querying; FTS5 only ever sees folded text.
//! Snippets are cut from the original text through a map from folded to original characters.

use rusqlite::{params, Connection};
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

/// The words of a query, folded.
fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
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

/// The text around the first place all-or-some of `terms` occur, with the terms marked.
fn snippet(text: &str, terms: &[String]) -> Vec<SnippetPart> {
    let (folded, map) = fold_with_map(text);
    let folded_chars: Vec<char> = folded.chars().collect();
    let original: Vec<char> = text.chars().collect();
    // Whole-word occurrences of every term, as folded char ranges.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut term_of: Vec<(usize, usize)> = Vec::new(); // (hit start, term index)
    for (n, term) in terms.iter().enumerate() {
        let t: Vec<char> = term.chars().collect();
        let mut i = 0;
        while i + t.len() <= folded_chars.len() {
            let boundary_before = i == 0 || !folded_chars[i - 1].is_alphanumeric();
            let boundary_after =
                i + t.len() == folded_chars.len() || !folded_chars[i + t.len()].is_alphanumeric();
            if boundary_before && boundary_after && folded_chars[i..i + t.len()] == t[..] {
                hits.push((i, i + t.len()));
                term_of.push((i, n));
                i += t.len();
            } else {
                i += 1;
            }
        }
    }
    hits.sort();
    if hits.is_empty() {
        return vec![SnippetPart {
            text: original
                .iter()
                .take(200)
                .map(|&c| if c == '\n' { ' ' } else { c })
                .collect(),
            hit: false,
        }];
    }
    // Start at the hit with the most different words searched for close after it: the place
    // the words occur together, not merely the first one.
    let first = hits
        .iter()
        .map(|&(start, _)| {
            let mut near: Vec<usize> = term_of
                .iter()
                .filter(|(s, _)| *s >= start && *s < start + 150)
                .map(|(_, n)| *n)
                .collect();
            near.sort();
            near.dedup();
            (near.len(), std::cmp::Reverse(start))
        })
        .max()
        .map(|(_, std::cmp::Reverse(start))| start)
        .expect("hits is not empty");
    // A window in original chars around the first hit, on word boundaries.
    let start_o = map[first].saturating_sub(60);
    let start_o = (start_o..map[first])
        .find(|&i| i == 0 || original[i - 1].is_whitespace())
        .unwrap_or(start_o);
    let end_o = (map[first] + 220).min(original.len());
    let mut parts = Vec::new();
    let mut cursor = start_o;
    if start_o > 0 {
        parts.push(SnippetPart {
            text: "…".into(),
            hit: false,
        });
    }
    for (s, e) in hits {
        let (so, eo) = (map[s], map[e - 1] + 1);
        if so < cursor || eo > end_o {
            continue;
        }
        if so > cursor {
            parts.push(SnippetPart {
                text: flat(&original[cursor..so]),
                hit: false,
            });
        }
        parts.push(SnippetPart {
            text: original[so..eo].iter().collect(),
            hit: true,
        });
        cursor = eo;
    }
    if cursor < end_o {
        parts.push(SnippetPart {
            text: flat(&original[cursor..end_o]),
            hit: false,
        });
    }
    if end_o < original.len() {
        parts.push(SnippetPart {
            text: "…".into(),
            hit: false,
        });
    }
    parts
}

/// Paragraph breaks shown as a middle dot, so a snippet reads as one line.
fn flat(chars: &[char]) -> String {
    chars
        .iter()
        .map(|&c| {
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
        self.read(|c| {
            // One query per kind of thing indexed, each filtered in SQL; merged by rank (bm25
            // scores of one FTS table compare across kinds).
            let mut ranked: Vec<(f64, SearchHit)> = Vec::new();
            let org = filter.organisation_id.map(|o| o.0);
            let fetch = (limit * 4) as i64;
            let mut stmt = c.prepare_cached(
                "SELECT bm25(search_index), v.topic_id, t.title, o.id, o.name, p.year, v.number, v.file_name, v.blocks, v.id
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
                if ranked.iter().any(|(_, h)| h.topic_id == Some(topic_id) && matches!(h.source, HitSource::Outline { .. })) {
                    continue; // the best-matching version of each topic is enough
                }
                let (json, version): (String, i64) = (r.get(8)?, r.get(9)?);
                let blocks: Vec<Block> = serde_json::from_str(&json)
                    .map_err(|e| stored::unreadable("phiên bản đề cương", version, "blocks", &json, e))?;
                ranked.push((r.get(0)?, SearchHit {
                    topic_id: Some(topic_id),
                    topic_title: r.get(2)?,
                    organisation_id: OrganisationId(r.get(3)?),
                    organisation_name: r.get(4)?,
                    year: r.get(5)?,
                    source: HitSource::Outline { version_number: r.get(6)?, file_name: r.get(7)? },
                    snippet: snippet(&plain_text(&blocks), &terms),
                }));
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
                    snippet: snippet(text.trim(), &terms),
                }));
            }
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
            Ok(ranked.into_iter().take(limit).map(|(_, h)| h).collect())
        })
    }
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
}
