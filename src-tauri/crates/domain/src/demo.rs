//! Demonstration data: the article's *Đảng bộ Văn phòng UBND tỉnh* with its cells and members,
//! for trying the app, for screenshots and for benchmarks. Deterministic: the same data on
//! every machine.

use chrono::NaiveDate;

use crate::db::Database;
use crate::error::Result;
use crate::member::{Departure, MemberDraft, Position, Standing};
use crate::organisation::{OrganisationDraft, Placement};

pub const DEMO_ORGANISATION: &str = "Đảng bộ Văn phòng UBND tỉnh";
const DEMO_SUPERIOR: &str = "Đảng ủy Các cơ quan tỉnh";

const CELLS: &[&str] = &[
    "Chi bộ Công báo - Nhà khách",
    "Chi bộ Tổng hợp",
    "Chi bộ Hành chính - Tổ chức",
    "Chi bộ Kinh tế - Ngành",
    "Chi bộ Khoa giáo - Văn xã",
    "Chi bộ Nội chính",
];

const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Thu", "Minh", "Hồng", "Quang", "Thanh", "Ngọc", "Xuân"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến",
];

/// What [`fill`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoOutcome {
    Created { cells: usize, members: usize },
    AlreadyPresent,
}

/// A small deterministic generator (an LCG): the demo must not depend on a random crate.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Fills the database with the demonstration organisation, unless it is already there.
pub fn fill(db: &Database) -> Result<DemoOutcome> {
    if db.organisations(true)?.iter().any(|o| o.name == DEMO_ORGANISATION) {
        return Ok(DemoOutcome::AlreadyPresent);
    }
    let committee = db.create_organisation(&OrganisationDraft {
        name: DEMO_ORGANISATION.into(),
        placement: Placement::PartyCommitteeOrg { superior_name: DEMO_SUPERIOR.into() },
    })?;
    let mut seq = Sequence(2024);
    let mut members = 0;
    for (index, cell_name) in CELLS.iter().enumerate() {
        let cell = db.create_organisation(&OrganisationDraft {
            name: (*cell_name).into(),
            placement: Placement::Cell { parent_id: committee.id },
        })?;
        let size = 7 + seq.next(8);
        let mut taken = std::collections::HashSet::new();
        for n in 0..size {
            let full_name = loop {
                let name = format!(
                    "{} {} {}",
                    FAMILY[seq.next(FAMILY.len())],
                    MIDDLE[seq.next(MIDDLE.len())],
                    GIVEN[seq.next(GIVEN.len())]
                );
                if taken.insert(name.clone()) {
                    break name;
                }
            };
            let position = match n {
                0 => Position::Secretary,
                1 => Position::DeputySecretary,
                2 if size > 9 => Position::CommitteeMember,
                _ => Position::Member,
            };
            let standing = if n > 3 && seq.next(6) == 0 { Standing::Probationary } else { Standing::Full };
            let member = db.create_member(&MemberDraft { organisation_id: cell.id, full_name, position, standing })?;
            members += 1;
            // One member of every other cell has moved away, so lists show both states.
            if n == size - 1 && index % 2 == 0 {
                db.record_departure(
                    member.id,
                    &Departure {
                        moved_on: NaiveDate::from_ymd_opt(2024, 3, 1).expect("valid date"),
                        note: "Chuyển sinh hoạt về Đảng bộ Sở Nội vụ".into(),
                    },
                )?;
            }
        }
    }
    Ok(DemoOutcome::Created { cells: CELLS.len(), members })
}
