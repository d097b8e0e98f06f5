#![allow(dead_code)] // each test file uses a part of this

pub mod printed;

use chrono::{NaiveDate, NaiveTime};
use chuyende::member::{Member, MemberDraft, Position, Standing};
use chuyende::organisation::{Organisation, OrganisationDraft, Placement};
use chuyende::plan::Quarter;
use chuyende::session::{SessionDraft, SessionKind};
use chuyende::topic::{TopicDraft, TopicId};
use chuyende::Database;

/// A database in a fresh temporary folder, deleted with the returned guard.
pub fn fresh() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Database::open_in(dir.path()).expect("a new database opens");
    (dir, db)
}

pub fn committee(db: &Database, name: &str) -> Organisation {
    db.create_organisation(&OrganisationDraft {
        name: name.into(),
        placement: Placement::PartyCommitteeOrg {
            superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
        },
    })
    .expect("đảng bộ created")
}

pub fn cell(db: &Database, parent: &Organisation, name: &str) -> Organisation {
    db.create_organisation(&OrganisationDraft {
        name: name.into(),
        placement: Placement::Cell {
            parent_id: parent.id,
        },
    })
    .expect("chi bộ created")
}

pub fn draft(cell: &Organisation, full_name: &str, position: Position) -> MemberDraft {
    MemberDraft {
        organisation_id: cell.id,
        full_name: full_name.into(),
        position,
        standing: Standing::Full,
        record: Default::default(),
    }
}

pub fn member(db: &Database, cell: &Organisation, full_name: &str) -> Member {
    db.create_member(&draft(cell, full_name, Position::Member))
        .expect("member created")
}

pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!(
        "{}/../../../tests/fixtures",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    ))
    .join(name)
}

pub struct Meeting {
    pub _dir: tempfile::TempDir,
    pub db: Database,
    pub cell: Organisation,
    pub members: Vec<Member>,
    pub topic: TopicId,
}

/// A cell of five members and a topic whose outline (v1) was passed: ready for its session.
pub fn meeting() -> Meeting {
    let (dir, db) = fresh();
    let org = committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    let names = [
        "Nguyễn Thị Lan",
        "Trần Văn Bình",
        "Đặng Quang Hải",
        "Lê Thu Hà",
        "Phạm Minh Tuấn",
    ];
    let members: Vec<Member> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut d = draft(
                &cell,
                n,
                if i == 0 {
                    Position::Secretary
                } else {
                    Position::Member
                },
            );
            if i == 4 {
                d.standing = Standing::Probationary;
            }
            db.create_member(&d).unwrap()
        })
        .collect();
    let topic = planned_topic(&db, &cell, members[1].id);
    db.start_drafting(topic).unwrap();
    db.import_outline_file(topic, &fixture("de-cuong-v1.docx"), "")
        .unwrap();
    db.pass_draft(topic).unwrap();
    Meeting {
        _dir: dir,
        db,
        cell,
        members,
        topic,
    }
}

pub fn session_draft(m: &Meeting) -> SessionDraft {
    SessionDraft {
        organisation_id: m.cell.id,
        kind: SessionKind::Thematic,
        held_on: NaiveDate::from_ymd_opt(2025, 4, 20).unwrap(),
        starts_at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
        ends_at: Some(NaiveTime::from_hms_opt(16, 0, 0).unwrap()),
        place: "Phòng họp tầng 2".into(),
        chair_id: Some(m.members[0].id),
        secretary_id: Some(m.members[3].id),
        guests: String::new(),
        topic_ids: vec![m.topic],
    }
}

/// The plan of 2025 of `cell` with one topic for quý II, assigned to `assignee`.
pub fn planned_topic(
    db: &Database,
    cell: &Organisation,
    assignee: chuyende::member::MemberId,
) -> TopicId {
    let plan = db.create_plan(cell.id, 2025).unwrap();
    db.create_topic(
        plan.id,
        &TopicDraft {
            title: "Trách nhiệm nêu gương của đảng viên".into(),
            group_id: db.topic_groups(cell.id).unwrap()[2].id,
            quarter: Quarter::new(2).unwrap(),
            planned_on: None,
            suggestions: String::new(),
            notes: String::new(),
            assignee_ids: vec![assignee],
        },
    )
    .unwrap()
    .id
}

/// A text dump of every row of the database file at `path` (see `chuyende::backup::dump`).
pub fn dump(path: &std::path::Path) -> String {
    chuyende::backup::dump(path).expect("dump the database")
}

/// A small tmpfs mounted on a fresh folder, unmounted when dropped: for full disks and
/// read-only folders. None (with a line in the test output saying the test was skipped and
/// why) where mounting is impossible (not root, no mount command).
pub struct Mount {
    pub dir: tempfile::TempDir,
}

impl Mount {
    pub fn tmpfs(size: &str, test: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().expect("temp dir");
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            eprintln!(
                "SKIPPED {test}: cannot mount a tmpfs here (needs root); nothing was checked"
            );
            return None;
        }
        Some(Mount { dir })
    }

    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Makes the mount read-only (as a write-protected USB stick).
    pub fn make_read_only(&self) {
        let ok = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.dir.path())
            .status()
            .expect("mount runs")
            .success();
        assert!(ok, "remount read-only");
    }

    /// Fills the file system to the last byte with a filler file; returns its path.
    pub fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let filler = self.dir.path().join("filler");
        let mut f = std::fs::File::create(&filler).expect("filler");
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let byte = [0u8; 1];
        while f.write_all(&byte).is_ok() {}
        let _ = f.sync_all();
        filler
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// The committee's decision on `topic` as the dialog sends it: meeting today, its whole
/// committee taking part, the secretary signing, on the version submitted. With nothing
/// submitted, a decision naming nobody and no version (for refusals).
pub fn committee_decision(
    db: &Database,
    topic: TopicId,
    decision: chuyende::cycle::Decision,
) -> chuyende::approval::CommitteeDecision {
    let today = chrono::Local::now().date_naive();
    match db.decision_form(topic) {
        Ok(form) => chuyende::approval::CommitteeDecision {
            meeting_on: today,
            participant_ids: form.committee.iter().map(|m| m.id).collect(),
            signer_id: form
                .committee
                .iter()
                .find(|m| m.may_sign)
                .expect("a secretary")
                .id,
            version_sha256: form.submission.version_sha256,
            decision,
        },
        Err(_) => chuyende::approval::CommitteeDecision {
            meeting_on: today,
            participant_ids: Vec::new(),
            signer_id: chuyende::member::MemberId(0),
            version_sha256: String::new(),
            decision,
        },
    }
}

/// Records the committee's decision as [`committee_decision`] makes it.
pub fn decide(
    db: &Database,
    topic: TopicId,
    decision: chuyende::cycle::Decision,
) -> chuyende::Result<chuyende::topic::Topic> {
    db.decide_topic(topic, &committee_decision(db, topic, decision))
}

/// Member `who` of the meeting says `text`, of `kind`, about the whole outline of the topic.
pub fn say(
    m: &Meeting,
    session: chuyende::session::SessionId,
    who: usize,
    kind: chuyende::comment::CommentKind,
    text: &str,
) -> chuyende::comment::Comment {
    m.db.add_comment(
        session,
        &chuyende::comment::CommentDraft {
            topic_id: Some(m.topic),
            speaker_id: m.members[who].id,
            kind,
            text: text.into(),
            anchor_block: None,
        },
    )
    .unwrap()
}

/// A fresh database with a cell, its secretary, and a planned topic assigned to her: where the
/// outline tests import.
pub struct TopicFixture {
    pub dir: tempfile::TempDir,
    pub db: Database,
    pub topic: TopicId,
}

pub fn topic_fixture() -> TopicFixture {
    let (dir, db) = fresh();
    let org = committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    let lan = db
        .create_member(&draft(&cell, "Nguyễn Thị Lan", Position::Secretary))
        .unwrap();
    let topic = planned_topic(&db, &cell, lan.id);
    TopicFixture { dir, db, topic }
}
