//! A year's archive (issue 16): one PDF of an organisation's year for the paper file, whose
//! pages are its parts' pages and its contents', and whose bookmarks name each part.

mod common;

use chrono::Datelike;
use chuyende::archive::{self, CONTENTS_TITLE};
use chuyende::minutes::{render, DocumentFormat};
use chuyende::organisation::Organisation;
use chuyende::Database;
use common::printed::{pages, squash, tool};

fn demo_cell() -> (tempfile::TempDir, Database, Organisation) {
    let (dir, db) = common::fresh();
    chuyende::demo::fill(&db).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Chi bộ Công báo - Nhà khách")
        .unwrap();
    (dir, db, cell)
}

fn last_year() -> i32 {
    chrono::Local::now().year() - 1
}

/// The PDF's outline as (level, title, page), in order, walked as a viewer walks it.
fn bookmarks(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    use lopdf::{Document, Object, ObjectId};
    fn text(o: &Object) -> String {
        let bytes = o.as_str().expect("a title string");
        match bytes {
            [0xFE, 0xFF, rest @ ..] => String::from_utf16(
                &rest
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            _ => String::from_utf8(bytes.to_vec()).unwrap(),
        }
    }
    fn walk(
        doc: &Document,
        pages: &std::collections::HashMap<ObjectId, usize>,
        mut next: Option<ObjectId>,
        level: usize,
        out: &mut Vec<(usize, String, usize)>,
    ) {
        let reference =
            |d: &lopdf::Dictionary, key: &[u8]| d.get(key).ok().and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let action = doc.get_dictionary(reference(item, b"A").unwrap()).unwrap();
            let page = action.get(b"D").unwrap().as_array().unwrap()[0]
                .as_reference()
                .unwrap();
            out.push((level, text(item.get(b"Title").unwrap()), pages[&page]));
            walk(doc, pages, reference(item, b"First"), level + 1, out);
            next = reference(item, b"Next");
        }
    }
    let doc = Document::load_mem(pdf).unwrap();
    let pages = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let outlines = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .and_then(Object::as_reference)
        .expect("the archive has bookmarks");
    let first = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(Object::as_reference)
        .ok();
    let mut out = Vec::new();
    walk(&doc, &pages, first, 1, &mut out);
    out
}

#[test]
fn the_archive_holds_the_plan_then_each_topics_approved_outline_and_minutes_in_the_plans_order() {
    let (_dir, db, cell) = demo_cell();
    let book = db.archive_book(cell.id, last_year()).unwrap();
    assert_eq!(
        book.parts[0].title,
        format!("Kế hoạch sinh hoạt chuyên đề năm {}", last_year())
    );
    assert_eq!(book.parts[0].document.title, "KẾ HOẠCH");
    let kinds: Vec<&str> = book.parts[1..]
        .iter()
        .map(|p| p.document.title.as_str())
        .collect();
    assert!(kinds.contains(&"ĐỀ CƯƠNG CHUYÊN ĐỀ"), "{kinds:?}");
    assert!(kinds.contains(&"BIÊN BẢN"), "{kinds:?}");
    // Topics in the plan's order: quarters never go back.
    let quarters: Vec<&str> = book.parts[1..]
        .iter()
        .map(|p| p.topic.as_deref().unwrap().split(':').next().unwrap())
        .collect();
    let order = ["Quý I", "Quý II", "Quý III", "Quý IV"];
    let ranks: Vec<usize> = quarters
        .iter()
        .map(|q| order.iter().position(|o| o == q).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{quarters:?}");
    // Each approved topic's outline comes before its minutes.
    for w in book.parts.windows(2) {
        if w[0].topic == w[1].topic && w[1].document.title == "ĐỀ CƯƠNG CHUYÊN ĐỀ" {
            assert_ne!(
                w[0].document.title, "BIÊN BẢN",
                "outline first, then minutes"
            );
        }
    }
}

#[test]
fn the_archives_pages_are_its_parts_pages_and_its_contents_and_its_bookmarks_name_each_part() {
    let (_dir, db, cell) = demo_cell();
    let year = last_year();
    let book = db.archive_book(cell.id, year).unwrap();
    let mut steps = Vec::new();
    let built = archive::render(&book, |done, total| steps.push((done, total))).unwrap();
    assert_eq!(
        steps.last(),
        Some(&(book.parts.len() + 1, book.parts.len() + 1)),
        "the progress reaches the whole"
    );
    assert!(
        steps.windows(2).all(|w| w[0].0 <= w[1].0),
        "the progress only grows"
    );

    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("ho-so-luu-tru.pdf");
    std::fs::write(&file, &built.pdf).unwrap();
    common::printed::first_page_png(&file, "archive-contents");

    // Each part rendered alone, as the app issues it, counted by poppler.
    let mut sum = 0;
    for (n, part) in book.parts.iter().enumerate() {
        let alone = out.path().join(format!("part-{n}.pdf"));
        std::fs::write(&alone, render(&part.document, DocumentFormat::Pdf).unwrap()).unwrap();
        let count = pages(&alone);
        assert_eq!(built.parts[n].pages, count, "{}", part.title);
        sum += count;
    }
    assert!(built.contents_pages >= 1);
    assert_eq!(
        pages(&file),
        sum + built.contents_pages,
        "the archive is its parts and its contents, page for page"
    );

    // The bookmarks, read back: the contents, the plan, each topic, each part under it.
    let marks = bookmarks(&built.pdf);
    let marks: Vec<(usize, &str, usize)> =
        marks.iter().map(|(l, t, p)| (*l, t.as_str(), *p)).collect();
    assert_eq!(marks[0], (1, CONTENTS_TITLE, 1));
    assert_eq!(
        marks.iter().filter(|m| m.0 == 2).count(),
        built.parts.len() - 1,
        "one bookmark under its topic for each part but the plan: {marks:?}"
    );
    for part in &built.parts {
        let level = if part.topic.is_some() { 2 } else { 1 };
        assert!(
            marks.contains(&(level, part.title.as_str(), part.first_page)),
            "a bookmark “{}” at page {}: {marks:?}",
            part.title,
            part.first_page
        );
        if let Some(topic) = &part.topic {
            assert!(
                marks
                    .iter()
                    .any(|(l, t, _)| *l == 1 && *t == topic.as_str()),
                "a bookmark for the topic “{topic}”"
            );
        }
    }

    // Every sheet carries its number in the file at the bottom right, the number the contents
    // give, apart from each document's own page numbers at the top.
    let words = common::printed::words(&file);
    let total = pages(&file);
    for sheet in 1..=total {
        let number = sheet.to_string();
        assert!(
            words.iter().any(|w| w.page == sheet
                && w.text == number
                && w.y0 > 270.0
                && w.x1 > 180.0
                && w.x1 < 197.0),
            "sheet {sheet} is numbered at its bottom right"
        );
    }

    // The contents page lists each part with the page it starts on, and each part's first page
    // is where the contents say.
    let contents = squash(&tool(
        "pdftotext",
        &[
            "-f",
            "1",
            "-l",
            &built.contents_pages.to_string(),
            file.to_str().unwrap(),
            "-",
        ],
    ));
    assert!(
        contents.contains("MỤC LỤC") && contents.contains("HỒ SƠ LƯU TRỮ"),
        "{contents}"
    );
    for part in &built.parts {
        let first = part.first_page.to_string();
        let page = squash(&tool(
            "pdftotext",
            &["-f", &first, "-l", &first, file.to_str().unwrap(), "-"],
        ));
        let kind = if part.title.starts_with("Biên bản") {
            "BIÊN BẢN"
        } else if part.title.starts_with("Kế hoạch") {
            "KẾ HOẠCH"
        } else {
            "ĐỀ CƯƠNG CHUYÊN ĐỀ"
        };
        assert!(
            page.contains(kind),
            "page {first} begins “{}”: {page:.300}",
            part.title
        );
    }
}

#[test]
fn an_organisation_without_a_plan_that_year_has_no_archive_to_make() {
    let (_dir, db, cell) = demo_cell();
    let refused = db.archive_book(cell.id, 1999).unwrap_err();
    assert!(
        refused.to_string().contains("chưa có kế hoạch năm 1999"),
        "{refused}"
    );
}

#[test]
fn the_archive_files_the_signed_minutes_not_a_correction_still_unsigned() {
    let m = common::meeting();
    let session = m.db.create_session(&common::session_draft(&m)).unwrap();
    let signed_on = chrono::NaiveDate::from_ymd_opt(2025, 4, 21).unwrap();
    let signed = m.db.sign_minutes(session.id, signed_on).unwrap();
    // A correction begun after signing, edited, not yet signed.
    let mut correction = m.db.correct_minutes(session.id).unwrap();
    correction
        .document
        .body
        .push(chuyende::minutes::DocumentParagraph::text(
            "Đính chính chưa ký.",
        ));
    m.db.save_minutes_edits(session.id, &correction.document.body)
        .unwrap();

    let book = m.db.archive_book(m.cell.id, 2025).unwrap();
    let minutes: Vec<_> = book
        .parts
        .iter()
        .filter(|p| p.document.title == "BIÊN BẢN")
        .collect();
    assert_eq!(minutes.len(), 1, "the session's minutes are filed once");
    assert_eq!(
        minutes[0].document, signed.document,
        "the file keeps the minutes as they were signed"
    );
    assert_eq!(
        minutes[0].title,
        "Biên bản sinh hoạt chuyên đề ngày 20/04/2025"
    );
}
