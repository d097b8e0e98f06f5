//! Two versions compared paragraph by paragraph: what the committee looks at to see what a
//! revision changed. Paragraphs that were edited (rather than replaced) are shown as changed:
//! sentence by sentence, and inside a rewritten sentence the stretch of words that changed, old
//! then new (Vietnamese syllables are words of their own: marking each one apart interleaves
//! them unreadably). The window shows the runs inline or side by side (old | new).

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

/// A paragraph cut into sentences, each with the spaces that follow it, so that joining them
/// gives the paragraph back. A sentence ends at `.`, `!`, `?` or `…` followed by a space (not
/// inside "1.2" or "42-HD/BTCTW"), or at a line break.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends = matches!(c, '.' | '!' | '?' | '…' | '\n');
        if !ends {
            continue;
        }
        // Several marks ("?!", "...") end one sentence.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if matches!(d, '.' | '!' | '?' | '…' | '"' | '”' | ')') {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        match chars.peek() {
            Some(&(_, d)) if d.is_whitespace() || c == '\n' => {
                while let Some(&(j, d)) = chars.peek() {
                    if !d.is_whitespace() {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                out.push(&text[start..end]);
                start = end;
            }
            None => {}
            Some(_) => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Appends a run, merged with the last one when they are of the same kind.
fn push(runs: &mut Vec<WordRun>, change: Change, text: &str) {
    if text.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.change == change => last.text.push_str(text),
        _ => runs.push(WordRun {
            change,
            text: text.to_string(),
        }),
    }
}

/// What stays the same between two changes but is too little to read on its own (spaces, a
/// comma, one syllable): shown inside the change, on both sides, rather than interleaving
/// "~~soi~~tự ~~rọi~~soi".
fn is_minor(text: &str) -> bool {
    text.split_whitespace().count() <= 1 && text.trim().chars().count() <= 4
}

/// The words of one edited sentence: each stretch that changed as the old words, then the new
/// ones, with the unchanged words between stretches as they are.
fn sentence_words(runs: &mut Vec<WordRun>, old: &str, new: &str) {
    let diff = TextDiff::from_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].0 == ChangeTag::Equal {
            push(runs, Change::Same, tokens[i].1);
            i += 1;
            continue;
        }
        // A stretch of changes, taking in the minor equal runs between two changes.
        let (mut removed, mut added) = (String::new(), String::new());
        while i < tokens.len() {
            match tokens[i].0 {
                ChangeTag::Delete => removed.push_str(tokens[i].1),
                ChangeTag::Insert => added.push_str(tokens[i].1),
                ChangeTag::Equal => {
                    // Equal tokens up to the next change; minor ones join the stretch.
                    let mut j = i;
                    let mut between = String::new();
                    while j < tokens.len() && tokens[j].0 == ChangeTag::Equal {
                        between.push_str(tokens[j].1);
                        j += 1;
                    }
                    if j < tokens.len() && is_minor(&between) {
                        removed.push_str(&between);
                        added.push_str(&between);
                        i = j;
                        continue;
                    }
                    break;
                }
            }
            i += 1;
        }
        push(runs, Change::Removed, &removed);
        push(runs, Change::Added, &added);
    }
}

/// How much two sentences share, from 0 to 1, counted in words.
fn likeness(old: &str, new: &str) -> f32 {
    TextDiff::from_words(old, new).ratio()
}

/// An edited paragraph, read as a person compares: sentence by sentence; a sentence that was
/// rewritten rather than replaced shows its changed words; unchanged sentences read as before.
fn word_runs(old: &str, new: &str) -> Vec<WordRun> {
    let (a, b) = (sentences(old), sentences(new));
    let (ka, kb): (Vec<&str>, Vec<&str>) = (
        a.iter().map(|s| s.trim()).collect(),
        b.iter().map(|s| s.trim()).collect(),
    );
    let mut runs = Vec::new();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ka, &kb) {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        match op.tag() {
            similar::DiffTag::Equal => {
                for k in new_range {
                    push(&mut runs, Change::Same, b[k]);
                }
            }
            _ => {
                let (olds, news) = (&a[old_range], &b[new_range]);
                for k in 0..olds.len().max(news.len()) {
                    match (olds.get(k), news.get(k)) {
                        (Some(o), Some(n)) if likeness(o, n) >= 0.5 => {
                            sentence_words(&mut runs, o, n)
                        }
                        (o, n) => {
                            push(&mut runs, Change::Removed, o.copied().unwrap_or(""));
                            push(&mut runs, Change::Added, n.copied().unwrap_or(""));
                        }
                    }
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(runs: &[WordRun]) -> String {
        runs.iter()
            .map(|r| match r.change {
                Change::Same => r.text.clone(),
                Change::Removed => format!("[-{}-]", r.text),
                Change::Added => format!("{{+{}+}}", r.text),
                Change::Changed => unreachable!("runs are same, removed or added"),
            })
            .collect()
    }

    #[test]
    fn a_paragraph_is_cut_into_sentences_that_join_back_into_it() {
        let text = "Chi bộ họp ngày 06/6/2024. Có mặt 1.2 phần? Theo 42-HD/BTCTW… Hết";
        let cut = sentences(text);
        assert_eq!(
            cut,
            [
                "Chi bộ họp ngày 06/6/2024. ",
                "Có mặt 1.2 phần? ",
                "Theo 42-HD/BTCTW… ",
                "Hết"
            ]
        );
        assert_eq!(cut.concat(), text);
    }

    #[test]
    fn unchanged_sentences_read_whole_and_only_the_rewritten_one_is_marked() {
        let old = "Chi bộ đã tổ chức quán triệt Chỉ thị 05. Mỗi đảng viên tự soi, tự sửa, nêu cao tinh thần tự phê bình. Kết quả được đánh giá cuối năm.";
        let new = "Chi bộ đã tổ chức quán triệt Chỉ thị 05. Mỗi đảng viên soi rọi bản thân, tự sửa, nêu cao tinh thần tự phê bình. Kết quả được đánh giá cuối năm.";
        let runs = word_runs(old, new);
        assert_eq!(
            marked(&runs),
            "Chi bộ đã tổ chức quán triệt Chỉ thị 05. Mỗi đảng viên [-tự soi,-]{+soi rọi bản thân,+} tự sửa, nêu cao tinh thần tự phê bình. Kết quả được đánh giá cuối năm."
        );
    }

    #[test]
    fn a_rewritten_stretch_reads_old_then_new_never_syllable_by_syllable() {
        // The example: "~~soi~~tự ~~rọi~~soi, ~~bản~~tự".
        let old = "Đảng viên phải thường xuyên soi rọi, bản thân mình để sửa chữa.";
        let new = "Đảng viên phải thường xuyên tự soi, tự sửa để tiến bộ.";
        let runs = word_runs(old, new);
        for pair in runs.windows(3) {
            let interleaved = pair[0].change != Change::Same
                && pair[1].change == Change::Same
                && pair[2].change != Change::Same
                && is_minor(&pair[1].text);
            assert!(!interleaved, "interleaved: {}", marked(&runs));
        }
        let removed: Vec<_> = runs.iter().filter(|r| r.change == Change::Removed).collect();
        assert_eq!(removed.len(), 1, "one stretch: {}", marked(&runs));
        assert!(marked(&runs).starts_with("Đảng viên phải thường xuyên [-"), "{}", marked(&runs));
    }

    #[test]
    fn a_replaced_sentence_is_removed_and_added_whole() {
        let old = "Mở đầu. Nội dung cũ hoàn toàn khác.";
        let new = "Mở đầu. Phần này được viết lại từ đầu với ý mới.";
        assert_eq!(
            marked(&word_runs(old, new)),
            "Mở đầu. [-Nội dung cũ hoàn toàn khác.-]{+Phần này được viết lại từ đầu với ý mới.+}"
        );
    }
}
