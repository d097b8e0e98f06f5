//! The corpus (tests/fixtures/corpus, made by make_corpus.py, see the fixtures' README): one
//! short outline written by LibreOffice (.fodt by hand, .odt, .docx in two filters, Word 97),
//! python-docx and pandoc, and repackaged as other tools do. Every file must import with the
//! text LibreOffice shows: `soffice --headless --convert-to txt` runs here, on the same files,
//! and every word it prints must come out of our reader, in the same order.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chuyende::outline::blocks::{plain_text, Block, BlockKind};
use chuyende::outline::extract::{extract, Format, Limits};
use chuyende::outline::problem::TextStatus;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../../../tests/fixtures/corpus",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    ))
    .join(name)
}

const READ_BY_LIBREOFFICE: [&str; 9] = [
    "features.fodt",
    "lo-writer.odt",
    "lo-word2007.docx",
    "lo-ooxml.docx",
    "moved-main-part.docx",
    "repacked.odt",
    "python-docx.docx",
    "pandoc-docx.docx",
    "pandoc-odt.odt",
];

/// The text LibreOffice shows for each corpus file: one soffice run converts them all.
fn libreoffice_text(name: &str) -> String {
    static CONVERTED: OnceLock<PathBuf> = OnceLock::new();
    let dir = CONVERTED.get_or_init(|| {
        let out = tempfile::tempdir().unwrap().keep();
        let profile = tempfile::tempdir().unwrap().keep();
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--convert-to",
                "txt:Text (encoded):UTF8",
                "--outdir",
            ])
            .arg(&out)
            .args(READ_BY_LIBREOFFICE.map(corpus))
            .output()
            .expect("LibreOffice (soffice) is installed: scripts/setup.sh installs it");
        assert!(status.status.success(), "soffice failed: {status:?}");
        out
    });
    let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
    std::fs::read_to_string(dir.join(format!("{stem}.txt")))
        .unwrap_or_else(|e| panic!("LibreOffice's text of {name}: {e}"))
        .trim_start_matches('\u{feff}')
        .to_string()
}

fn read(name: &str) -> Vec<Block> {
    let bytes = std::fs::read(corpus(name)).unwrap();
    let e = extract(name, &bytes, &Limits::default())
        .unwrap_or_else(|p| panic!("{name} should be read: {p}"));
    assert_eq!(e.status, TextStatus::Read, "{name}");
    e.blocks
}

/// Words, without list bullets (each program draws its own) and with note citations as
/// LibreOffice prints them ("TW[1]" is "TW1").
fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .collect::<String>()
        .replace(['[', ']'], "")
        .replace('|', " ")
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| "•◦▪‣–-*·".contains(c)))
        .map(str::to_string)
        .collect()
}

/// Where LibreOffice's words stop appearing, in order, in ours: None when all of them do.
fn first_missing(theirs: &[String], ours: &[String]) -> Option<usize> {
    let mut at = 0;
    for (i, word) in theirs.iter().enumerate() {
        match ours[at..].iter().position(|w| w == word) {
            Some(p) => at += p + 1,
            None => return Some(i),
        }
    }
    None
}

/// What LibreOffice prints that the importer leaves out on purpose: a tracked deletion not yet
/// accepted (LibreOffice shows it struck through; we read the changes as accepted).
const DELETED: &str = "và dự toán kinh phí";

#[test]
fn every_producer_s_outline_imports_with_the_text_libreoffice_shows() {
    let mut failures = Vec::new();
    for name in READ_BY_LIBREOFFICE {
        let theirs = words(&libreoffice_text(name).replace(DELETED, ""));
        let blocks = read(name);
        let ours = words(&plain_text(&blocks));
        if let Some(i) = first_missing(&theirs, &ours) {
            failures.push(format!(
                "{name}: LibreOffice shows “{}” (after “{}”), not found in order in:\n{}",
                theirs[i],
                theirs[i.saturating_sub(4)..i].join(" "),
                plain_text(&blocks)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn odt_spans_references_fields_sections_and_frames_all_give_their_text() {
    for name in [
        "features.fodt",
        "lo-writer.odt",
        "repacked.odt",
        "lo-word2007.docx",
    ] {
        let text = plain_text(&read(name));
        for expected in [
            "Here comes inlined code text and an another one.",
            "Như đã nêu tại mục I. MỤC ĐÍCH, YÊU CẦU, mỗi đảng viên tự giác nêu gương.",
            "Đơn vị: Chi bộ Công báo - Nhà khách; người soạn: Nguyễn Thị Lan;",
            "Bảng 1: kết quả nêu gương năm 2024.",
            "Đoạn văn nằm trong một vùng (section) của văn bản.",
            "Chữ trong khung văn bản",
            "Xem thêm Báo điện tử Đảng Cộng sản Việt Nam.",
        ] {
            assert!(text.contains(expected), "{name}: “{expected}” in\n{text}");
        }
    }
}

#[test]
fn tracked_changes_read_as_accepted_and_comments_are_not_text() {
    for name in [
        "features.fodt",
        "lo-writer.odt",
        "lo-word2007.docx",
        "lo-ooxml.docx",
        "moved-main-part.docx",
        "repacked.odt",
    ] {
        let text = plain_text(&read(name));
        assert!(
            text.contains("Chi bộ đã thống nhất kế hoạch sinh hoạt chuyên đề."),
            "{name}: the insertion is in, the deletion out:\n{text}"
        );
        assert!(!text.contains("dự toán"), "{name}: deleted text is out");
        assert!(
            !text.contains("Góp ý riêng"),
            "{name}: a comment is not text"
        );
        assert!(!text.contains("Trần Văn Bình"), "{name}: nor its author");
    }
}

#[test]
fn a_docx_whose_main_part_lives_elsewhere_reads_as_the_original() {
    assert_eq!(read("moved-main-part.docx"), read("lo-word2007.docx"));
}

#[test]
fn an_odt_whose_mimetype_entry_is_deflated_and_last_is_still_an_odt() {
    assert_eq!(read("repacked.odt"), read("lo-writer.odt"));
}

#[test]
fn word_97_files_are_kept_without_their_text() {
    let bytes = std::fs::read(corpus("lo-word97.doc")).unwrap();
    let e = extract("lo-word97.doc", &bytes, &Limits::default()).unwrap();
    assert_eq!((e.format, e.status), (Format::Doc, TextStatus::LegacyDoc));
}

#[test]
fn markdown_is_read_by_a_real_parser_with_the_words_libreoffice_shows_for_pandoc_s_copy() {
    let blocks = read("features.md");
    let theirs = words(&libreoffice_text("pandoc-odt.odt"));
    let ours = words(&plain_text(&blocks));
    assert_eq!(
        first_missing(&theirs, &ours),
        None,
        "{theirs:?}\nin\n{ours:?}"
    );
    let find = |text: &str| {
        blocks
            .iter()
            .find(|b| b.text == text)
            .unwrap_or_else(|| panic!("“{text}” in {blocks:#?}"))
    };
    assert_eq!(
        find("I. MỤC ĐÍCH, YÊU CẦU").kind,
        BlockKind::Heading { level: 1 }
    );
    assert_eq!(
        find("Here comes inlined code text and an another one.").kind,
        BlockKind::Paragraph,
        "code spans give their text, without backticks"
    );
    find("Mỗi đảng viên tự giác nêu gương, gương mẫu trong công tác[1].");
    assert_eq!(
        find("1. Nêu gương về phẩm chất chính trị").kind,
        BlockKind::ListItem { level: 1 }
    );
    assert_eq!(
        find("Kiên định lập trường").kind,
        BlockKind::ListItem { level: 2 },
        "a nested list is one level deeper"
    );
    find("2. Nêu gương trong thực hiện nhiệm vụ");
    find("Xem Báo điện tử Đảng Cộng sản Việt Nam.");
    assert_eq!(find("Nội dung | Kết quả").kind, BlockKind::TableRow);
    assert_eq!(find("mã nguồn trong khối").kind, BlockKind::Paragraph);
    assert_eq!(
        find("[1] Kết luận số 01-KL/TW ngày 18 tháng 5 năm 2021.").kind,
        BlockKind::Footnote
    );
}
