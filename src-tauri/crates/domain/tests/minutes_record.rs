//! The minutes as a record of the library: numbered in the committee's term, edited by the
//! meeting secretary, read-only once signed, corrected by a new revision; with the guests who
//! spoke, the agenda and the vote; and none of the app's own wording in the printed text.
//! Read back as real PDF (pdftotext) and DOCX (its XML text).

mod common;

use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

use chrono::{NaiveDate, NaiveTime};
use chuyende::comment::{CommentDraft, CommentKind, GuestRemarkDraft};
use chuyende::guest::GuestDraft;
use chuyende::minutes::{DocumentFormat, DocumentParagraph, PartyDocument};
use chuyende::session::{OrganisationSettings, Presence, SessionDraft, SessionId, SessionKind};
use chuyende::term::TermDraft;
use chuyende::vote::{ConclusionVote, VoteMethod};
use chuyende::Error;
use common::{meeting, session_draft, Meeting};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where tests leave what a person should look at: `<target>/debug/e2e-screenshots`.
fn shots() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of the PDF of `document`, as pdftotext reads it (and pages 1 and last as PNG).
fn pdf_text(document: &PartyDocument, name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("biên bản.pdf");
    std::fs::write(
        &path,
        chuyende::minutes::render(document, DocumentFormat::Pdf).unwrap(),
    )
    .unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF back");
    assert!(out.status.success());
    let png = shots().join(name);
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "60",
            "-png",
            path.to_str().unwrap(),
            png.to_str().unwrap(),
        ])
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(status.success());
    squash(&String::from_utf8(out.stdout).unwrap())
}

/// The text of the DOCX of `document`: its paragraphs' runs, as Word reads them.
fn docx_text(document: &PartyDocument) -> String {
    let bytes = chuyende::minutes::render(document, DocumentFormat::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    for para in xml.split("</w:p>") {
        for run in para.split("<w:t xml:space=\"preserve\">").skip(1) {
            let t = &run[..run.find("</w:t>").unwrap()];
            text.push_str(
                &t.replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\""),
            );
        }
        text.push(' ');
    }
    squash(&text)
}

fn regular(m: &Meeting, on: NaiveDate) -> SessionId {
    m.db.create_session(&SessionDraft {
        organisation_id: m.cell.id,
        kind: SessionKind::Regular,
        held_on: on,
        starts_at: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        ends_at: Some(NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
        place: "Phòng họp tầng 2".into(),
        chair_id: Some(m.members[0].id),
        secretary_id: Some(m.members[3].id),
        guests: String::new(),
        topic_ids: Vec::new(),
    })
    .unwrap()
    .id
}

fn number(m: &Meeting, s: SessionId) -> String {
    m.db.minutes(s).unwrap().header.number
}

fn with_symbol(m: &Meeting) {
    m.db.set_organisation_settings(
        m.cell.id,
        OrganisationSettings {
            place_name: "Quảng Ninh".into(),
            document_symbol: "CB".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

#[test]
fn minutes_numbers_restart_at_01_in_each_committee_term_and_for_each_kind_of_document() {
    let m = meeting();
    with_symbol(&m);
    let march = regular(&m, date(2025, 3, 10));
    let april = m.db.create_session(&session_draft(&m)).unwrap().id; // 20/04/2025
    let may = regular(&m, date(2025, 5, 20));

    // No term declared: numbered over the calendar year, and the record says so.
    assert_eq!(number(&m, march), "Số 01-BB/CB");
    assert_eq!(number(&m, april), "Số 02-BB/CB");
    assert_eq!(number(&m, may), "Số 03-BB/CB");
    let note = m.db.minutes_record(may).unwrap().numbering_note;
    assert!(
        note.as_deref()
            .is_some_and(|n| n.contains("chưa khai báo nhiệm kỳ")),
        "the secretary is told why the number counts over the year: {note:?}"
    );

    // The đảng bộ's terms number a cell that declared none.
    let parent =
        m.db.organisations(false)
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Đảng bộ Văn phòng UBND tỉnh")
            .unwrap();
    m.db.add_term(
        parent.id,
        &TermDraft {
            starts_on: date(2020, 10, 1),
            ends_on: date(2025, 4, 15),
        },
    )
    .unwrap();
    m.db.add_term(
        parent.id,
        &TermDraft {
            starts_on: date(2025, 4, 16),
            ends_on: date(2030, 10, 31),
        },
    )
    .unwrap();
    assert_eq!(
        number(&m, march),
        "Số 01-BB/CB",
        "the last meeting of a term"
    );
    assert_eq!(
        number(&m, april),
        "Số 01-BB/CB",
        "the first of the next term starts at 01"
    );
    assert_eq!(number(&m, may), "Số 02-BB/CB");
    assert_eq!(m.db.minutes_record(may).unwrap().numbering_note, None);

    // Another kind of document has its own numbers in the same term: the plan approved in May
    // is the term's first plan although two minutes came before it.
    let plan = m.db.plan_board(m.cell.id, 2025).unwrap().plan.unwrap();
    m.db.approve_plan(plan.id, date(2025, 5, 2)).unwrap();
    assert_eq!(
        m.db.plan_document(m.cell.id, 2025).unwrap().header.number,
        "Số 01-KH/CB"
    );

    // A cell's own term wins over its đảng bộ's; terms of one organisation never overlap.
    m.db.add_term(
        m.cell.id,
        &TermDraft {
            starts_on: date(2025, 5, 1),
            ends_on: date(2030, 4, 30),
        },
    )
    .unwrap();
    assert_eq!(number(&m, may), "Số 01-BB/CB");
    let overlap = m.db.add_term(
        m.cell.id,
        &TermDraft {
            starts_on: date(2029, 1, 1),
            ends_on: date(2034, 1, 1),
        },
    );
    assert!(
        matches!(&overlap, Err(Error::Invalid { message, .. }) if message.contains("trùng")),
        "overlapping terms are refused: {overlap:?}"
    );
    let backwards = m.db.add_term(
        m.cell.id,
        &TermDraft {
            starts_on: date(2035, 1, 1),
            ends_on: date(2034, 1, 1),
        },
    );
    assert!(backwards.is_err(), "a term ends after it starts");
    assert_eq!(
        m.db.terms(m.cell.id).unwrap()[0].label,
        "Nhiệm kỳ 2025 - 2030"
    );
}

fn edited_body(m: &Meeting, s: SessionId, text: &str) -> Vec<DocumentParagraph> {
    let mut body = m.db.minutes(s).unwrap().body;
    body[0] = DocumentParagraph::text(text);
    body
}

#[test]
fn the_secretarys_edits_are_kept_by_the_library_and_signed_minutes_refuse_edits() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap().id;
    let edit = "Hồi 14 giờ 05 phút, ngày 20 tháng 4 năm 2025, chi bộ họp (đã sửa).";
    let saved =
        m.db.save_minutes_edits(s, &edited_body(&m, s, edit))
            .unwrap();
    assert!(saved.edited && saved.edit_refused.is_none());
    assert_eq!(
        m.db.minutes(s).unwrap().body[0],
        DocumentParagraph::text(edit)
    );

    // The record changes after the edit: the secretary is told, the edit stays.
    m.db.set_conclusion(s, "Đồng chí Bình hoàn chỉnh chuyên đề.")
        .unwrap();
    let after = m.db.minutes_record(s).unwrap();
    assert!(after.record_changed, "the edit predates the conclusion");
    assert_eq!(after.document.body[0], DocumentParagraph::text(edit));

    let signed = m.db.sign_minutes(s, date(2025, 4, 20)).unwrap();
    assert_eq!(signed.signed.as_ref().unwrap().signed_on, date(2025, 4, 20));
    let reason = signed.edit_refused.clone().unwrap();
    assert!(reason.contains("đã ký"), "the window shows why: {reason}");

    let refused =
        m.db.save_minutes_edits(s, &edited_body(&m, s, "Sửa sau khi ký."));
    match refused {
        Err(e @ Error::MinutesSigned { .. }) => {
            assert!(e.to_string().contains("20/04/2025"), "{e}");
            assert!(e.to_string().contains("bản sửa đổi"), "{e}");
        }
        other => panic!("signed minutes refuse edits: {other:?}"),
    }
    assert!(
        matches!(m.db.reset_minutes(s), Err(Error::MinutesSigned { .. })),
        "nor can they be drawn up again"
    );
    assert!(
        matches!(
            m.db.sign_minutes(s, date(2025, 4, 21)),
            Err(Error::MinutesSigned { .. })
        ),
        "nor signed twice"
    );

    // Signed minutes read as signed whatever the record says later.
    let before = m.db.minutes(s).unwrap();
    m.db.set_conclusion(s, "Kết luận viết lại sau khi ký.")
        .unwrap();
    assert_eq!(m.db.minutes(s).unwrap(), before);

    // The database itself keeps them: no UPDATE or DELETE of a signed row gets through.
    let file = m.db.path().to_path_buf();
    let raw = rusqlite::Connection::open(file).unwrap();
    assert!(raw
        .execute(
            "UPDATE minutes_revision SET body = '[]' WHERE session_id = ?1",
            [s.0]
        )
        .is_err());
    assert!(raw
        .execute("DELETE FROM minutes_revision WHERE session_id = ?1", [s.0])
        .is_err());
}

#[test]
fn a_correction_after_signing_is_a_new_numbered_revision_and_the_signed_one_stays() {
    let m = meeting();
    with_symbol(&m);
    let s = m.db.create_session(&session_draft(&m)).unwrap().id;
    assert!(
        matches!(m.db.correct_minutes(s), Err(Error::Transition { .. })),
        "unsigned minutes are edited directly"
    );
    m.db.save_minutes_edits(s, &edited_body(&m, s, "Bản gốc đã ký."))
        .unwrap();
    let first = m.db.sign_minutes(s, date(2025, 4, 21)).unwrap();
    assert!(first.may_correct);

    let second = m.db.correct_minutes(s).unwrap();
    assert_eq!(second.revision, 2);
    assert!(second.signed.is_none() && second.edit_refused.is_none());
    assert_eq!(
        second.document.body[0],
        DocumentParagraph::text("Bản gốc đã ký."),
        "the correction starts from the signed text"
    );
    m.db.save_minutes_edits(s, &edited_body(&m, s, "Bản đính chính."))
        .unwrap();

    let kept = m.db.minutes_revision(s, 1).unwrap();
    assert_eq!(
        kept.document, first.document,
        "the signed revision stays as it was"
    );
    assert!(!kept.may_correct, "only the latest revision is corrected");
    let latest = m.db.minutes_record(s).unwrap();
    assert_eq!(latest.revision, 2);
    assert_eq!(
        latest.document.body[0],
        DocumentParagraph::text("Bản đính chính.")
    );
    assert_eq!(
        latest.document.header.number, first.document.header.number,
        "a correction keeps the number of the minutes it corrects"
    );
    assert_eq!(
        latest
            .revisions
            .iter()
            .map(|r| (r.revision, r.signed_on))
            .collect::<Vec<_>>(),
        vec![(1, Some(date(2025, 4, 21))), (2, None)]
    );
    m.db.sign_minutes(s, date(2025, 4, 25)).unwrap();
    assert_eq!(m.db.correct_minutes(s).unwrap().revision, 3);
    assert!(matches!(
        m.db.minutes_revision(s, 9),
        Err(Error::NotFound { .. })
    ));
}

/// A session with everything the minutes print: an excused member (reason in sentence case),
/// a guest from the committee above who speaks between two members, a conclusion, a vote.
fn full_session(m: &Meeting) -> SessionId {
    with_symbol(m);
    let s = m.db.create_session(&session_draft(m)).unwrap().id;
    m.db.set_attendance(s, m.members[2].id, Presence::Excused, "Đi công tác")
        .unwrap();
    let guest =
        m.db.add_guest(
            s,
            &GuestDraft {
                full_name: "Vũ Văn Khánh".into(),
                title: "Phó Bí thư Đảng ủy Văn phòng UBND tỉnh".into(),
            },
        )
        .unwrap();
    // Comments made on a section of the outline: the minutes do not name the section.
    let version = m.db.session(s).unwrap().topics[0]
        .outline_version_id
        .unwrap();
    let heading =
        m.db.outline_text(version)
            .unwrap()
            .blocks
            .iter()
            .position(|b| matches!(b.kind, chuyende::outline::blocks::BlockKind::Heading { .. }))
            .map(|i| i as i64);
    assert!(heading.is_some(), "the fixture outline has headings");
    let say = |who: usize, kind, text: &str| {
        m.db.add_comment(
            s,
            &CommentDraft {
                topic_id: None,
                speaker_id: m.members[who].id,
                kind,
                text: text.into(),
                anchor_block: heading,
            },
        )
        .unwrap()
    };
    say(
        1,
        CommentKind::Understanding,
        "Chuyên đề thiết thực với công việc của tôi.",
    );
    let remark =
        m.db.add_guest_remark(
            s,
            &GuestRemarkDraft {
                topic_id: None,
                guest_id: guest.id,
                text: "Đề nghị chi bộ gắn chuyên đề với việc thực hiện Chỉ thị 05.".into(),
            },
        )
        .unwrap();
    assert_eq!(remark.speaker_name, "Vũ Văn Khánh");
    assert_eq!(remark.speaker_id, None);
    say(
        0,
        CommentKind::Measure,
        "Giao chi ủy theo dõi việc thực hiện hằng tháng.",
    );
    m.db.set_conclusion(s, "Chi bộ thống nhất nội dung chuyên đề.")
        .unwrap();
    m.db.set_vote(
        s,
        &ConclusionVote {
            method: VoteMethod::ShowOfHands,
            agreed: 3,
            disagreed: 0,
            abstained: 1,
        },
    )
    .unwrap();
    s
}

#[test]
fn a_guest_who_speaks_is_in_the_minutes_under_name_and_title_in_pdf_and_docx() {
    let m = meeting();
    let s = full_session(&m);
    let doc = m.db.minutes(s).unwrap();
    let said = "Đồng chí Vũ Văn Khánh, Phó Bí thư Đảng ủy Văn phòng UBND tỉnh: Đề nghị chi bộ gắn chuyên đề với việc thực hiện Chỉ thị 05.";
    for (format, text) in [
        ("PDF", pdf_text(&doc, "minutes-record-guest")),
        ("DOCX", docx_text(&doc)),
    ] {
        assert!(
            text.contains(said),
            "the {format} gives the guest's remark under their name and title: {text}"
        );
        let (first, guest, last) = (
            text.find("Đồng chí Trần Văn Bình:").unwrap(),
            text.find(said).unwrap(),
            text.find("Đồng chí Nguyễn Thị Lan: Giao chi ủy").unwrap(),
        );
        assert!(
            first < guest && guest < last,
            "the {format} keeps the order of speaking"
        );
        assert!(
            text.contains(
                "Khách mời: đồng chí Vũ Văn Khánh, Phó Bí thư Đảng ủy Văn phòng UBND tỉnh."
            ),
            "the {format} names the guest among those present"
        );
    }
    let member = m.db.guests(s).unwrap()[0].id;
    assert!(
        m.db.remove_guest(member).is_err(),
        "a guest who spoke stays on the record"
    );
}

#[test]
fn the_minutes_give_the_guests_line_the_agenda_and_the_vote_in_pdf_and_docx() {
    let m = meeting();
    let s = full_session(&m);
    let doc = m.db.minutes(s).unwrap();
    let agenda = "Chương trình buổi sinh hoạt: (1) nêu mục đích, yêu cầu của buổi sinh hoạt; (2) trình bày chuyên đề “Trách nhiệm nêu gương của đảng viên”; (3) thảo luận; (4) kết luận và biểu quyết thông qua kết luận.";
    let vote = "Hội nghị biểu quyết thông qua kết luận bằng hình thức giơ tay: 3 đồng chí tán thành, 0 đồng chí không tán thành, 1 đồng chí không biểu quyết (trên tổng số 4 đồng chí có mặt).";
    for (format, text) in [
        ("PDF", pdf_text(&doc, "minutes-record-vote")),
        ("DOCX", docx_text(&doc)),
    ] {
        assert!(text.contains(agenda), "the {format} has the agenda: {text}");
        assert!(text.contains(vote), "the {format} has the vote: {text}");
    }

    // With no guest the line still stands; with no vote recorded, its result is left to fill in.
    let bare = regular(&m, date(2025, 6, 6));
    let doc = m.db.minutes(bare).unwrap();
    for (format, text) in [
        ("PDF", pdf_text(&doc, "minutes-record-bare")),
        ("DOCX", docx_text(&doc)),
    ] {
        assert!(
            text.contains("Khách mời: không có."),
            "the {format}: {text}"
        );
        assert!(
            text.contains("bằng hình thức giơ tay: … đồng chí tán thành, … đồng chí không tán thành, … đồng chí không biểu quyết."),
            "the {format} leaves the vote to fill in: {text}"
        );
    }
    assert!(
        m.db.set_vote(
            s,
            &ConclusionVote {
                method: VoteMethod::ShowOfHands,
                agreed: 5,
                disagreed: 0,
                abstained: 0,
            },
        )
        .is_err(),
        "more votes than members present is refused"
    );
}

#[test]
fn the_printed_minutes_carry_none_of_the_apps_own_wording() {
    let m = meeting();
    let s = full_session(&m);
    // A deputy secretary keeps the minutes.
    let mut deputy = common::draft(
        &m.cell,
        "Lê Thu Hà",
        chuyende::member::Position::DeputySecretary,
    );
    deputy.standing = chuyende::member::Standing::Full;
    m.db.update_member(m.members[3].id, &deputy).unwrap();
    let doc = m.db.minutes(s).unwrap();
    for (format, text) in [
        ("PDF", pdf_text(&doc, "minutes-record-wording")),
        ("DOCX", docx_text(&doc)),
    ] {
        for wrong in [
            "phiên bản 1",
            "đề cương phiên bản",
            "(nhận thức về chuyên đề",
            "(góp ý hoàn thiện dự thảo",
            "(đề xuất biện pháp",
            ", mục “",
            "(Đi công tác)",
            "Đi công tác",
            "1 đồng chí: đồng chí",
            "Kết luận của đồng chí chủ trì",
        ] {
            assert!(
                !text.contains(wrong),
                "the {format} does not print “{wrong}”: {text}"
            );
        }
        for right in [
            "Thư ký: đồng chí Lê Thu Hà, phó bí thư chi bộ.",
            "Chủ trì: đồng chí Nguyễn Thị Lan, bí thư chi bộ.",
            "Vắng có lý do: 1 đồng chí (Đặng Quang Hải, đi công tác).",
            "Đồng chí Trần Văn Bình: Chuyên đề thiết thực",
            "4. Đồng chí Nguyễn Thị Lan kết luận:",
        ] {
            assert!(
                text.contains(right),
                "the {format} prints “{right}”: {text}"
            );
        }
    }
    // The conclusion is a plain item of the proceedings, not a bold heading.
    assert!(doc.body.iter().all(|p| match p {
        DocumentParagraph::Heading { text } =>
            !text.contains("kết luận") && !text.contains("Kết luận"),
        _ => true,
    }));
}
