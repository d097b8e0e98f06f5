//! The quorum of a meeting: an exact fraction (two thirds by default; an organisation may set
//! another) of the members CALLED to it, counted in integers: present × den ≥ called × num.
//!
//! Who is called (DOMAIN.md, "The quorum"): every member listed for the meeting, except those
//! exempt from meetings (*miễn sinh hoạt*) on its day — unless they come, and then they count
//! as present and as called. Temporarily attached members (*sinh hoạt tạm*) are called where
//! they are attached, like the cell's own.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Field, Result};
use crate::member::Standing;
use crate::session::{AttendanceEntry, Presence};

/// A share of the members called, as an exact fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Quorum {
    pub numerator: i64,
    pub denominator: i64,
}

impl Quorum {
    /// Two thirds, as the guidance says.
    pub const TWO_THIRDS: Quorum = Quorum {
        numerator: 2,
        denominator: 3,
    };

    /// The largest denominator a setting may use.
    pub const MAX_DENOMINATOR: i64 = 100;

    /// A fraction a setting may hold: 1 ≤ numerator ≤ denominator ≤ 100.
    pub fn new(numerator: i64, denominator: i64) -> Result<Quorum> {
        if !(1..=Self::MAX_DENOMINATOR).contains(&denominator)
            || !(1..=denominator).contains(&numerator)
        {
            return Err(Error::invalid(
                Field::Threshold,
                format!(
                    "Tỷ lệ tối thiểu phải là một phân số từ 1/{max} đến 1/1 (tử số không lớn hơn mẫu số, mẫu số đến {max}).",
                    max = Self::MAX_DENOMINATOR
                ),
            ));
        }
        Ok(Quorum {
            numerator,
            denominator,
        })
    }

    /// Whether `present` of `called` reach the quorum.
    pub fn is_met(self, present: i64, called: i64) -> bool {
        present * self.denominator >= called * self.numerator
    }

    /// The fewest members present that reach the quorum of `called`.
    pub fn required(self, called: i64) -> i64 {
        // ceil(called × num / den), in integers
        (called * self.numerator + self.denominator - 1) / self.denominator
    }

    /// "2/3".
    pub fn label(self) -> String {
        format!("{}/{}", self.numerator, self.denominator)
    }
}

impl Default for Quorum {
    fn default() -> Self {
        Quorum::TWO_THIRDS
    }
}

/// The counts the minutes print, and whether the meeting reached its quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttendanceTotals {
    /// Everyone listed for the meeting.
    pub members: i64,
    /// The cell's own full members (temporarily attached ones are counted apart).
    pub full_members: i64,
    pub probationary_members: i64,
    /// Sinh hoạt tạm: attached to this cell for a while.
    pub attached_members: i64,
    /// Miễn sinh hoạt on the meeting's day (whatever their standing).
    pub exempt_members: i64,
    /// The quorum's base: members less the exempt ones who did not come.
    pub called: i64,
    pub present: i64,
    pub present_full: i64,
    pub present_probationary: i64,
    pub present_attached: i64,
    /// Exempt members who came anyway (counted as present and as called).
    pub present_exempt: i64,
    /// Absent with a reason, among the called.
    pub excused: i64,
    /// Absent without a reason, among the called.
    pub unexcused: i64,
    pub quorum: Quorum,
    /// Members who must be present for the quorum.
    pub required: i64,
    /// Whether the quorum was reached.
    pub met: bool,
    /// Vietnamese warning when it was not.
    pub warning: Option<String>,
}

impl AttendanceTotals {
    pub fn of(entries: &[AttendanceEntry], quorum: Quorum) -> AttendanceTotals {
        let count =
            |f: &dyn Fn(&AttendanceEntry) -> bool| entries.iter().filter(|e| f(e)).count() as i64;
        let present = |e: &AttendanceEntry| e.presence == Presence::Present;
        let own = |e: &AttendanceEntry, s: Standing| !e.attached && e.standing == s;
        // An exempt member who did not come is not called: their mark counts nowhere.
        let called_entry = |e: &AttendanceEntry| !e.exempt || present(e);
        let members = entries.len() as i64;
        let called = count(&|e| called_entry(e));
        let present_n = count(&|e| present(e));
        let required = quorum.required(called);
        let met = quorum.is_met(present_n, called);
        AttendanceTotals {
            members,
            full_members: count(&|e| own(e, Standing::Full)),
            probationary_members: count(&|e| own(e, Standing::Probationary)),
            attached_members: count(&|e| e.attached),
            exempt_members: count(&|e| e.exempt),
            called,
            present: present_n,
            present_full: count(&|e| present(e) && own(e, Standing::Full)),
            present_probationary: count(&|e| present(e) && own(e, Standing::Probationary)),
            present_attached: count(&|e| present(e) && e.attached),
            present_exempt: count(&|e| present(e) && e.exempt),
            excused: count(&|e| called_entry(e) && e.presence == Presence::Excused),
            unexcused: count(&|e| called_entry(e) && e.presence == Presence::Unexcused),
            quorum,
            required,
            met,
            warning: (!met).then(|| {
                format!(
                    "Chỉ có {present_n}/{called} đảng viên được triệu tập có mặt, chưa đủ {} ({required} đảng viên) mà tổ chức đặt ra trong Cài đặt.",
                    quorum.label()
                )
            }),
        }
    }
}
