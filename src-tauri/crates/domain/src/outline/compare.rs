//! Two versions compared paragraph by paragraph: what the committee looks at to see what a
//! revision changed. Paragraphs that were edited (rather than replaced) are shown as changed,
//! with the words that differ marked.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};
use ts_rs::TS;

use super::blocks::{Block, BlockKind};
use super::version::OutlineVersionId;
use crate::db::Database;
use crate::error::Result;
use crate::outline::OutlineVersion;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Added,
    Removed,
    Changed,
}

/// A run of words in a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WordRun {
    pub change: Change,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComparedBlock {
    pub change: Change,
    pub kind: BlockKind,
    pub old: Option<String>,
    pub new: Option<String>,
    /// For `changed`: the words, each same, removed or added.
    pub words: Vec<WordRun>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub old: OutlineVersion,
    pub new: OutlineVersion,
    pub blocks: Vec<ComparedBlock>,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

/// How much of two paragraphs is the same (0 to 1), by words.
fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_words(a, b).ratio()
}

fn word_runs(old: &str, new: &str) -> Vec<WordRun> {
    let diff = TextDiff::from_words(old, new);
    let mut runs: Vec<WordRun> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Delete => Change::Removed,
            ChangeTag::Insert => Change::Added,
        };
        match runs.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => runs.push(WordRun {
                change: kind,
                text: change.value().to_string(),
            }),
        }
    }
    runs
}

pub fn compare_blocks(old: &[Block], new: &[Block]) -> Vec<ComparedBlock> {
    let old_texts: Vec<&str> = old.iter().map(|b| b.text.as_str()).collect();
    let new_texts: Vec<&str> = new.iter().map(|b| b.text.as_str()).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &old_texts, &new_texts) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    out.push(ComparedBlock {
                        change: Change::Same,
                        kind: new[new_index + i].kind,
                        old: Some(old[old_index + i].text.clone()),
                        new: Some(new[new_index + i].text.clone()),
                        words: Vec::new(),
                    });
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                out.extend(
                    old[old_index..old_index + old_len]
                        .iter()
                        .map(|b| removed(b)),
                );
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                out.extend(new[new_index..new_index + new_len].iter().map(|b| added(b)));
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Pair replaced paragraphs in order while they still look alike: an edit, not a
                // swap of one paragraph for another.
                let (olds, news) = (
                    &old[old_index..old_index + old_len],
                    &new[new_index..new_index + new_len],
                );
                let (mut i, mut j) = (0, 0);
                while i < olds.len() || j < news.len() {
                    match (olds.get(i), news.get(j)) {
                        (Some(o), Some(n)) if similarity(&o.text, &n.text) >= 0.5 => {
                            out.push(ComparedBlock {
                                change: Change::Changed,
                                kind: n.kind,
                                old: Some(o.text.clone()),
                                new: Some(n.text.clone()),
                                words: word_runs(&o.text, &n.text),
                            });
                            i += 1;
                            j += 1;
                        }
                        (Some(o), Some(n)) => {
                            // Whichever side has a better match ahead is the one that moved on.
                            let o_matches_later = news[j..]
                                .iter()
                                .any(|x| similarity(&o.text, &x.text) >= 0.5);
                            if o_matches_later {
                                out.push(added(n));
                                j += 1;
                            } else {
                                out.push(removed(o));
                                i += 1;
                            }
                        }
                        (Some(o), None) => {
                            out.push(removed(o));
                            i += 1;
                        }
                        (None, Some(n)) => {
                            out.push(added(n));
                            j += 1;
                        }
                        (None, None) => break,
                    }
                }
            }
        }
    }
    out
}

fn added(b: &Block) -> ComparedBlock {
    ComparedBlock {
        change: Change::Added,
        kind: b.kind,
        old: None,
        new: Some(b.text.clone()),
        words: Vec::new(),
    }
}

fn removed(b: &Block) -> ComparedBlock {
    ComparedBlock {
        change: Change::Removed,
        kind: b.kind,
        old: Some(b.text.clone()),
        new: None,
        words: Vec::new(),
    }
}

impl Database {
    pub fn compare_outlines(
        &self,
        old: OutlineVersionId,
        new: OutlineVersionId,
    ) -> Result<Comparison> {
        let (a, b) = (self.outline_text(old)?, self.outline_text(new)?);
        let blocks = compare_blocks(&a.blocks, &b.blocks);
        let count = |c: Change| blocks.iter().filter(|x| x.change == c).count();
        Ok(Comparison {
            added: count(Change::Added),
            removed: count(Change::Removed),
            changed: count(Change::Changed),
            old: a.version,
            new: b.version,
            blocks,
        })
    }
}
