//! The TypeScript types the UI imports (ui/src/lib/bindings) are generated from these Rust
//! types. This test fails when they drift; `UPDATE_BINDINGS=1 cargo test -p chuyende-domain
//! --test bindings` rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::from_env().with_out_dir(dir);
    chuyende::organisation::Organisation::export_all(&cfg).unwrap();
    chuyende::organisation::OrganisationDraft::export_all(&cfg).unwrap();
    chuyende::member::Member::export_all(&cfg).unwrap();
    chuyende::member::FoundMembers::export_all(&cfg).unwrap();
    chuyende::member::MemberDraft::export_all(&cfg).unwrap();
    chuyende::member::Departure::export_all(&cfg).unwrap();
    chuyende::member_period::MemberPeriodDraft::export_all(&cfg).unwrap();
    chuyende::member_sheet::SheetPreview::export_all(&cfg).unwrap();
    chuyende::reminder::Reminders::export_all(&cfg).unwrap();
    chuyende::member_sheet::SheetChoice::export_all(&cfg).unwrap();
    chuyende::member_sheet::SheetImport::export_all(&cfg).unwrap();
    chuyende::cycle::Decision::export_all(&cfg).unwrap();
    chuyende::approval::ApprovalBoard::export_all(&cfg).unwrap();
    chuyende::approval::DecisionForm::export_all(&cfg).unwrap();
    chuyende::approval::CommitteeDecision::export_all(&cfg).unwrap();
    chuyende::approval::LockMismatch::export_all(&cfg).unwrap();
    chuyende::timeline::TimelineEntry::export_all(&cfg).unwrap();
    chuyende::info::DatabaseInfo::export_all(&cfg).unwrap();
    chuyende::info::AppStatus::export_all(&cfg).unwrap();
    chuyende::first_run::SetupDraft::export_all(&cfg).unwrap();
    chuyende::first_run::SetupDone::export_all(&cfg).unwrap();
    chuyende::ErrorPayload::export_all(&cfg).unwrap();
    chuyende::account::Account::export_all(&cfg).unwrap();
    chuyende::account::AccountDraft::export_all(&cfg).unwrap();
    chuyende::account::SignedIn::export_all(&cfg).unwrap();
    chuyende::account::SignInState::export_all(&cfg).unwrap();
    chuyende::plan::PlanBoard::export_all(&cfg).unwrap();
    chuyende::topic::TopicDraft::export_all(&cfg).unwrap();
    chuyende::audit::AuditEvent::export_all(&cfg).unwrap();
    chuyende::outline::OutlineText::export_all(&cfg).unwrap();
    chuyende::outline::compare::Comparison::export_all(&cfg).unwrap();
    chuyende::search::SearchHit::export_all(&cfg).unwrap();
    chuyende::search::SearchFilter::export_all(&cfg).unwrap();
    chuyende::session::Session::export_all(&cfg).unwrap();
    chuyende::session::SessionDraft::export_all(&cfg).unwrap();
    chuyende::session::SessionSummary::export_all(&cfg).unwrap();
    chuyende::session_list::SessionPage::export_all(&cfg).unwrap();
    chuyende::session::OrganisationSettings::export_all(&cfg).unwrap();
    chuyende::comment::PlacedComment::export_all(&cfg).unwrap();
    chuyende::comment::CommentDraft::export_all(&cfg).unwrap();
    chuyende::comment::CommentCorrection::export_all(&cfg).unwrap();
    chuyende::comment::AnswerDraft::export_all(&cfg).unwrap();
    chuyende::comment::RevisionStatus::export_all(&cfg).unwrap();
    chuyende::minutes::PartyDocument::export_all(&cfg).unwrap();
    chuyende::minutes::DocumentFormat::export_all(&cfg).unwrap();
    chuyende::settings::Place::export_all(&cfg).unwrap();
    chuyende::minutes::Minutes::export_all(&cfg).unwrap();
    chuyende::guest::Guest::export_all(&cfg).unwrap();
    chuyende::guest::GuestDraft::export_all(&cfg).unwrap();
    chuyende::comment::GuestRemarkDraft::export_all(&cfg).unwrap();
    chuyende::vote::ConclusionVote::export_all(&cfg).unwrap();
    chuyende::term::CommitteeTerm::export_all(&cfg).unwrap();
    chuyende::term::TermDraft::export_all(&cfg).unwrap();
    chuyende::backup::BackupList::export_all(&cfg).unwrap();
    chuyende::backup::RestoreOutcome::export_all(&cfg).unwrap();
    chuyende::audit::verify::TrailReport::export_all(&cfg).unwrap();
    chuyende::compliance::Compliance::export_all(&cfg).unwrap();
    chuyende::overview::Overdue::export_all(&cfg).unwrap();
    chuyende::overview::Upcoming::export_all(&cfg).unwrap();
    chuyende::year_figures::YearFigures::export_all(&cfg).unwrap();
    chuyende::plan_report::PlanReport::export_all(&cfg).unwrap();
    chuyende::exchange::ExportScope::export_all(&cfg).unwrap();
    chuyende::exchange::ExportSummary::export_all(&cfg).unwrap();
    chuyende::exchange::ReceivePlan::export_all(&cfg).unwrap();
    chuyende::exchange::CellReport::export_all(&cfg).unwrap();
    chuyende::exchange::cells::GuidanceReceived::export_all(&cfg).unwrap();
    chuyende::exchange::Conflict::export_all(&cfg).unwrap();
    chuyende::exchange::Choice::export_all(&cfg).unwrap();
    chuyende::exchange::KnownKey::export_all(&cfg).unwrap();
    chuyende::exchange::OwnKey::export_all(&cfg).unwrap();
    chuyende::yearly_report::ReportFormat::export_all(&cfg).unwrap();
    chuyende::exchange::ExchangeActions::export_all(&cfg).unwrap();
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ts"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_ui_bindings_match_the_rust_types() {
    let committed: PathBuf = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../../ui/src/lib/bindings");
    let fresh = tempfile::tempdir().unwrap();
    export_all(fresh.path());
    let generated = read_dir(fresh.path());
    assert!(
        generated.len() >= 7,
        "types were generated: {:?}",
        generated.keys()
    );

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let committed = read_dir(&committed);
    let mut stale: Vec<&String> = generated
        .keys()
        .filter(|k| committed.get(*k) != generated.get(*k))
        .collect();
    stale.extend(committed.keys().filter(|k| !generated.contains_key(*k)));
    assert!(
        stale.is_empty(),
        "ui/src/lib/bindings is out of date with the Rust types ({stale:?}): run \
         UPDATE_BINDINGS=1 cargo test -p chuyende-domain --test bindings"
    );
}

/// The labels people choose from (position, standing, quarter, kind of comment) are those of
/// the Rust types' `label()`: ui/src/lib/labels.ts is generated, never typed.
#[test]
fn the_ui_labels_are_those_of_the_rust_types() {
    let path = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo"))
        .join("../../../ui/src/lib/labels.ts");
    let generated = chuyende::labels::typescript();
    assert!(
        generated.contains("{ value: 3, label: \"Quý III\" }")
            && generated.contains("{ value: \"deputy_secretary\", label: \"Phó Bí thư\" }")
            && generated.contains("{ value: \"probationary\", label: \"Dự bị\" }"),
        "{generated}"
    );
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == generated,
        "ui/src/lib/labels.ts is out of date with the Rust labels: run \
         UPDATE_BINDINGS=1 cargo test -p chuyende-domain --test bindings"
    );
}
