//! Which block of one version corresponds to which block of another: the pairing the
//! comparison shows, and what keeps a comment beside its section in a later version.

use similar::{capture_diff_slices, Algorithm, DiffOp, TextDiff};

use super::blocks::Block;

/// How much of two paragraphs is the same (0 to 1), by words.
pub fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_words(a, b).ratio()
}

/// The blocks of `old` and `new` in reading order, paired: (Some, Some) the same or an edited
/// block, (Some, None) removed, (None, Some) added. Replaced runs are paired in order while the
/// paragraphs still look alike (half their words or more), so an edit is not a removal and an
/// addition.
pub fn pairs(old: &[Block], new: &[Block]) -> Vec<(Option<usize>, Option<usize>)> {
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
                out.extend((0..len).map(|i| (Some(old_index + i), Some(new_index + i))));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend((old_index..old_index + old_len).map(|i| (Some(i), None))),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend((new_index..new_index + new_len).map(|j| (None, Some(j)))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (mut i, mut j) = (old_index, new_index);
                let (old_end, new_end) = (old_index + old_len, new_index + new_len);
                while i < old_end || j < new_end {
                    if i < old_end && j < new_end {
                        if similarity(&old[i].text, &new[j].text) >= 0.5 {
                            out.push((Some(i), Some(j)));
                            i += 1;
                            j += 1;
                        } else if (j..new_end)
                            .any(|k| similarity(&old[i].text, &new[k].text) >= 0.5)
                        {
                            // The old block reappears further on: what stands here was added.
                            out.push((None, Some(j)));
                            j += 1;
                        } else {
                            out.push((Some(i), None));
                            i += 1;
                        }
                    } else if i < old_end {
                        out.push((Some(i), None));
                        i += 1;
                    } else {
                        out.push((None, Some(j)));
                        j += 1;
                    }
                }
            }
        }
    }
    out
}

/// Where block `index` of `old` is in `new`, if it is still there (possibly edited).
pub fn follow(old: &[Block], new: &[Block], index: usize) -> Option<usize> {
    pairs(old, new)
        .into_iter()
        .find(|(o, _)| *o == Some(index))
        .and_then(|(_, n)| n)
}
