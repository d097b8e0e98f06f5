//! The meeting secretary corrects what she took down (who spoke, the kind, the section, the
//! words) or withdraws it, until the minutes are signed; nothing is deleted and every
//! correction is in the topic's trail.

mod common;

use chrono::NaiveDate;
use chuyende::comment::{Comment, CommentCorrection, CommentKind, Speaker};
use chuyende::minutes::DocumentParagraph;
use chuyende::session::{Presence, SessionId};
use chuyende::topic_state::TopicState;
use chuyende::{Error, Field};

use common::{meeting, say, session_draft, Meeting};

/// The minutes' lines of what was said ("- Đồng chí …: …").
fn spoken_in_minutes(m: &Meeting, s: SessionId) -> Vec<String> {
    m.db.minutes(s)
        .unwrap()
        .body
        .into_iter()
        .filter_map(|p| match p {
            DocumentParagraph::Item { text } if text.starts_with("- Đồng chí") => Some(text),
            _ => None,
        })
        .collect()
}

fn as_said(c: &Comment) -> CommentCorrection {
    CommentCorrection {
        speaker: Speaker::Member(c.speaker_id.unwrap()),
        kind: c.kind,
        anchor_block: c.anchor.as_ref().map(|a| a.block),
        text: c.text.clone(),
    }
}

#[test]
fn a_comment_taken_under_the_wrong_speaker_is_corrected_and_the_minutes_follow() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let wrong = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Bổ sung số liệu năm 2024.",
    );
    assert_eq!(
        spoken_in_minutes(&m, s.id),
        ["- Đồng chí Đặng Quang Hải: Bổ sung số liệu năm 2024."]
    );

    let v1 = s.topics[0].outline_version_id.unwrap();
    let section =
        m.db.outline_text(v1)
            .unwrap()
            .blocks
            .iter()
            .position(|b| b.text.starts_with("2. Thực trạng"))
            .unwrap() as i64;
    let corrected =
        m.db.correct_comment(
            wrong.id,
            &CommentCorrection {
                speaker: Speaker::Member(m.members[3].id),
                kind: CommentKind::Measure,
                anchor_block: Some(section),
                text: "Bổ sung số liệu năm 2024 và 2025.".into(),
            },
        )
        .unwrap();
    assert_eq!(
        corrected.id, wrong.id,
        "the same comment, in its place in the order of speaking"
    );
    assert_eq!(corrected.speaker_name, "Lê Thu Hà");
    assert_eq!(corrected.kind, CommentKind::Measure);
    assert!(corrected
        .anchor
        .unwrap()
        .heading
        .starts_with("2. Thực trạng"));
    assert_eq!(
        spoken_in_minutes(&m, s.id),
        ["- Đồng chí Lê Thu Hà: Bổ sung số liệu năm 2024 và 2025."],
        "the minutes attribute the words to who said them"
    );

    let trail = m.db.topic_history(m.topic).unwrap();
    let kept = trail
        .iter()
        .find(|e| e.action == "Sửa ý kiến")
        .expect("the correction is in the topic's trail");
    assert!(
        kept.from.as_deref().unwrap().contains("Đặng Quang Hải")
            && kept
                .from
                .as_deref()
                .unwrap()
                .contains("Bổ sung số liệu năm 2024."),
        "the trail keeps what was taken down first: {kept:?}"
    );
    assert!(kept.to.as_deref().unwrap().contains("Lê Thu Hà"));

    // Saving it again as it is changes nothing and adds nothing to the trail.
    m.db.correct_comment(wrong.id, &as_said(&m.db.session_comments(s.id).unwrap()[0]))
        .unwrap();
    let again = m.db.topic_history(m.topic).unwrap();
    assert_eq!(again.len(), trail.len());
}

#[test]
fn a_correction_names_a_member_present_and_keeps_words() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    m.db.set_attendance(s.id, m.members[4].id, Presence::Unexcused, "")
        .unwrap();
    let c = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Nêu rõ trách nhiệm.",
    );
    let absent = m.db.correct_comment(
        c.id,
        &CommentCorrection {
            speaker: Speaker::Member(m.members[4].id),
            ..as_said(&c)
        },
    );
    assert_eq!(absent.unwrap_err().field(), Some(Field::SpeakerId));
    let empty = m.db.correct_comment(
        c.id,
        &CommentCorrection {
            text: "  ".into(),
            ..as_said(&c)
        },
    );
    assert_eq!(empty.unwrap_err().field(), Some(Field::Text));
    assert_eq!(m.db.session_comments(s.id).unwrap(), vec![c]);
}

#[test]
fn a_withdrawn_comment_is_kept_marked_but_left_out_of_the_minutes_and_of_the_answers_due() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let kept = say(
        &m,
        s.id,
        2,
        CommentKind::Understanding,
        "Chuyên đề thiết thực.",
    );
    let twice = say(&m, s.id, 3, CommentKind::Contribution, "Ghi trùng.");
    assert_eq!(m.db.revision_status(m.topic).unwrap().open, 1);

    let refused = m.db.withdraw_comment(twice.id, " ");
    assert_eq!(refused.unwrap_err().field(), Some(Field::Reason));
    let withdrawn =
        m.db.withdraw_comment(twice.id, "Ghi trùng ý kiến trước")
            .unwrap();
    let mark = withdrawn.withdrawn.as_ref().expect("marked withdrawn");
    assert_eq!(mark.reason, "Ghi trùng ý kiến trước");

    let all = m.db.session_comments(s.id).unwrap();
    assert_eq!(all.len(), 2, "nothing is deleted");
    assert_eq!(
        spoken_in_minutes(&m, s.id),
        ["- Đồng chí Đặng Quang Hải: Chuyên đề thiết thực."],
        "the minutes leave the withdrawn comment out"
    );
    assert_eq!(
        m.db.revision_status(m.topic).unwrap().open,
        0,
        "no answer is due for it"
    );
    assert_eq!(m.db.topic_comments(m.topic).unwrap(), vec![kept]);
    assert_eq!(m.db.session(s.id).unwrap().comment_count, 1);
    assert!(
        m.db.withdraw_comment(twice.id, "lần nữa").is_err(),
        "withdrawn once"
    );

    let trail = m.db.topic_history(m.topic).unwrap();
    let event = trail.iter().find(|e| e.action == "Rút ý kiến").unwrap();
    assert_eq!(event.reason.as_deref(), Some("Ghi trùng ý kiến trước"));
    assert!(event.from.as_deref().unwrap().contains("Ghi trùng."));
}

#[test]
fn once_the_minutes_are_signed_comments_are_neither_corrected_nor_withdrawn() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c = say(&m, s.id, 2, CommentKind::Contribution, "Bổ sung số liệu.");
    assert_eq!(c.correction_refused, None, "correctable until signed");
    m.db.sign_minutes(s.id, NaiveDate::from_ymd_opt(2025, 4, 20).unwrap())
        .unwrap();

    let listed = &m.db.session_comments(s.id).unwrap()[0];
    let why = listed
        .correction_refused
        .clone()
        .expect("the window is told why not");
    assert!(why.contains("20/04/2025"), "{why}");
    let corrected = m.db.correct_comment(
        c.id,
        &CommentCorrection {
            speaker: Speaker::Member(m.members[3].id),
            ..as_said(&c)
        },
    );
    assert!(
        matches!(corrected, Err(Error::CommentsClosed { .. })),
        "{corrected:?}"
    );
    let withdrawn = m.db.withdraw_comment(c.id, "nhầm");
    assert!(matches!(withdrawn, Err(Error::CommentsClosed { .. })));
    assert_eq!(
        m.db.session_comments(s.id).unwrap()[0].speaker_name,
        "Đặng Quang Hải"
    );
}

#[test]
fn a_contribution_corrected_into_a_reflection_no_longer_holds_the_revision() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let c = say(
        &m,
        s.id,
        2,
        CommentKind::Contribution,
        "Tôi nhận thức rõ hơn trách nhiệm.",
    );
    let v2 =
        m.db.import_outline_file(m.topic, &common::fixture("de-cuong-v2.docx"), "")
            .unwrap();
    assert_eq!(m.db.topic(m.topic).unwrap().state, TopicState::Discussed);
    m.db.correct_comment(
        c.id,
        &CommentCorrection {
            kind: CommentKind::Understanding,
            ..as_said(&c)
        },
    )
    .unwrap();
    assert_eq!(
        m.db.topic(m.topic).unwrap().state,
        TopicState::Revised,
        "every comment that needs an answer has one, and version {} exists",
        v2.number
    );
}

#[test]
fn a_withdrawn_comment_is_left_out_of_what_the_submission_says_of_the_answers() {
    let m = meeting();
    let s = m.db.create_session(&session_draft(&m)).unwrap();
    let kept = say(&m, s.id, 2, CommentKind::Contribution, "Bổ sung số liệu.");
    let twice = say(&m, s.id, 3, CommentKind::Understanding, "Ghi trùng.");
    m.db.withdraw_comment(twice.id, "Ghi trùng").unwrap();
    let v2 =
        m.db.import_outline_file(m.topic, &common::fixture("de-cuong-v2.docx"), "")
            .unwrap();
    m.db.answer_comment(
        kept.id,
        &chuyende::comment::AnswerDraft::Incorporated { version_id: v2.id },
    )
    .unwrap();
    m.db.submit_topic(m.topic).unwrap();
    let summary = &m.db.topic_submissions(m.topic).unwrap()[0].summary;
    assert!(
        summary.contains("Đã trả lời 1 ý kiến") && summary.contains("tiếp thu 1"),
        "{summary}"
    );
    assert!(
        !summary.contains("nhận thức"),
        "the withdrawn reflection is not counted: {summary}"
    );
}
