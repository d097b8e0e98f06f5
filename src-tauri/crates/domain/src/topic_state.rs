//! The cycle of a topic (DOMAIN.md, "The cycle of one topic") as a state machine. A topic's
//! state changes only through [`TopicState::after`]: every other path is refused.
//!
//! ```text
//! planned → drafting → ready_for_session → discussed → revised → submitted → approved
//!                                                        ↑            │
//!                                                        └ returned ←─┘
//!                                                        ↑                        │
//!                                                        └──── correct (new version) ┘
//! postpone: planned, drafting or ready_for_session, to a later quarter; the state stays.
//! cancel: from any state but approved and cancelled.
//! ```

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TopicState {
    Planned,
    Drafting,
    ReadyForSession,
    Discussed,
    Revised,
    Submitted,
    Approved,
    Returned,
    Cancelled,
}

/// What can happen to a topic. The first three are a secretary's manual steps; the others are
/// driven by the outline, session and approval features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The assigned member starts the outline.
    StartDrafting,
    /// The draft was passed by the committee and sent to the members.
    MarkReady,
    /// The session was held and the topic discussed.
    RecordDiscussion,
    /// Every comment answered and a revised outline uploaded.
    CompleteRevision,
    /// The final version goes to the committee.
    Submit,
    Approve,
    /// The committee returns it with reasons.
    Return,
    /// Moved to a later quarter; the state does not change.
    Postpone,
    Cancel,
    /// A corrected version of an approved outline: back to "revised", to be submitted again.
    Correct,
}

impl TopicState {
    pub const ALL: [TopicState; 9] = [
        TopicState::Planned,
        TopicState::Drafting,
        TopicState::ReadyForSession,
        TopicState::Discussed,
        TopicState::Revised,
        TopicState::Submitted,
        TopicState::Approved,
        TopicState::Returned,
        TopicState::Cancelled,
    ];

    /// The state after `transition`, or why it cannot happen now.
    pub fn after(self, transition: Transition) -> Result<TopicState> {
        use TopicState as S;
        use Transition as T;
        let next = match (self, transition) {
            (S::Planned, T::StartDrafting) => S::Drafting,
            (S::Drafting, T::MarkReady) => S::ReadyForSession,
            (S::ReadyForSession, T::RecordDiscussion) => S::Discussed,
            (S::Discussed | S::Returned, T::CompleteRevision) => S::Revised,
            (S::Revised, T::Submit) => S::Submitted,
            (S::Submitted, T::Approve) => S::Approved,
            (S::Submitted, T::Return) => S::Returned,
            (S::Approved, T::Correct) => S::Revised,
            (S::Planned | S::Drafting | S::ReadyForSession, T::Postpone) => self,
            (S::Approved | S::Cancelled, T::Cancel) => return Err(refused(self, transition)),
            (_, T::Cancel) => S::Cancelled,
            _ => return Err(refused(self, transition)),
        };
        Ok(next)
    }

    /// The transitions open from this state, for the UI to offer only those.
    pub fn open_transitions(self) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| self.after(*t).is_ok())
            .collect()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TopicState::Planned => "planned",
            TopicState::Drafting => "drafting",
            TopicState::ReadyForSession => "ready_for_session",
            TopicState::Discussed => "discussed",
            TopicState::Revised => "revised",
            TopicState::Submitted => "submitted",
            TopicState::Approved => "approved",
            TopicState::Returned => "returned",
            TopicState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            TopicState::Planned => "Đã lên kế hoạch",
            TopicState::Drafting => "Đang soạn đề cương",
            TopicState::ReadyForSession => "Sẵn sàng sinh hoạt",
            TopicState::Discussed => "Đã sinh hoạt",
            TopicState::Revised => "Đã hoàn chỉnh",
            TopicState::Submitted => "Đã trình cấp ủy",
            TopicState::Approved => "Đã duyệt",
            TopicState::Returned => "Bị trả lại",
            TopicState::Cancelled => "Đã hủy",
        }
    }

    /// Whether the session is still to come (the topic can be overdue).
    pub fn before_session(self) -> bool {
        matches!(
            self,
            TopicState::Planned | TopicState::Drafting | TopicState::ReadyForSession
        )
    }
}

impl Transition {
    pub const ALL: [Transition; 10] = [
        Transition::StartDrafting,
        Transition::MarkReady,
        Transition::RecordDiscussion,
        Transition::CompleteRevision,
        Transition::Submit,
        Transition::Approve,
        Transition::Return,
        Transition::Postpone,
        Transition::Cancel,
        Transition::Correct,
    ];

    /// The action as the audit trail and messages say it.
    pub fn label(self) -> &'static str {
        match self {
            Transition::StartDrafting => "Bắt đầu soạn đề cương",
            Transition::MarkReady => "Thông qua dự thảo, sẵn sàng sinh hoạt",
            Transition::RecordDiscussion => "Ghi nhận đã sinh hoạt",
            Transition::CompleteRevision => "Hoàn chỉnh chuyên đề",
            Transition::Submit => "Trình cấp ủy duyệt",
            Transition::Approve => "Duyệt",
            Transition::Return => "Trả lại",
            Transition::Postpone => "Hoãn sang quý khác",
            Transition::Cancel => "Hủy chuyên đề",
            Transition::Correct => "Sửa đổi sau khi duyệt",
        }
    }
}

fn refused(from: TopicState, transition: Transition) -> Error {
    Error::Transition {
        message: format!(
            "Không thể “{}” khi chuyên đề đang ở trạng thái “{}”.",
            transition.label().to_lowercase(),
            from.label()
        ),
    }
}
