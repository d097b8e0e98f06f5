//! Outline import: real documents made with LibreOffice (tests/fixtures, see its README), what
//! comes out of each, what is refused and why, versions, comparison and search.

mod common;

use std::path::PathBuf;

use chuyende::outline::blocks::{Block, BlockKind};
use chuyende::outline::compare::Change;
use chuyende::outline::extract::{extract, Format, Limits};
use chuyende::outline::problem::{DocumentProblem, TextStatus};
use chuyende::search::SearchFilter;
use chuyende::{Database, Error};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../../../tests/fixtures",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    ))
    .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn blocks_of(name: &str) -> Vec<Block> {
    let e = extract(name, &read(name), &Limits::default())
        .unwrap_or_else(|p| panic!("{name} should be read: {p}"));
    assert_eq!(e.status, TextStatus::Read, "{name}");
    e.blocks
}

fn headings(blocks: &[Block]) -> Vec<(u8, String)> {
    blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, b.text.clone())),
            _ => None,
        })
        .collect()
}

fn texts(blocks: &[Block], kind: fn(&BlockKind) -> bool) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| kind(&b.kind))
        .map(|b| b.text.clone())
        .collect()
}

const SECTIONS: [(u8, &str); 8] = [
    (1, "I. MỤC ĐÍCH, YÊU CẦU"),
    (2, "1. Mục đích"),
    (2, "2. Yêu cầu"),
    (1, "II. NỘI DUNG"),
    (
        2,
        "1. Tư tưởng Hồ Chí Minh về trách nhiệm nêu gương của đảng viên",
    ),
    (2, "2. Thực trạng việc nêu gương của đảng viên trong Chi bộ"),
    (2, "3. Giải pháp nâng cao trách nhiệm nêu gương"),
    (1, "III. TỔ CHỨC THỰC HIỆN"),
];

fn assert_sections(name: &str, blocks: &[Block]) {
    let found = headings(blocks);
    for (level, text) in SECTIONS {
        assert!(
            found.contains(&(level, text.to_string())),
            "{name}: heading {level} “{text}” in {found:?}"
        );
    }
}

#[test]
fn a_word_outline_keeps_its_headings_numbered_list_table_and_footnotes() {
    let blocks = blocks_of("de-cuong-v1.docx");
    assert_sections("docx", &blocks);
    let items = texts(&blocks, |k| matches!(k, BlockKind::ListItem { .. }));
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("a) Nêu gương về phẩm chất chính trị")),
        "Word's automatic a) b) c): {items:?}"
    );
    assert!(items.iter().any(|i| i.starts_with("c) ")), "{items:?}");
    let rows = texts(&blocks, |k| matches!(k, BlockKind::TableRow));
    assert_eq!(rows.len(), 4, "header and three rows: {rows:?}");
    assert_eq!(
        rows[0],
        "Nội dung nêu gương | Kết quả đạt được | Hạn chế cần khắc phục"
    );
    let notes = texts(&blocks, |k| matches!(k, BlockKind::Footnote));
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].starts_with("[1] Kết luận số 01-KL/TW"),
        "{notes:?}"
    );
    assert!(
        blocks
            .iter()
            .any(|b| b.text.contains("Kết luận số 01-KL/TW[1]")),
        "the citation stays where it was"
    );
}

#[test]
fn an_odt_outline_reads_the_same_sections_list_table_and_footnotes() {
    let blocks = blocks_of("de-cuong-v1.odt");
    assert_sections("odt", &blocks);
    let items = texts(&blocks, |k| matches!(k, BlockKind::ListItem { .. }));
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("b) Nêu gương trong thực hiện nhiệm vụ")),
        "{items:?}"
    );
    assert_eq!(
        texts(&blocks, |k| matches!(k, BlockKind::TableRow)).len(),
        4
    );
    assert_eq!(
        texts(&blocks, |k| matches!(k, BlockKind::Footnote)).len(),
        2
    );
}

#[test]
fn a_pdf_exported_from_the_outline_gives_its_text_layer_with_the_numbered_sections() {
    let blocks = blocks_of("de-cuong-v1.pdf");
    let found: Vec<String> = headings(&blocks).into_iter().map(|(_, t)| t).collect();
    for (_, text) in SECTIONS {
        assert!(
            found.iter().any(|h| h.starts_with(text)),
            "pdf: “{text}” in {found:?}"
        );
    }
    assert!(chuyende::outline::blocks::plain_text(&blocks).contains("tổ chức sinh hoạt chuyên đề"));
}

#[test]
fn plain_text_in_utf8_or_utf16_and_markdown_are_read_with_their_sections() {
    let utf8 = blocks_of("de-cuong-utf8.txt");
    assert_sections("txt", &utf8);
    assert_eq!(
        blocks_of("de-cuong-utf16.txt"),
        utf8,
        "UTF-16 with BOM reads exactly as UTF-8"
    );
    let md = blocks_of("de-cuong.md");
    let found = headings(&md);
    assert!(
        found.iter().any(|(_, t)| t == "I. MỤC ĐÍCH, YÊU CẦU"),
        "{found:?}"
    );
    assert!(md
        .iter()
        .any(|b| matches!(b.kind, BlockKind::ListItem { .. })));
}

#[test]
fn text_is_stored_in_nfc_whatever_form_the_document_used() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "I. MỤC ĐÍCH\nĐảng bộ tổ chức sinh hoạt chuyên đề.\n"
        .nfd()
        .collect();
    let e = extract("nfd.txt", nfd.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(e.blocks[1].text, "Đảng bộ tổ chức sinh hoạt chuyên đề.");
    assert!(unicode_normalization::is_nfc(&e.blocks[1].text));
}

fn refused(name: &str) -> DocumentProblem {
    match extract(name, &read(name), &Limits::default()) {
        Err(p) => p,
        Ok(e) => panic!(
            "{name} must be refused, got {:?} with {} blocks",
            e.status,
            e.blocks.len()
        ),
    }
}

#[test]
fn damaged_hostile_and_mislabelled_files_are_refused_with_the_reason() {
    assert!(matches!(
        refused("de-cuong-v1-encrypted.pdf"),
        DocumentProblem::Encrypted { .. }
    ));
    for name in [
        "corrupt.docx",
        "corrupt.odt",
        "truncated.docx",
        "truncated.odt",
    ] {
        assert!(
            matches!(refused(name), DocumentProblem::Corrupt { .. }),
            "{name}: {}",
            refused(name)
        );
    }
    assert!(
        matches!(
            refused("zip-bomb.docx"),
            DocumentProblem::ExpandsTooMuch { .. }
        ),
        "{}",
        refused("zip-bomb.docx")
    );
    assert!(matches!(
        refused("many-entries.docx"),
        DocumentProblem::ExpandsTooMuch { .. }
    ));
    assert!(matches!(
        refused("empty.docx"),
        DocumentProblem::Empty { .. }
    ));
    assert!(matches!(
        refused("not-really.docx"),
        DocumentProblem::NotWhatItsNameSays { .. }
    ));
    assert!(matches!(
        refused("bad-encoding.txt"),
        DocumentProblem::NotUnicode { .. }
    ));
    let docx_as_pdf = extract(
        "de-cuong.pdf",
        &read("de-cuong-v1.docx"),
        &Limits::default(),
    )
    .unwrap_err();
    assert!(matches!(
        docx_as_pdf,
        DocumentProblem::NotWhatItsNameSays { .. }
    ));
    assert!(matches!(
        extract("anh.png", b"\x89PNG\r\n", &Limits::default()).unwrap_err(),
        DocumentProblem::UnsupportedFormat { .. }
    ));
    // Every message is a Vietnamese sentence that names the file.
    assert!(refused("zip-bomb.docx")
        .to_string()
        .contains("“zip-bomb.docx”"));
}

fn counts(db: &Database) -> (i64, i64) {
    db.read(|c| {
        Ok((
            c.query_row("SELECT count(*) FROM outline_version", [], |r| r.get(0))?,
            chuyende::audit::count(c)?,
        ))
    })
    .unwrap()
}

#[test]
fn every_import_is_a_new_version_and_an_identical_file_is_recognised() {
    let f = common::topic_fixture();
    let v1 =
        f.db.import_outline_file(f.topic, &fixture("de-cuong-v1.docx"), "Bản dự thảo")
            .unwrap();
    assert_eq!(
        (v1.number, v1.format, v1.file_name.as_str()),
        (1, Format::Docx, "de-cuong-v1.docx")
    );
    assert_eq!(v1.size as usize, read("de-cuong-v1.docx").len());
    assert_eq!(v1.sha256.len(), 64);
    let v2 =
        f.db.import_outline_file(f.topic, &fixture("de-cuong-v2.docx"), "Bản hoàn chỉnh")
            .unwrap();
    assert_eq!(v2.number, 2);

    let before = counts(&f.db);
    let again =
        f.db.import_outline_file(f.topic, &fixture("de-cuong-v1.docx"), "")
            .unwrap_err();
    assert!(
        matches!(
            again,
            Error::Document(DocumentProblem::AlreadyImported { number: 1, .. })
        ),
        "{again:?}"
    );
    assert!(
        again.to_string().contains("giống hệt phiên bản 1"),
        "{again}"
    );
    assert_eq!(
        counts(&f.db),
        before,
        "nothing stored for the identical file"
    );

    let (_, original) = f.db.outline_original(v1.id).unwrap();
    assert_eq!(
        original,
        read("de-cuong-v1.docx"),
        "the original bytes are kept exactly"
    );
    let versions = f.db.outline_versions(f.topic).unwrap();
    assert_eq!(
        versions.iter().map(|v| v.number).collect::<Vec<_>>(),
        [2, 1],
        "newest first"
    );
    let history = f.db.topic_history(f.topic).unwrap();
    assert_eq!(
        history.last().unwrap().to.as_deref(),
        Some("Phiên bản 2: de-cuong-v2.docx")
    );

    let tamper =
        f.db.read(|c| Ok(c.execute("UPDATE outline_version SET note = 'x'", [])?));
    assert!(tamper.is_err(), "a version is never rewritten");
    let delete =
        f.db.read(|c| Ok(c.execute("DELETE FROM outline_version", [])?));
    assert!(delete.is_err(), "a version is never deleted");
}

#[test]
fn a_refused_document_changes_nothing_in_the_database() {
    let f = common::topic_fixture();
    let before = counts(&f.db);
    for name in [
        "de-cuong-v1-encrypted.pdf",
        "corrupt.docx",
        "truncated.odt",
        "zip-bomb.docx",
        "empty.docx",
        "not-really.docx",
    ] {
        let err =
            f.db.import_outline_file(f.topic, &fixture(name), "")
                .unwrap_err();
        assert_eq!(err.code(), chuyende::ErrorCode::Document, "{name}: {err:?}");
    }
    let folder =
        f.db.import_outline_file(f.topic, &fixture(""), "")
            .unwrap_err();
    assert!(
        matches!(folder, Error::Document(DocumentProblem::Folder { .. })),
        "{folder:?}"
    );
    assert_eq!(counts(&f.db), before);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let f = common::topic_fixture();
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("rất lớn.docx");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(51 << 20)
        .unwrap(); // sparse: costs no disk
    let err = f.db.import_outline_file(f.topic, &huge, "").unwrap_err();
    assert!(
        matches!(
            err,
            Error::Document(DocumentProblem::TooLarge { limit_mb: 50, .. })
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("giới hạn là 50 MB"), "{err}");
}

#[test]
fn old_doc_files_and_scans_are_kept_as_versions_with_a_message_instead_of_text() {
    let f = common::topic_fixture();
    let doc =
        f.db.import_outline_file(f.topic, &fixture("legacy.doc"), "")
            .unwrap();
    assert_eq!(doc.text_status, TextStatus::LegacyDoc);
    assert!(
        doc.text_message.as_deref().unwrap().contains(".docx"),
        "says what to do"
    );
    let scan =
        f.db.import_outline_file(f.topic, &fixture("scanned.pdf"), "")
            .unwrap();
    assert_eq!(scan.text_status, TextStatus::NoTextLayer);
    assert!(scan
        .text_message
        .as_deref()
        .unwrap()
        .contains("không có lớp chữ"));
    assert!(f.db.outline_text(scan.id).unwrap().blocks.is_empty());
}

#[test]
fn file_names_in_nfc_and_nfd_both_import_and_are_stored_in_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let f = common::topic_fixture();
    let dir = tempfile::tempdir().unwrap();
    let nfc_name: String = "Đề cương bản 1.docx".nfc().collect();
    let nfd_name: String = "Đề cương bản 2.docx".nfd().collect();
    std::fs::copy(fixture("de-cuong-v1.docx"), dir.path().join(&nfc_name)).unwrap();
    std::fs::copy(fixture("de-cuong-v2.docx"), dir.path().join(&nfd_name)).unwrap();
    let a =
        f.db.import_outline_file(f.topic, &dir.path().join(&nfc_name), "")
            .unwrap();
    let b =
        f.db.import_outline_file(f.topic, &dir.path().join(&nfd_name), "")
            .unwrap();
    assert_eq!(a.file_name, nfc_name);
    assert_eq!(
        b.file_name,
        "Đề cương bản 2.docx".nfc().collect::<String>(),
        "stored in NFC"
    );
}

/// The fixtures' draft (v1) compared with their revision (v2), as the window shows it.
fn revision_compared() -> chuyende::outline::compare::Comparison {
    let f = common::topic_fixture();
    let v1 =
        f.db.import_outline_file(f.topic, &fixture("de-cuong-v1.docx"), "")
            .unwrap();
    let v2 =
        f.db.import_outline_file(f.topic, &fixture("de-cuong-v2.docx"), "")
            .unwrap();
    f.db.compare_outlines(v1.id, v2.id).unwrap()
}

#[test]
fn comparing_two_versions_shows_the_changed_added_and_removed_paragraphs() {
    let cmp = revision_compared();
    assert!(
        cmp.changed >= 2,
        "an edited paragraph and a renamed heading: {}",
        cmp.changed
    );
    assert!(
        cmp.added >= 1 && cmp.removed >= 1,
        "added {} removed {}",
        cmp.added,
        cmp.removed
    );
    let changed = cmp
        .blocks
        .iter()
        .find(|b| b.change == Change::Changed)
        .unwrap();
    assert!(
        changed.words.iter().any(|w| w.change == Change::Added),
        "the new words are marked"
    );
    assert!(
        changed.words.iter().any(|w| w.change == Change::Same),
        "the rest reads as before"
    );
    let same = cmp
        .blocks
        .iter()
        .filter(|b| b.change == Change::Same)
        .count();
    assert!(same > 30, "most of the outline is unchanged: {same}");
}

#[test]
fn a_revised_outline_compares_by_sentence_and_marks_words_only_inside_a_rewritten_sentence() {
    let cmp = revision_compared();
    let changed: Vec<_> = cmp
        .blocks
        .iter()
        .filter(|b| b.change == Change::Changed)
        .collect();
    assert!(!changed.is_empty());
    for b in &changed {
        let (old, new) = (b.old.as_deref().unwrap(), b.new.as_deref().unwrap());
        let side = |keep: Change| -> String {
            b.words
                .iter()
                .filter(|w| w.change == Change::Same || w.change == keep)
                .map(|w| w.text.as_str())
                .collect()
        };
        // Side by side, each column reads exactly as its version.
        assert_eq!(side(Change::Removed), old, "the old column");
        assert_eq!(side(Change::Added), new, "the new column");
        // No syllable-by-syllable interleaving: what stays between two marked stretches is
        // more than a space, a comma or one syllable.
        for w in b.words.windows(3) {
            let between = &w[1];
            assert!(
                !(w[0].change != Change::Same
                    && between.change == Change::Same
                    && w[2].change != Change::Same
                    && between.text.split_whitespace().count() <= 1),
                "interleaved around {:?} in {:?}",
                between.text,
                b.words
            );
        }
    }
}

#[test]
fn search_finds_the_outline_with_or_without_accents_including_d_with_stroke() {
    let f = common::topic_fixture();
    f.db.import_outline_file(f.topic, &fixture("de-cuong-v1.docx"), "")
        .unwrap();
    let all = SearchFilter::default();
    for query in [
        "sinh hoat chuyen de",
        "dang bo",
        "Đảng bộ",
        "ĐẢNG BỘ VĂN PHÒNG",
        "nêu gương",
    ] {
        let hits = f.db.search(query, &all, 10).unwrap();
        assert_eq!(hits.len(), 1, "“{query}” finds the outline");
        assert_eq!(hits[0].topic_id, Some(f.topic));
        assert!(
            hits[0].snippet.iter().any(|p| p.hit),
            "“{query}”: the snippet marks the words"
        );
    }
    let marked: Vec<String> = f.db.search("dang bo", &all, 1).unwrap()[0]
        .snippet
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.to_lowercase())
        .collect();
    assert!(
        marked.iter().all(|m| m == "đảng" || m == "bộ"),
        "shown with their accents: {marked:?}"
    );
    assert!(f.db.search("khong co tu nay", &all, 10).unwrap().is_empty());
    assert!(
        f.db.search(
            "dang bo",
            &SearchFilter {
                year: Some(2024),
                ..all.clone()
            },
            10
        )
        .unwrap()
        .is_empty(),
        "filtered by year"
    );
    let plan_org = f.db.topic(f.topic).unwrap().organisation_id;
    assert_eq!(
        f.db.search(
            "dang bo",
            &SearchFilter {
                organisation_id: Some(plan_org),
                year: Some(2025)
            },
            10
        )
        .unwrap()
        .len(),
        1
    );
}
