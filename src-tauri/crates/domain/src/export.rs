//! Exported documents (minutes, yearly plans, approved outlines): each file written is one entry of the audit
//! trail, with the file's name and SHA-256, so a file handed out can be matched to its export.

use std::path::Path;

use crate::audit::{self, Change, Subject};
use crate::db::Database;
use crate::error::Result;
use crate::minutes::DocumentFormat;
use crate::organisation::OrganisationId;
use crate::outline::OutlineVersionId;
use crate::session::SessionId;
use crate::topic::TopicId;

/// What a document exported is the document of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exported {
    Minutes(SessionId),
    Plan {
        organisation: OrganisationId,
        year: i32,
    },
    /// The approved outline of a topic (its latest approved version).
    ApprovedOutline(TopicId),
    /// An amendment (kế hoạch điều chỉnh) of an approved yearly plan.
    PlanAmendment {
        organisation: OrganisationId,
        year: i32,
    },
    /// The yearly report (báo cáo kết quả sinh hoạt chuyên đề năm …) of an organisation.
    YearlyReport {
        organisation: OrganisationId,
        year: i32,
    },
    /// The year's archive (hồ sơ lưu trữ) of an organisation, one PDF.
    Archive {
        organisation: OrganisationId,
        year: i32,
    },
    /// The member list of an organisation, as a workbook the import reads back.
    MemberSheet(OrganisationId),
}

impl Database {
    /// Writes an exported document's `bytes` to `target` (atomically, see
    /// [`crate::fsutil::write_atomic`]) and records the export, in one transaction: a file that
    /// could not be written leaves no entry. Data opened read-only cannot record anything; the
    /// file is still written.
    pub fn write_export(
        &self,
        what: Exported,
        format: DocumentFormat,
        target: &Path,
        bytes: &[u8],
    ) -> Result<()> {
        self.write_export_file(what, format.extension(), target, bytes)
    }

    /// Like [`Database::write_export`], for a file of any kind named by its `extension`
    /// ("xlsx" for the yearly report's workbook).
    pub fn write_export_file(
        &self,
        what: Exported,
        extension: &str,
        target: &Path,
        bytes: &[u8],
    ) -> Result<()> {
        self.require(crate::permission::Action::Export)?;
        if self.is_read_only() {
            return crate::fsutil::write_atomic(target, bytes);
        }
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kind = extension.to_uppercase();
        self.write(|tx| {
            let (subject, words) = match what {
                Exported::Minutes(session) => (
                    Subject::Session(session.0),
                    format!("Biên bản ({kind}): {file_name}"),
                ),
                Exported::Plan { organisation, year } => (
                    match crate::plan::find(tx, organisation, year)? {
                        Some(plan) => Subject::Plan(plan.id.0),
                        None => Subject::Organisation(organisation.0),
                    },
                    format!("Kế hoạch năm {year} ({kind}): {file_name}"),
                ),
                Exported::PlanAmendment { organisation, year } => (
                    match crate::plan::find(tx, organisation, year)? {
                        Some(plan) => Subject::Plan(plan.id.0),
                        None => Subject::Organisation(organisation.0),
                    },
                    format!("Kế hoạch điều chỉnh năm {year} ({kind}): {file_name}"),
                ),
                Exported::YearlyReport { organisation, year } => (
                    Subject::Organisation(organisation.0),
                    format!("Báo cáo kết quả sinh hoạt chuyên đề năm {year} ({kind}): {file_name}"),
                ),
                Exported::Archive { organisation, year } => (
                    Subject::Organisation(organisation.0),
                    format!("Hồ sơ lưu trữ năm {year} ({kind}): {file_name}"),
                ),
                Exported::MemberSheet(organisation) => (
                    Subject::Organisation(organisation.0),
                    format!("Danh sách đảng viên ({kind}): {file_name}"),
                ),
                Exported::ApprovedOutline(topic) => (
                    Subject::Topic(topic.0),
                    format!("Đề cương đã duyệt ({kind}): {file_name}"),
                ),
            };
            audit::record_digest(
                tx,
                Change::new(subject, "Xuất tài liệu").to(words),
                audit::digest_of(bytes),
            )?;
            crate::fsutil::write_atomic(target, bytes)
        })
    }

    /// Saves a copy of a version's original file to `target` (atomically), recorded in the trail
    /// like an export, with the original's SHA-256, in one transaction.
    pub fn save_outline_copy(&self, id: OutlineVersionId, target: &Path) -> Result<()> {
        self.require(crate::permission::Action::Export)?;
        let (version, bytes) = self.outline_original(id)?;
        if self.is_read_only() {
            return crate::fsutil::write_atomic(target, &bytes);
        }
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.write(|tx| {
            audit::record_digest(
                tx,
                Change::new(Subject::Topic(version.topic_id.0), "Lưu bản sao đề cương")
                    .to(format!("Phiên bản {}: {file_name}", version.number)),
                version.sha256.clone(),
            )?;
            crate::fsutil::write_atomic(target, &bytes)
        })
    }
}
