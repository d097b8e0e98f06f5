//! The vote on the chair's conclusion (*biểu quyết thông qua kết luận*): how it was taken
//! (usually a show of hands) and its result, recorded by the meeting secretary and printed in
//! the minutes.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Change, Subject};
use crate::db::{now, Database};
use crate::error::{Error, Field, Result};
use crate::session::{self, Presence, SessionId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    /// Giơ tay.
    ShowOfHands,
    /// Bỏ phiếu kín.
    SecretBallot,
}

impl VoteMethod {
    fn as_str(self) -> &'static str {
        match self {
            VoteMethod::ShowOfHands => "show_of_hands",
            VoteMethod::SecretBallot => "secret_ballot",
        }
    }

    fn parse(s: &str) -> Option<VoteMethod> {
        match s {
            "show_of_hands" => Some(VoteMethod::ShowOfHands),
            "secret_ballot" => Some(VoteMethod::SecretBallot),
            _ => None,
        }
    }

    /// "giơ tay", as in "biểu quyết bằng hình thức giơ tay".
    pub fn label(self) -> &'static str {
        match self {
            VoteMethod::ShowOfHands => "giơ tay",
            VoteMethod::SecretBallot => "bỏ phiếu kín",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConclusionVote {
    pub method: VoteMethod,
    /// Tán thành.
    pub agreed: i64,
    /// Không tán thành.
    pub disagreed: i64,
    /// Không biểu quyết.
    pub abstained: i64,
}

pub(crate) fn vote_of(conn: &Connection, session: SessionId) -> Result<Option<ConclusionVote>> {
    let row = conn
        .query_row(
            "SELECT method, agreed, disagreed, abstained FROM conclusion_vote WHERE session_id = ?1",
            [session.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?;
    row.map(|(method, agreed, disagreed, abstained)| {
        Ok(ConclusionVote {
            method: crate::stored::parse(
                VoteMethod::parse,
                &method,
                "biểu quyết của buổi sinh hoạt",
                session.0,
                "method",
            )?,
            agreed,
            disagreed,
            abstained,
        })
    })
    .transpose()
}

impl Database {
    /// Records the vote on the conclusion. Only members present vote: the three counts together
    /// cannot exceed them.
    pub fn set_vote(&self, id: SessionId, vote: &ConclusionVote) -> Result<ConclusionVote> {
        self.require(crate::permission::Action::RecordSession(id))?;
        if vote.agreed < 0 || vote.disagreed < 0 || vote.abstained < 0 {
            return Err(Error::invalid(
                Field::Vote,
                "Số đồng chí biểu quyết không thể âm.",
            ));
        }
        self.write_durable(|tx| {
            let s = session::get(tx, id)?;
            let present = s
                .attendance
                .iter()
                .filter(|a| a.presence == Presence::Present)
                .count() as i64;
            let total = vote.agreed + vote.disagreed + vote.abstained;
            if total > present {
                return Err(Error::invalid(
                    Field::Vote,
                    format!("Tổng số biểu quyết ({total}) nhiều hơn số đảng viên có mặt ({present})."),
                ));
            }
            tx.execute(
                "INSERT INTO conclusion_vote (session_id, method, agreed, disagreed, abstained, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (session_id) DO UPDATE SET method = excluded.method, agreed = excluded.agreed,
                        disagreed = excluded.disagreed, abstained = excluded.abstained, recorded_at = excluded.recorded_at",
                params![id.0, vote.method.as_str(), vote.agreed, vote.disagreed, vote.abstained, now()],
            )?;
            audit::record(
                tx,
                Change::new(Subject::Session(id.0), "Ghi kết quả biểu quyết kết luận").to(format!(
                    "{}: tán thành {}, không tán thành {}, không biểu quyết {}",
                    vote.method.label(),
                    vote.agreed,
                    vote.disagreed,
                    vote.abstained
                )),
            )?;
            Ok(vote.clone())
        })
    }

    pub fn vote(&self, id: SessionId) -> Result<Option<ConclusionVote>> {
        self.read(|c| vote_of(c, id))
    }
}
