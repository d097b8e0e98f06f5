//! Two versions compared paragraph by paragraph: what the committee looks at to see what a
//! revision changed. Paragraphs that were edited (rather than replaced) are shown as changed,
//! with the words that differ marked.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use super::align::pairs;
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
    /// Index of the block in the newer version (to place comments beside it); None if removed.
    pub new_index: Option<i64>,
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
    pairs(old, new)
        .into_iter()
        .map(|pair| match pair {
            (Some(i), Some(j)) if old[i].text == new[j].text => ComparedBlock {
                change: Change::Same,
                kind: new[j].kind,
                old: Some(old[i].text.clone()),
                new: Some(new[j].text.clone()),
                new_index: Some(j as i64),
                words: Vec::new(),
            },
            (Some(i), Some(j)) => ComparedBlock {
                change: Change::Changed,
                kind: new[j].kind,
                old: Some(old[i].text.clone()),
                new: Some(new[j].text.clone()),
                new_index: Some(j as i64),
                words: word_runs(&old[i].text, &new[j].text),
            },
            (Some(i), None) => removed(&old[i]),
            (None, Some(j)) => ComparedBlock {
                new_index: Some(j as i64),
                ..added(&new[j])
            },
            (None, None) => unreachable!("a pair has at least one side"),
        })
        .collect()
}

fn added(b: &Block) -> ComparedBlock {
    ComparedBlock {
        change: Change::Added,
        kind: b.kind,
        old: None,
        new: Some(b.text.clone()),
        new_index: None,
        words: Vec::new(),
    }
}

fn removed(b: &Block) -> ComparedBlock {
    ComparedBlock {
        change: Change::Removed,
        kind: b.kind,
        old: Some(b.text.clone()),
        new: None,
        new_index: None,
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
