//! The minutes as PDF, read back with poppler: every field of the session with its exact
//! diacritics, fonts embedded, A4 pages, long minutes broken cleanly.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::minutes::{PageMargins, PartyDocument};
use chuyende::session::{OrganisationSettings, Presence};
use common::printed::{shots, squash, tool};
use common::{meeting, session_draft, Meeting};

/// Page 1 of `pdf` as `<name>-1.png` beside the screenshots, for a person to look at.
fn first_page_png(pdf: &str, name: &str) {
    tool(
        "pdftoppm",
        &["-r", "70", "-png", "-f", "1", "-l", "1", pdf, name],
    );
}

/// A held session: five members (one excused, one absent), comments, a conclusion.
fn held(m: &Meeting, comments: usize) -> chuyende::session::SessionId {
    m.db.set_organisation_settings(
        m.cell.id,
        OrganisationSettings {
            place_name: "Quảng Ninh".into(),
            document_symbol: "CB".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut draft = session_draft(m);
    draft.guests = "Đồng chí Vũ Văn Khánh, Phó Bí thư Đảng ủy Văn phòng".into();
    let s = m.db.create_session(&draft).unwrap();
    m.db.set_attendance(s.id, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    m.db.set_attendance(s.id, m.members[4].id, Presence::Unexcused, "")
        .unwrap();
    let speakers = [0, 1, 3];
    let kinds = [
        CommentKind::Understanding,
        CommentKind::Contribution,
        CommentKind::Measure,
    ];
    for n in 0..comments {
        m.db.add_comment(s.id, &CommentDraft {
            topic_id: None,
            speaker_id: m.members[speakers[n % 3]].id,
            kind: kinds[n % 3],
            text: format!("Ý kiến thứ {}: đề nghị làm rõ trách nhiệm nêu gương của đảng viên trong từng nhiệm vụ cụ thể của cơ quan, gắn với kế hoạch rèn luyện cá nhân.", n + 1),
            anchor_block: None,
        })
        .unwrap();
    }
    m.db.set_conclusion(s.id, "Đồng chí Bình tiếp thu đầy đủ các ý kiến, hoàn chỉnh chuyên đề trình chi ủy trước ngày 30.").unwrap();
    s.id
}

fn render(
    m: &Meeting,
    session: chuyende::session::SessionId,
    dir: &Path,
) -> (PartyDocument, PathBuf) {
    let minutes = m.db.minutes(session).unwrap();
    let pdf = chuyende::minutes::pdf::render(&minutes, PageMargins::default()).unwrap();
    let path = dir.join("biên bản.pdf");
    std::fs::write(&path, pdf).unwrap();
    (minutes, path)
}

#[test]
fn the_pdf_has_every_field_of_the_session_with_exact_diacritics_embedded_fonts_and_a4_pages() {
    let m = meeting();
    let session = held(&m, 6);
    let dir = tempfile::tempdir().unwrap();
    let (minutes, pdf) = render(&m, session, dir.path());
    let pdf = pdf.to_str().unwrap();

    // Reading order (not -layout): a name wrapped inside the header's left column reads whole.
    let text = squash(&tool("pdftotext", &[pdf, "-"]));
    for piece in minutes.texts() {
        assert!(text.contains(&squash(piece)), "the PDF shows “{piece}”");
    }
    for field in [
        "ĐẢNG BỘ VĂN PHÒNG UBND TỈNH",
        "CHI BỘ CÔNG BÁO - NHÀ KHÁCH",
        "Số 01-BB/CB",
        "Quảng Ninh, ngày 20 tháng 4 năm 2025",
        "Hồi 14 giờ 00 phút",
        "Phòng họp tầng 2",
        "Chủ trì: đồng chí Nguyễn Thị Lan",
        "Thư ký: đồng chí Lê Thu Hà",
        "Tổng số đảng viên của chi bộ: 5 đồng chí (chính thức: 4; dự bị: 1; sinh hoạt tạm: 0)",
        "Có mặt: 3 đồng chí",
        "Vắng có lý do: 1 đồng chí (Đặng Quang Hải, đi công tác)",
        "Vắng không lý do: 1 đồng chí (Phạm Minh Tuấn)",
        "Khách mời: Đồng chí Vũ Văn Khánh",
        "sinh hoạt chuyên đề quý II năm 2025",
        "Trách nhiệm nêu gương của đảng viên",
        "Đồng chí Trần Văn Bình",
        "Đồng chí Nguyễn Thị Lan kết luận:",
        "kết thúc hồi 16 giờ 00 phút",
    ] {
        assert!(
            text.contains(&squash(field)),
            "the minutes record “{field}”"
        );
    }

    let fonts = tool("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "regular, bold and italic faces: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "every font is embedded: {row}");
    }
    let info = tool("pdfinfo", &[pdf]);
    assert!(
        info.contains("595.") && info.contains("841.") && info.contains("(A4)"),
        "A4 pages: {info}"
    );

    let png = shots().join("minutes-pdf");
    first_page_png(pdf, png.to_str().unwrap());
}

#[test]
fn forty_comments_break_across_pages_with_no_orphaned_heading_and_the_signatures_together() {
    let m = meeting();
    let session = held(&m, 40);
    let dir = tempfile::tempdir().unwrap();
    let (minutes, pdf) = render(&m, session, dir.path());
    let pdf = pdf.to_str().unwrap();
    let pages: usize = tool("pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "40 comments take several pages: {pages}");

    let page_text = |n: usize| {
        squash(&tool(
            "pdftotext",
            &[
                "-layout",
                "-f",
                &n.to_string(),
                "-l",
                &n.to_string(),
                pdf,
                "-",
            ],
        ))
    };
    for n in 1..=pages {
        let text = page_text(n);
        // A heading never ends a page: what follows it is on the same page.
        for heading in ["I. THÀNH PHẦN", "II. NỘI DUNG"] {
            if let Some(at) = text.find(heading) {
                assert!(
                    text.len() - at > heading.len() + 40,
                    "page {n} ends right after the heading “{heading}”"
                );
            }
        }
    }
    // The signature block stands whole on one page: role and name together.
    let last = page_text(pages);
    for s in &minutes.signatures {
        assert!(
            last.contains(&s.role) && last.contains(&s.name),
            "“{}” and “{}” are on the last page together",
            s.role,
            s.name
        );
    }
    assert!(
        !page_text(pages - 1).contains("THƯ KÝ"),
        "the signature block is not split across pages"
    );
    let png = shots().join("minutes-pdf-long");
    tool(
        "pdftoppm",
        &["-r", "50", "-png", pdf, png.to_str().unwrap()],
    );
}

#[test]
fn the_docx_of_a_session_opens_in_libreoffice_with_the_same_content_as_the_pdf() {
    let m = meeting();
    let session = held(&m, 6);
    let dir = tempfile::tempdir().unwrap();
    let minutes = m.db.minutes(session).unwrap();
    let docx = dir.path().join("bien-ban.docx");
    std::fs::write(
        &docx,
        chuyende::minutes::docx::write(&minutes, PageMargins::default()),
    )
    .unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("lo-profile").display()
    );
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", dir.path().to_str().unwrap(), docx.to_str().unwrap()])
        .output()
        .expect("LibreOffice (soffice) is needed to check the DOCX: apt-get install libreoffice-writer-nogui");
    assert!(
        out.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_docx = squash(&tool(
        "pdftotext",
        &[dir.path().join("bien-ban.pdf").to_str().unwrap(), "-"],
    ));
    let (_, pdf) = render(&m, session, dir.path());
    let from_pdf = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for piece in minutes.texts() {
        let piece = squash(piece);
        assert!(from_docx.contains(&piece), "the DOCX shows “{piece}”");
        assert!(from_pdf.contains(&piece), "the PDF shows “{piece}”");
    }
}

#[test]
fn the_yearly_plan_prints_as_a_party_document_with_its_topics_in_pdf_and_docx() {
    let (_dir, db) = common::fresh();
    chuyende::demo::fill(&db).unwrap();
    let cell = db
        .organisations(false)
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Chi bộ Công báo - Nhà khách")
        .unwrap();
    let year = chrono::Datelike::year(&chrono::Local::now());
    let doc = db.plan_document(cell.id, year).unwrap();
    assert_eq!(doc.title, "KẾ HOẠCH");
    let topics = db.plan_board(cell.id, year).unwrap().topics;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("ke-hoach.pdf");
    std::fs::write(
        &pdf,
        chuyende::minutes::pdf::render(&doc, PageMargins::default()).unwrap(),
    )
    .unwrap();
    first_page_png(
        pdf.to_str().unwrap(),
        shots().join("plan-pdf").to_str().unwrap(),
    );
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    // Table cells wrap inside their column, so pdftotext interleaves the lines of one row's
    // cells: check each cell word by word, everything else whole.
    let cells: Vec<&str> = doc
        .body
        .iter()
        .flat_map(|p| match p {
            chuyende::minutes::DocumentParagraph::Table { columns, rows } => columns
                .iter()
                .chain(rows.iter().flatten())
                .map(String::as_str)
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect();
    for piece in doc.texts() {
        if cells.contains(&piece) {
            for word in piece.split_whitespace() {
                assert!(
                    text.contains(word),
                    "the plan's PDF shows “{word}” of “{piece}”"
                );
            }
        } else {
            assert!(
                text.contains(&squash(piece)),
                "the plan's PDF shows “{piece}”"
            );
        }
    }
    assert!(!topics.is_empty());
    assert!(text.contains("T/M CHI BỘ"), "signed on behalf of the cell");

    let docx = chuyende::minutes::docx::write(&doc, PageMargins::default());
    let xml = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut s = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        xml.contains("KẾ HOẠCH") && xml.contains("<w:tblHeader/>"),
        "the DOCX has the plan's ruled table"
    );
    assert!(
        chuyende::Database::plan_document(&db, cell.id, 1999).is_err(),
        "no plan, no document"
    );
}

#[test]
fn the_preview_pages_are_the_pdfs_pages_as_svg_on_a4() {
    let m = meeting();
    let session = held(&m, 40);
    let minutes = m.db.minutes(session).unwrap();
    let pages = chuyende::minutes::pdf::render_pages_svg(&minutes, PageMargins::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (_, pdf) = render(&m, session, dir.path());
    let pdf_pages: usize = tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pages.len(), pdf_pages, "the preview has the PDF's pages");
    for svg in &pages {
        let head = &svg[..svg.find('>').unwrap()];
        assert!(
            head.contains("595.") && head.contains("841."),
            "an A4 page: {head}"
        );
        assert!(!svg.contains("<script"), "an image, nothing that runs");
    }
}
