//! Data the tests start from, made through the domain library (each screen's own test makes
//! its data through the window).

use chuyende::member::{MemberDraft, Position, Standing};
use chuyende::organisation::{OrganisationDraft, Placement};

pub const CELL: &str = "Chi bộ Công báo - Nhà khách";
pub const MEMBERS: [&str; 3] = ["Nguyễn Thị Lan", "Trần Văn Bình", "Đặng Quang Hải"];

/// A đảng bộ with one cell of three members, made through the library (the organisations
/// screens have their own test), so this test is about the plan.
pub fn seed(data: &std::path::Path) -> chuyende::organisation::OrganisationId {
    let db = chuyende::Database::open_in(data).unwrap();
    let committee = db
        .create_organisation(&OrganisationDraft {
            name: "Đảng bộ Văn phòng UBND tỉnh".into(),
            placement: Placement::PartyCommitteeOrg {
                superior_name: "Đảng ủy Các cơ quan tỉnh".into(),
            },
        })
        .unwrap();
    let cell = db
        .create_organisation(&OrganisationDraft {
            name: CELL.into(),
            placement: Placement::Cell {
                parent_id: committee.id,
            },
        })
        .unwrap();
    for (i, name) in MEMBERS.iter().enumerate() {
        let position = if i == 0 {
            Position::Secretary
        } else {
            Position::Member
        };
        db.create_member(&MemberDraft {
            organisation_id: cell.id,
            full_name: (*name).into(),
            position,
            standing: Standing::Full,
        })
        .unwrap();
    }
    cell.id
}
