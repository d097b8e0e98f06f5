//! Documents a clerk can sign and file as they are (issue 11), checked on the PDF and on the
//! DOCX as LibreOffice prints it: who heads and signs them, names that never break inside a
//! word, page numbers, Nơi nhận, the members exempt and attached, the file's properties.

mod common;

use chrono::NaiveDate;
use chuyende::comment::{CommentDraft, CommentKind};
use chuyende::member::{Position, Standing};
use chuyende::member_period::{MemberPeriodDraft, PeriodKind};
use chuyende::minutes::PartyDocument;
use chuyende::organisation::Organisation;
use chuyende::session::{Presence, SessionId};
use chuyende::Database;
use common::printed::{self, both, docx_part, find, must_find, squash, tool, words, Word};
use common::{meeting, session_draft, Meeting};

fn text_of(pdf: &std::path::Path) -> String {
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

/// The demo's đảng bộ and its first cell, with this year's plans.
fn demo() -> (tempfile::TempDir, Database, Organisation, Organisation) {
    let (dir, db) = common::fresh();
    chuyende::demo::fill(&db).unwrap();
    let orgs = db.organisations(false).unwrap();
    let find = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().clone();
    let committee = find("Đảng bộ Văn phòng UBND tỉnh");
    let cell = find("Chi bộ Công báo - Nhà khách");
    (dir, db, committee, cell)
}

fn this_year() -> i32 {
    chrono::Datelike::year(&chrono::Local::now())
}

/// A session of the meeting's cell with `comments` comments, place and symbol set.
fn held(m: &Meeting, comments: usize) -> SessionId {
    let mut settings = m.db.organisation_settings(m.cell.id).unwrap();
    settings.place_name = "Quảng Ninh".into();
    settings.document_symbol = "CB".into();
    m.db.set_organisation_settings(m.cell.id, settings).unwrap();
    let s = m.db.create_session(&session_draft(m)).unwrap();
    for n in 0..comments {
        m.db.add_comment(
            s.id,
            &CommentDraft {
                topic_id: None,
                speaker_id: m.members[n % 2].id,
                kind: CommentKind::Contribution,
                text: format!("Ý kiến thứ {}: đề nghị làm rõ trách nhiệm nêu gương của đảng viên trong từng nhiệm vụ cụ thể của cơ quan, gắn với kế hoạch rèn luyện cá nhân.", n + 1),
                anchor_block: None,
            },
        )
        .unwrap();
    }
    s.id
}

/// The words of `phrase` appear in this order in `text` (reading order, whitespace collapsed).
fn in_order(text: &str, phrases: &[&str]) -> bool {
    let mut at = 0;
    phrases.iter().all(|p| match text[at..].find(&squash(p)) {
        Some(i) => {
            at += i + squash(p).len();
            true
        }
        None => false,
    })
}

#[test]
fn a_dang_bos_plan_is_issued_by_its_committee_under_the_parent_dang_bo_and_names_its_signer() {
    let (_dir, db, committee, cell) = demo();
    let tmp = tempfile::tempdir().unwrap();

    let plan = db.plan_document(committee.id, this_year()).unwrap();
    assert_eq!(plan.header.parent, "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH");
    assert_eq!(plan.header.issuer, "ĐẢNG ỦY VĂN PHÒNG UBND TỈNH");
    let (pdf, _, printed) = both(&plan, tmp.path(), "ke-hoach-dang-bo");
    printed::first_page_png(&pdf, "documents-plan-dang-bo-pdf");
    printed::first_page_png(&printed, "documents-plan-dang-bo-docx");
    for file in [&pdf, &printed] {
        let text = text_of(file);
        assert!(
            in_order(
                &text,
                &[
                    "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH",
                    "ĐẢNG ỦY VĂN PHÒNG UBND TỈNH",
                    "*"
                ]
            ),
            "the parent đảng bộ heads the đảng ủy that issues the plan: {text}"
        );
        assert!(
            in_order(&text, &["T/M ĐẢNG ỦY", "BÍ THƯ", "Hoàng Thị Thu Hương"]),
            "the signer's name is printed under “T/M ĐẢNG ỦY / BÍ THƯ”: {text}"
        );
        let w = words(file);
        let last = printed::pages(file);
        let title = must_find(&w, last, "BÍ THƯ");
        let name = must_find(&w, last, "Hoàng Thị Thu Hương");
        assert!(
            name.y0 > title.y1 + 15.0 && (name.centre_x() - title.centre_x()).abs() < 4.0,
            "the name stands under the title with room to sign: {title:?} {name:?}"
        );
    }

    // A cell's plan: its đảng bộ over CHI BỘ …, signed by its secretary.
    let plan = db.plan_document(cell.id, this_year()).unwrap();
    assert_eq!(plan.header.parent, "ĐẢNG BỘ VĂN PHÒNG UBND TỈNH");
    assert_eq!(plan.header.issuer, "CHI BỘ CÔNG BÁO - NHÀ KHÁCH");
    let secretary = db
        .members(Some(cell.id), false)
        .unwrap()
        .into_iter()
        .find(|m| m.position == Position::Secretary)
        .unwrap();
    assert_eq!(plan.signatures[0].role, "T/M CHI BỘ\nBÍ THƯ");
    assert_eq!(plan.signatures[0].name, secretary.full_name);

    // The organisation corrects what the library derives; emptied, the default comes back.
    // (The approved plan stays as approved: next year's draft shows the correction.)
    let next = this_year() + 1;
    db.create_plan(committee.id, next).unwrap();
    let mut settings = db.organisation_settings(committee.id).unwrap();
    assert_eq!(settings.defaults.header_parent, "ĐẢNG BỘ CÁC CƠ QUAN TỈNH");
    assert_eq!(
        settings.defaults.header_issuer,
        "ĐẢNG ỦY VĂN PHÒNG UBND TỈNH"
    );
    settings.header_issuer = "Đảng ủy Văn phòng Ủy ban nhân dân tỉnh".into();
    settings.signer_name = "Lê Văn Tâm".into();
    db.set_organisation_settings(committee.id, settings)
        .unwrap();
    let plan = db.plan_document(committee.id, next).unwrap();
    assert_eq!(plan.header.issuer, "ĐẢNG ỦY VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH");
    assert_eq!(plan.signatures[0].name, "Lê Văn Tâm");
    let mut settings = db.organisation_settings(committee.id).unwrap();
    settings.header_parent = String::new();
    db.set_organisation_settings(committee.id, settings)
        .unwrap();
    assert_eq!(
        db.plan_document(committee.id, next).unwrap().header.parent,
        "ĐẢNG BỘ CÁC CƠ QUAN TỈNH"
    );
}

/// Every word of the header's left column lies left of the Party's heading: the names were
/// broken into lines the column holds.
fn left_column_words<'a>(w: &'a [Word], heading: &Word) -> Vec<&'a Word> {
    w.iter()
        .filter(|x| x.page == 1 && x.y1 < heading.y0 + 30.0 && x.x1 <= heading.x0)
        .collect()
}

#[test]
fn header_names_break_only_between_words_in_the_pdf_and_the_docx() {
    let m = meeting();
    let session = held(&m, 2);
    let minutes = m.db.minutes(session).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, _, printed) = both(&minutes, tmp.path(), "bien-ban");
    printed::first_page_png(&pdf, "documents-minutes-pdf");
    printed::first_page_png(&printed, "documents-minutes-docx");
    for file in [&pdf, &printed] {
        let w = words(file);
        let heading = must_find(&w, 1, "ĐẢNG CỘNG SẢN VIỆT NAM");
        // "Nhà khách", "văn phòng": two syllables, one word; the break is after the dash.
        let first = must_find(&w, 1, "CHI BỘ CÔNG BÁO -");
        let second = must_find(&w, 1, "NHÀ KHÁCH");
        assert!(
            second.y0 > first.y0 + 3.0,
            "NHÀ KHÁCH on the next line: {first:?} {second:?}"
        );
        must_find(&w, 1, "ĐẢNG BỘ VĂN PHÒNG");
        let left = left_column_words(&w, &heading);
        for name in [
            "ĐẢNG", "BỘ", "VĂN", "PHÒNG", "UBND", "TỈNH", "CHI", "NHÀ", "KHÁCH",
        ] {
            assert!(
                left.iter().any(|x| x.text == name),
                "“{name}” stands in the left column of {}",
                file.display()
            );
        }
        let date = must_find(&w, 1, "Quảng Ninh, ngày 20 tháng 4 năm 2025");
        assert!(
            date.y0 > heading.y1 && date.x0 > first.x1,
            "the place and date stand under the Party's heading, right of the issuer"
        );
    }
}

#[test]
fn pages_are_numbered_from_the_second_arabic_and_centred_at_the_top() {
    let m = meeting();
    let session = held(&m, 40);
    let minutes = m.db.minutes(session).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, docx, printed) = both(&minutes, tmp.path(), "bien-ban-dai");
    // The text area's centre: left margin 30 mm, right 15 mm of an A4 page.
    let centre = 30.0 + (210.0 - 30.0 - 15.0) / 2.0;
    for file in [&pdf, &printed] {
        let pages = printed::pages(file);
        assert!(pages >= 3, "40 comments fill several pages");
        let w = words(file);
        let in_top_margin = |page: usize| -> Vec<&Word> {
            w.iter().filter(|x| x.page == page && x.y1 < 20.0).collect()
        };
        assert!(
            in_top_margin(1).is_empty(),
            "page 1 carries no number: {:?}",
            in_top_margin(1)
        );
        for page in 2..=pages {
            let top = in_top_margin(page);
            assert_eq!(
                top.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
                [page.to_string()],
                "page {page} of {} is numbered at the top",
                file.display()
            );
            assert!(
                (top[0].centre_x() - centre).abs() < 3.0,
                "the number is centred: {:?}",
                top[0]
            );
        }
    }
    let header = docx_part(&docx, "word/header1.xml");
    assert!(header.contains(" PAGE "), "a PAGE field: {header}");
    assert!(docx_part(&docx, "word/document.xml").contains("<w:titlePg/>"));
}

#[test]
fn noi_nhan_stands_left_level_with_the_signature_and_follows_the_settings() {
    let (_dir, db, _, cell) = demo();
    let tmp = tempfile::tempdir().unwrap();
    let plan = db.plan_document(cell.id, this_year()).unwrap();
    assert_eq!(
        plan.recipients,
        [
            "Đảng ủy Văn phòng UBND tỉnh (b/c)",
            "Đảng viên trong chi bộ",
            "Lưu chi bộ"
        ]
    );
    let (pdf, _, printed) = both(&plan, tmp.path(), "ke-hoach-chi-bo");
    printed::first_page_png(&pdf, "documents-plan-chi-bo-pdf");
    printed::first_page_png(&printed, "documents-plan-chi-bo-docx");
    for file in [&pdf, &printed] {
        let w = words(file);
        let last = printed::pages(file);
        let label = must_find(&w, last, "Nơi nhận:");
        let on_behalf = must_find(&w, last, "T/M CHI BỘ");
        assert!(label.x1 < 105.0, "Nơi nhận on the left: {label:?}");
        assert!(
            on_behalf.x0 > 105.0,
            "the signature on the right: {on_behalf:?}"
        );
        assert!(
            (label.y0 - on_behalf.y0).abs() < 3.0,
            "level with each other: {label:?} {on_behalf:?}"
        );
        let text = text_of(file);
        assert!(
            in_order(
                &text,
                &[
                    "- Đảng ủy Văn phòng UBND tỉnh (b/c),",
                    "- Đảng viên trong chi bộ,",
                    "- Lưu chi bộ."
                ]
            ),
            "{text}"
        );
    }

    let mut settings = db.organisation_settings(cell.id).unwrap();
    settings.plan_recipients = "- Ban Tổ chức Đảng ủy (b/c);\nLưu chi bộ".into();
    db.set_organisation_settings(cell.id, settings).unwrap();
    db.create_plan(cell.id, this_year() + 1).unwrap();
    let plan = db.plan_document(cell.id, this_year() + 1).unwrap();
    assert_eq!(plan.recipients, ["Ban Tổ chức Đảng ủy (b/c)", "Lưu chi bộ"]);
    assert_eq!(
        db.plan_document(cell.id, this_year()).unwrap().recipients.len(),
        3,
        "the approved plan keeps the recipients it was approved with"
    );

    // The minutes: two signatures side by side, Nơi nhận under them on the left.
    let m = meeting();
    let session = held(&m, 1);
    let minutes = m.db.minutes(session).unwrap();
    assert_eq!(
        minutes.recipients,
        ["Đảng ủy Văn phòng UBND tỉnh (b/c)", "Lưu chi bộ"]
    );
    let (pdf, _, printed) = both(&minutes, tmp.path(), "bien-ban-noi-nhan");
    for file in [&pdf, &printed] {
        let w = words(file);
        let last = printed::pages(file);
        let label = must_find(&w, last, "Nơi nhận:");
        let chair = must_find(&w, last, "Nguyễn Thị Lan");
        let signatures: Vec<&Word> = w
            .iter()
            .filter(|x| x.page == last && x.text == "Lan")
            .collect();
        assert!(
            label.x1 < 105.0 && label.y0 > chair.y1,
            "{label:?} {signatures:?}"
        );
    }
}

#[test]
fn the_minutes_count_members_exempt_from_meetings_and_temporarily_attached() {
    let m = meeting();
    let exempt =
        m.db.create_member(&common::draft(&m.cell, "Bùi Văn Long", Position::Member))
            .unwrap();
    m.db.add_member_period(
        exempt.id,
        &MemberPeriodDraft {
            kind: PeriodKind::Exempt,
            from: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            to: None,
            note: "Tuổi cao, sức yếu".into(),
        },
    )
    .unwrap();
    let mut attached_draft = common::draft(&m.cell, "Đỗ Thanh Mai", Position::Member);
    attached_draft.standing = Standing::Full;
    let attached = m.db.create_member(&attached_draft).unwrap();
    m.db.add_member_period(
        attached.id,
        &MemberPeriodDraft {
            kind: PeriodKind::Attached,
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            to: Some(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()),
            note: "Biệt phái từ Sở Nội vụ".into(),
        },
    )
    .unwrap();
    let session = held(&m, 1);
    m.db.set_attendance(session, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    let minutes = m.db.minutes(session).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, _, printed) = both(&minutes, tmp.path(), "bien-ban-thanh-phan");
    for file in [&pdf, &printed] {
        let text = text_of(file);
        for line in [
            "Tổng số đảng viên của chi bộ: 7 đồng chí (chính thức: 5; dự bị: 1; sinh hoạt tạm: 1).",
            "Đảng viên được miễn sinh hoạt: 1 đồng chí (Bùi Văn Long).",
            "Đảng viên được triệu tập: 6 đồng chí.",
            "Có mặt: 5 đồng chí (chính thức: 3; dự bị: 1; sinh hoạt tạm: 1).",
            "Vắng có lý do: 1 đồng chí (Đặng Quang Hải, đi công tác).",
        ] {
            assert!(text.contains(&squash(line)), "the minutes say “{line}”: {text}");
        }
        assert!(
            !text.contains("Vắng không lý do: 1 đồng chí (Bùi Văn Long)"),
            "an exempt member who did not come was not called, so not absent"
        );
    }
}

#[test]
fn the_pdf_and_the_docx_say_their_title_author_and_subject_and_poppler_reads_them_cleanly() {
    let m = meeting();
    let session = held(&m, 1);
    let minutes: PartyDocument = m.db.minutes(session).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, docx, _) = both(&minutes, tmp.path(), "bien-ban-thong-tin");
    let out = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        field("Title"),
        "Biên bản sinh hoạt chuyên đề quý II năm 2025"
    );
    assert_eq!(field("Author"), "CHI BỘ CÔNG BÁO - NHÀ KHÁCH");
    assert_eq!(
        field("Subject"),
        "Biên bản sinh hoạt chuyên đề quý II năm 2025 — Số 01-BB/CB"
    );
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let stderr = stderr + &String::from_utf8_lossy(&text.stderr);
    assert!(
        !stderr.contains("Suspects object is wrong type"),
        "poppler reads the PDF without warnings: {stderr}"
    );
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>Biên bản sinh hoạt chuyên đề quý II năm 2025</dc:title>")
            && core.contains("<dc:creator>CHI BỘ CÔNG BÁO - NHÀ KHÁCH</dc:creator>"),
        "{core}"
    );
    assert!(find(&words(&pdf), 1, "BIÊN BẢN").is_some());
}

#[test]
fn a_document_with_an_empty_mandatory_part_is_neither_printed_nor_exported_and_says_which() {
    let (_dir, db) = common::fresh();
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &committee, "Chi bộ Tổng hợp");
    for org in [&committee, &cell] {
        db.create_plan(org.id, 2026).unwrap();
    }
    // The đảng bộ has no secretary of its own: the signer is missing too.
    let refused = db.plan_to_issue(committee.id, 2026).unwrap_err();
    assert_eq!(refused.code(), chuyende::error::ErrorCode::Incomplete);
    assert_eq!(
        refused.field(),
        Some(chuyende::Field::DocumentSymbol),
        "the first setting to fill"
    );
    let message = refused.to_string();
    for part in ["ký hiệu", "địa danh", "họ tên người ký", "Cài đặt"] {
        assert!(
            message.contains(part),
            "the refusal names “{part}”: {message}"
        );
    }
    let document = db.plan_document(committee.id, 2026).unwrap();
    let fields: Vec<_> = chuyende::minutes::missing::missing_parts(&document)
        .into_iter()
        .map(|m| m.field)
        .collect();
    assert_eq!(
        fields,
        [
            chuyende::Field::DocumentSymbol,
            chuyende::Field::PlaceName,
            chuyende::Field::SignerName
        ]
    );

    // Filled in the settings, the same plan is issued, with its place and symbol.
    for org in [&committee, &cell] {
        let mut settings = db.organisation_settings(org.id).unwrap();
        settings.place_name = "Quảng Ninh".into();
        settings.document_symbol = "ĐU".into();
        settings.signer_name = "Hoàng Thị Thu Hương".into();
        db.set_organisation_settings(org.id, settings).unwrap();
    }
    let plan = db.plan_to_issue(committee.id, 2026).unwrap();
    assert!(plan.header.place_and_date.starts_with("Quảng Ninh, ngày"));
    assert!(plan.header.number.ends_with("/ĐU"));

    // The minutes: the record says what is missing before anyone tries; signed minutes are
    // issued as they were signed, whatever the settings say now.
    let m = meeting();
    let session = m.db.create_session(&session_draft(&m)).unwrap().id;
    let record = m.db.minutes_record(session).unwrap();
    assert_eq!(
        record.missing.iter().map(|p| p.field).collect::<Vec<_>>(),
        [chuyende::Field::DocumentSymbol, chuyende::Field::PlaceName]
    );
    assert_eq!(record.organisation_id, m.cell.id);
    assert!(m.db.minutes_to_issue(session, None).is_err());
}

#[test]
fn an_approved_plan_prints_as_approved_and_a_later_amendment_prints_apart_with_its_reasons() {
    use chuyende::plan::Quarter;
    use chuyende::topic::TopicDraft;
    let (_dir, db) = common::fresh();
    let committee = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &committee, "Chi bộ Tổng hợp");
    let lan = db
        .create_member(&common::draft(&cell, "Nguyễn Thị Lan", Position::Secretary))
        .unwrap();
    let binh = common::member(&db, &cell, "Trần Văn Bình");
    let mut settings = db.organisation_settings(cell.id).unwrap();
    settings.place_name = "Quảng Ninh".into();
    settings.document_symbol = "TH".into();
    db.set_organisation_settings(cell.id, settings).unwrap();
    let plan = db.create_plan(cell.id, 2026).unwrap();
    let groups = db.topic_groups(cell.id).unwrap();
    let titles = [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Nâng cao chất lượng công tác tham mưu, tổng hợp",
        "Đẩy mạnh chuyển đổi số tại cơ quan",
        "Thực hành tiết kiệm, chống lãng phí",
    ];
    let topics: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            db.create_topic(
                plan.id,
                &TopicDraft {
                    title: (*title).into(),
                    group_id: groups[i % groups.len()].id,
                    quarter: Quarter::new(i as u8 + 1).unwrap(),
                    planned_on: None,
                    suggestions: String::new(),
                    notes: String::new(),
                    assignee_ids: vec![if i % 2 == 0 { lan.id } else { binh.id }],
                },
            )
            .unwrap()
        })
        .collect();
    db.approve_plan(plan.id, NaiveDate::from_ymd_opt(2026, 1, 15).unwrap())
        .unwrap();
    let approved = db.plan_document(cell.id, 2026).unwrap();

    db.cancel_topic(topics[1].id, "Nội dung đã được sinh hoạt chung toàn đảng bộ")
        .unwrap();
    db.postpone_topic(
        topics[2].id,
        Quarter::new(4).unwrap(),
        "Chờ Đề án chuyển đổi số của tỉnh ban hành",
    )
    .unwrap();

    let later = db.plan_document(cell.id, 2026).unwrap();
    assert_eq!(later, approved, "the approved plan prints as it was approved");
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, _, printed) = both(&later, tmp.path(), "ke-hoach-da-duyet");
    printed::first_page_png(&pdf, "documents-plan-approved-pdf");
    for file in [&pdf, &printed] {
        let text = text_of(file);
        assert!(
            text.contains("ngày 15 tháng 01 năm 2026") && text.contains(&squash("Số 01-KH/TH")),
            "dated and numbered as approved: {text}"
        );
        for title in titles {
            for word in title.split_whitespace() {
                assert!(text.contains(&squash(word)), "the approved plan still lists “{title}”");
            }
        }
        assert!(text.contains("Quý II"), "quý II kept as approved: {text}");
    }

    let on = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let amendment = db.plan_amendment_document(cell.id, 2026, on).unwrap();
    assert_eq!(
        amendment.subject,
        "điều chỉnh kế hoạch sinh hoạt chuyên đề năm 2026"
    );
    let (pdf, _, printed) = both(&amendment, tmp.path(), "ke-hoach-dieu-chinh");
    printed::first_page_png(&pdf, "documents-plan-amendment-pdf");
    printed::first_page_png(&printed, "documents-plan-amendment-docx");
    for file in [&pdf, &printed] {
        let text = text_of(file);
        for expected in [
            "điều chỉnh kế hoạch sinh hoạt chuyên đề năm 2026",
            "Quảng Ninh, ngày 01 tháng 7 năm 2026",
            "Căn cứ Kế hoạch số 01-KH/TH ngày 15/01/2026",
            "Hủy",
            "Hoãn sang Quý IV",
            "T/M CHI BỘ",
            "Nguyễn Thị Lan",
        ] {
            assert!(text.contains(&squash(expected)), "the amendment says “{expected}”: {text}");
        }
        for reason in [
            "Nội dung đã được sinh hoạt chung toàn đảng bộ",
            "Chờ Đề án chuyển đổi số của tỉnh ban hành",
        ] {
            for word in reason.split_whitespace() {
                assert!(text.contains(&squash(word)), "the reason “{reason}” is given: {text}");
            }
        }
        assert!(
            !text.contains("Thực hành tiết kiệm"),
            "an unchanged topic is not repeated in the amendment"
        );
    }
}

/// Where the blocks a clerk checks stand on a page, in the PDF and in LibreOffice's print of
/// the DOCX: within `tolerance` millimetres of each other, and the same number of pages.
fn same_layout(pdf: &std::path::Path, printed: &std::path::Path, blocks: &[(usize, &str)], tolerance: f32) {
    let (a, b) = (words(pdf), words(printed));
    let report: Vec<String> = blocks
        .iter()
        .map(|(page, phrase)| {
            let (x, y) = (must_find(&a, *page, phrase), must_find(&b, *page, phrase));
            format!(
                "{phrase}: PDF ({:.1}, {:.1}) DOCX ({:.1}, {:.1}) Δ ({:.1}, {:.1})",
                x.x0,
                x.y0,
                y.x0,
                y.y0,
                y.x0 - x.x0,
                y.y0 - x.y0
            )
        })
        .collect();
    eprintln!("{}", report.join("\n"));
    for (page, phrase) in blocks {
        let (x, y) = (must_find(&a, *page, phrase), must_find(&b, *page, phrase));
        assert!(
            (x.x0 - y.x0).abs() <= tolerance && (x.y0 - y.y0).abs() <= tolerance,
            "“{phrase}” stands within {tolerance} mm in both:\n{}",
            report.join("\n")
        );
    }
    assert_eq!(
        printed::pages(pdf),
        printed::pages(printed),
        "the DOCX breaks into as many pages as the PDF"
    );
}

#[test]
fn the_docx_prints_like_the_pdf_header_title_date_and_signatures_within_a_few_millimetres() {
    let m = meeting();
    let session = held(&m, 6);
    let minutes = m.db.minutes(session).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, _, printed) = both(&minutes, tmp.path(), "bien-ban-so-sanh");
    let last = printed::pages(&pdf);
    same_layout(
        &pdf,
        &printed,
        &[
            (1, "ĐẢNG CỘNG SẢN VIỆT NAM"),
            (1, "CHI BỘ CÔNG BÁO -"),
            (1, "Số 01-BB/CB"),
            (1, "Quảng Ninh, ngày 20 tháng 4 năm 2025"),
            (1, "BIÊN BẢN"),
            (1, "I. THÀNH PHẦN"),
            (last, "THƯ KÝ"),
            (last, "CHỦ TRÌ"),
            (last, "Nơi nhận:"),
        ],
        4.0,
    );

    // The plan: its table, one signer on the right, Nơi nhận on the left.
    let (_dir, db, _, cell) = demo();
    let plan = db.plan_document(cell.id, this_year()).unwrap();
    let (pdf, _, printed) = both(&plan, tmp.path(), "ke-hoach-so-sanh");
    let last = printed::pages(&pdf);
    same_layout(
        &pdf,
        &printed,
        &[
            (1, "ĐẢNG CỘNG SẢN VIỆT NAM"),
            (1, "KẾ HOẠCH"),
            // (Not the body's headings: a justified line that typst fits by narrowing its
            // spaces can wrap in LibreOffice, which only widens them, and what follows on that
            // page stands one line lower; the pages still break alike.)
            (last, "T/M CHI BỘ"),
            (last, "Nơi nhận:"),
        ],
        4.0,
    );
}

#[test]
fn the_plan_has_the_structure_of_a_plan_submitted_upward_with_the_organisations_wording() {
    let (_dir, db, _, cell) = demo();
    let next = this_year() + 1;
    db.create_plan(cell.id, next).unwrap();
    let plan = db.plan_document(cell.id, this_year()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (pdf, _, printed) = both(&plan, tmp.path(), "ke-hoach-cau-truc");
    for file in [&pdf, &printed] {
        let text = text_of(file);
        assert!(
            in_order(
                &text,
                &[
                    "Căn cứ Hướng dẫn số 12-HD/BTCTW",
                    "Căn cứ hướng dẫn, chỉ đạo của Đảng bộ Văn phòng UBND tỉnh",
                    "I. MỤC ĐÍCH, YÊU CẦU",
                    "1. Mục đích:",
                    "2. Yêu cầu:",
                    "II. NỘI DUNG, THỜI GIAN, PHÂN CÔNG",
                    "III. TỔ CHỨC THỰC HIỆN",
                    "1. Thời hạn chuẩn bị: dự thảo đề cương gửi bí thư chi bộ chậm nhất 7 ngày",
                    "được chi ủy hoặc bí thư chi bộ thông qua và gửi đến đảng viên ít nhất 01 ngày trước buổi sinh hoạt",
                    "- Quý I:",
                    "gửi dự thảo trước ngày",
                    "2. Các đồng chí được phân công",
                    "báo cáo cấp ủy cấp trên",
                    // Nơi nhận reads first: the left column of the closing block.
                    "Nơi nhận:",
                    "T/M CHI BỘ",
                ]
            ),
            "the plan reads as one submitted upward: {text}"
        );
    }
    let mut settings = db.organisation_settings(cell.id).unwrap();
    settings.plan_basis = "Căn cứ Kế hoạch số 15-KH/ĐU ngày 10/01/2027 của Đảng ủy Văn phòng UBND tỉnh;".into();
    settings.plan_implementation = "1. Chi ủy phân công đồng chí phó bí thư theo dõi.\n2. Báo cáo kết quả về Đảng ủy trước ngày 15/12.".into();
    db.set_organisation_settings(cell.id, settings).unwrap();
    let text = db.plan_document(cell.id, next).unwrap().texts().join(" ");
    assert!(text.contains("Căn cứ Kế hoạch số 15-KH/ĐU ngày 10/01/2027"));
    assert!(!text.contains("12-HD/BTCTW"), "the organisation's wording replaces the default");
    assert!(text.contains("1. Chi ủy phân công") && text.contains("2. Báo cáo kết quả về Đảng ủy"));
}

#[test]
fn the_demo_is_plausible_no_topic_twice_a_year_groups_that_match_and_meetings_that_do_not_clash() {
    let (_dir, db, committee, cell) = demo();
    let orgs = db.organisations(false).unwrap();
    assert!(orgs.iter().any(|o| o.id == committee.id));
    for org in &orgs {
        for year in this_year() - 3..=this_year() {
            let topics = db.plan_board(org.id, year).unwrap().topics;
            let mut titles: Vec<&str> = topics.iter().map(|t| t.title.as_str()).collect();
            titles.sort();
            let before = titles.len();
            titles.dedup();
            assert_eq!(before, titles.len(), "no topic twice in {} {year}", org.name);
            for t in &topics {
                let expected = if t.title.contains("Hồ Chí Minh") || t.title.contains("nêu gương") {
                    "Học tập và làm theo tư tưởng"
                } else if t.title.contains("sinh hoạt chi bộ") {
                    "Đổi mới, nâng cao chất lượng sinh hoạt chi bộ"
                } else if t.title.contains("kết nạp đảng viên") {
                    "Đào tạo, bồi dưỡng"
                } else {
                    continue;
                };
                assert!(
                    t.group_name.starts_with(expected),
                    "“{}” belongs to “{expected}…”, not “{}”",
                    t.title,
                    t.group_name
                );
            }
        }
    }
    // Meetings of the same day never share their hours in the same room.
    let sessions: Vec<_> = db
        .sessions(cell.id, this_year(), None, "", 1)
        .unwrap()
        .sessions
        .into_iter()
        .map(|s| db.session(s.id).unwrap())
        .collect();
    assert!(sessions.len() >= 2, "the demo holds a thematic and a regular meeting");
    for a in &sessions {
        for b in sessions.iter().filter(|b| b.id != a.id) {
            let overlap = a.held_on == b.held_on
                && a.place == b.place
                && a.starts_at < b.ends_at.unwrap()
                && b.starts_at < a.ends_at.unwrap();
            assert!(!overlap, "two meetings at the same hours in the same room");
        }
    }
}
