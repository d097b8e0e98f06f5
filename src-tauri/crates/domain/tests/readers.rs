//! Hostile and broken documents against the readers: each is refused with a Vietnamese message,
//! within the reader process's time and memory limits, nothing is written, and the caller (the
//! window, the CLI, here the test) goes on. Files are built here, byte by byte, so each test
//! shows what the attack is (the self-drawing PDF, shared with the E2E test, is a fixture made
//! by `tests/fixtures/make_fixtures.py`).

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use chuyende::outline::blocks::BlockKind;
use chuyende::outline::extract::{extract, Limits};
use chuyende::outline::isolation::Drill;
use chuyende::outline::problem::DocumentProblem;
use chuyende::{Database, Error};

/// Versions, search entries and history rows: what an import writes.
fn written(db: &Database) -> (i64, i64, i64) {
    db.read(|c| {
        let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok((
            n("SELECT count(*) FROM outline_version")?,
            n("SELECT count(*) FROM search_index")?,
            chuyende::audit::count(c)?,
        ))
    })
    .unwrap()
}

/// A .docx package of the given parts, with its content types and relationships.
fn docx(document: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    let mut part_rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    if numbering.is_some() {
        types.push_str(r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#);
        part_rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#);
    }
    types.push_str("</Types>");
    part_rels.push_str("</Relationships>");
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut parts = vec![
        ("[Content_Types].xml", types.as_str()),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", part_rels.as_str()),
        ("word/document.xml", document),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n));
    }
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn numbered_paragraphs(count: usize, text: &str) -> String {
    let item = format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{}</w:body></w:document>"#,
        item.repeat(count)
    )
}

/// List numbering whose level text repeats "%1" `repeat` times, from `start` in roman numerals.
fn numbering_rule(start: &str, repeat: usize) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        "%1.".repeat(repeat)
    )
}

#[test]
fn a_pdf_form_that_draws_itself_ends_its_reader_and_the_caller_goes_on() {
    let f = common::topic_fixture();
    let before = written(&f.db);
    let err =
        f.db.import_outline(
            f.topic,
            "tu-ve-chinh-minh.pdf",
            &std::fs::read(common::fixture("self-drawing.pdf")).unwrap(),
            "",
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::Document(DocumentProblem::ReaderStopped { .. })),
        "the reader's crash is a refusal of the file: {err:?}"
    );
    assert!(
        err.to_string().contains("“tu-ve-chinh-minh.pdf”")
            && err.to_string().contains("dừng bất thường"),
        "{err}"
    );
    assert_eq!(written(&f.db), before, "nothing was written");
    // The caller is still here and imports the next file.
    let v =
        f.db.import_outline_file(f.topic, &common::fixture("de-cuong-v1.docx"), "")
            .unwrap();
    assert_eq!(v.number, 1);
}

#[test]
fn a_numbering_bomb_docx_is_refused_while_it_is_read_within_a_small_memory_budget() {
    // A few KB that describe 200,000 items, each labelled with a level text of 5,000 "%1."
    // in roman numerals from a start number near the counter's end: built whole, the labels
    // would be gigabytes.
    let bomb = docx(
        &numbered_paragraphs(200_000, ""),
        Some(&numbering_rule("4294967290", 5_000)),
    );
    assert!(bomb.len() < 200_000, "a small file: {} bytes", bomb.len());
    let limits = Limits {
        memory_bytes: 160 << 20,
        timeout: Duration::from_secs(60),
        ..Limits::default()
    };
    let err = extract("bom-danh-so.docx", &bomb, &limits).unwrap_err();
    assert!(
        matches!(err, DocumentProblem::ProducesTooMuch { .. }),
        "refused by the output bound, not by time or memory: {err:?}"
    );
    assert!(err.to_string().contains("quá nhiều nội dung"), "{err}");

    let f = common::topic_fixture();
    let before = written(&f.db);
    let err =
        f.db.import_outline(f.topic, "bom-danh-so.docx", &bomb, "")
            .unwrap_err();
    assert_eq!(err.code(), chuyende::ErrorCode::Document, "{err:?}");
    assert_eq!(written(&f.db), before, "nothing was written");
}

#[test]
fn list_labels_stay_short_and_counters_stop_at_their_end_instead_of_overflowing() {
    let small = docx(
        &numbered_paragraphs(12, "Nêu gương"),
        Some(&numbering_rule("4294967290", 10_000)),
    );
    let e = extract("nhan-dai.docx", &small, &Limits::default()).unwrap();
    let items: Vec<&str> = e
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(items.len(), 12, "{items:?}");
    for item in &items {
        assert!(
            item.chars().count() <= 64 + 1 + "Nêu gương".chars().count(),
            "a label of at most 64 characters: {item}"
        );
        assert!(item.ends_with("Nêu gương"), "{item}");
    }
    assert!(
        items[11].starts_with("4294967295."),
        "past 3999 the number is written in digits, and it stops at the counter's end: {}",
        items[11]
    );
    // Roman numerals where they are real.
    let roman = docx(
        &numbered_paragraphs(2, "Mục"),
        Some(&numbering_rule("3", 1)),
    );
    let e = extract("la-ma.docx", &roman, &Limits::default()).unwrap();
    assert_eq!(e.blocks[0].text, "III. Mục");
    assert_eq!(e.blocks[1].text, "IV. Mục");
}

#[test]
fn a_reader_that_never_ends_is_stopped_at_its_time_limit() {
    let limits = Limits {
        timeout: Duration::from_secs(2),
        drill: Some(Drill::Hang),
        ..Limits::default()
    };
    let started = Instant::now();
    let err = extract("treo.txt", "I. MỤC ĐÍCH\n".as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(err, DocumentProblem::TimedOut { seconds: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("mất quá 2 giây"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "the caller is not held long past the limit: {:?}",
        started.elapsed()
    );

    let f = common::topic_fixture();
    let before = written(&f.db);
    let err =
        f.db.import_outline_with(f.topic, "treo.txt", "I. MỤC ĐÍCH\n".as_bytes(), "", &limits)
            .unwrap_err();
    assert!(matches!(
        err,
        Error::Document(DocumentProblem::TimedOut { .. })
    ));
    assert_eq!(written(&f.db), before, "nothing was written");
}

#[test]
fn a_reader_that_allocates_without_end_is_stopped_at_its_memory_budget() {
    let limits = Limits {
        memory_bytes: 200 << 20,
        drill: Some(Drill::Hog),
        ..Limits::default()
    };
    let err = extract("an-bo-nho.txt", "I. MỤC ĐÍCH\n".as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(
            err,
            DocumentProblem::NeedsTooMuchMemory { limit_mb: 200, .. }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("cần quá 200 MB bộ nhớ"), "{err}");

    let f = common::topic_fixture();
    let before = written(&f.db);
    let err =
        f.db.import_outline_with(
            f.topic,
            "an-bo-nho.txt",
            "I. MỤC ĐÍCH\n".as_bytes(),
            "",
            &limits,
        )
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Document(DocumentProblem::NeedsTooMuchMemory { .. })
    ));
    assert_eq!(written(&f.db), before, "nothing was written");
}

#[test]
fn a_reader_whose_stack_overflows_is_a_refusal_not_a_crash() {
    let limits = Limits {
        drill: Some(Drill::Overflow),
        ..Limits::default()
    };
    let err = extract("tran-ngan-xep.txt", "I. MỤC ĐÍCH\n".as_bytes(), &limits).unwrap_err();
    assert!(
        matches!(err, DocumentProblem::ReaderStopped { .. }),
        "{err:?}"
    );
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_not_devices_nor_fifos() {
    let f = common::topic_fixture();
    let before = written(&f.db);
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("de-cuong.txt");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let link = dir.path().join("so-khong.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();

    for path in [std::path::PathBuf::from("/dev/zero"), fifo, link] {
        // On a thread, so that a read that never ends fails the test instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        let db_dir = f.dir.path().to_path_buf();
        let topic = f.topic;
        let p = path.clone();
        std::thread::spawn(move || {
            let db = Database::open_in(&db_dir).unwrap();
            let _ = tx.send(db.import_outline_file(topic, &p, ""));
        });
        let result = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("{} was read without end", path.display()));
        let err = result.unwrap_err();
        assert!(
            matches!(err, Error::Document(DocumentProblem::NotAFile { .. })),
            "{}: {err:?}",
            path.display()
        );
        assert!(err
            .to_string()
            .contains("không phải là một tệp thông thường"));
    }
    assert_eq!(written(&f.db), before, "nothing was written");
}

#[test]
fn file_names_are_stored_without_paths_control_characters_or_direction_overrides() {
    let f = common::topic_fixture();
    let v =
        f.db.import_outline(
            f.topic,
            "..\\..\\Startup\\đề cương\u{1b}[2J\u{202E}txt.exe.md",
            "# I. MỤC ĐÍCH\n\nNội dung.\n".as_bytes(),
            "",
        )
        .unwrap();
    assert_eq!(v.file_name, "đề cương[2Jtxt.exe.md");
    assert_eq!(
        f.db.outline_versions(f.topic).unwrap()[0].file_name,
        v.file_name
    );
    for c in v.file_name.chars() {
        assert!(
            !c.is_control() && c != '/' && c != '\\' && c != '\u{202E}',
            "{c:?}"
        );
    }
}

#[test]
fn docx_parts_that_declare_entities_are_refused_not_imported_without_text() {
    let xxe = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let f = common::topic_fixture();
    let before = written(&f.db);
    for (name, xml) in [("xxe.docx", xxe), ("billion-laughs.docx", laughs)] {
        let err =
            f.db.import_outline(f.topic, name, &docx(&xml, None), "")
                .unwrap_err();
        assert!(
            matches!(err, Error::Document(DocumentProblem::Hostile { .. })),
            "{name}: {err:?}"
        );
        assert!(err.to_string().contains("có thể là tệp độc hại"), "{err}");
    }
    assert_eq!(written(&f.db), before, "nothing was written");
}

#[test]
fn an_outline_with_no_text_at_all_is_not_a_readable_outline() {
    let blank = format!(
        r#"<?xml version="1.0"?><w:document {W}><w:body><w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p></w:body></w:document>"#
    );
    let f = common::topic_fixture();
    let before = written(&f.db);
    for (name, bytes) in [
        ("trang.docx", docx(&blank, None)),
        ("trang.txt", b"   \n\n  \n".to_vec()),
    ] {
        let err = f.db.import_outline(f.topic, name, &bytes, "").unwrap_err();
        assert!(
            matches!(err, Error::Document(DocumentProblem::NoText { .. })),
            "{name}: {err:?}"
        );
    }
    assert_eq!(written(&f.db), before);
}
