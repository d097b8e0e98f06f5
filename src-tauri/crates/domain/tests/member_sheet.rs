//! A cell's member list brought in from Excel, and written back to Excel.
//!
//! The fixture `tests/fixtures/danh-sach-dang-vien.xlsx` is a real LibreOffice file: its source
//! `danh-sach-dang-vien.fods` (flat ODS, written by hand) was converted once with
//! `soffice --headless --convert-to xlsx` (LibreOffice 7.4.7, Debian 12). Its first sheet
//! "Đảng viên" has a title row merged over A1:G1, the header row (STT, Họ và tên, Chức vụ, Ngày,
//! tháng, năm sinh, Ngày vào Đảng, Chính thức/Dự bị, Số thẻ đảng viên), then rows 3–13:
//!  3 Nguyễn Văn An, Bí thư, dates as date cells, card 01234567
//!  4 Trần Thị Bình, Phó Bí thư
//!  5 Lê Hoàng Cường, Chi ủy viên, dates typed as dd/mm/yyyy text
//!  6 Phạm Thị Dung (typed decomposed, NFD), Dự bị, no card
//!  7 empty
//!  8 Nguyễn văn an: the same name as row 3
//!  9 Hoàng Minh Đức, born "31/02/1990"
//! 10 Đặng Thu Hà, card 01234567 again (row 3's)
//! 11 Trần Văn Khoa, already a member of the cell in these tests
//! 12 no name

mod common;

use calamine::Reader;
use chrono::NaiveDate;
use chuyende::member::{Position, Standing};
use chuyende::member_sheet::{SheetChoice, SheetField};

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

struct Cell {
    _dir: tempfile::TempDir,
    db: chuyende::Database,
    cell: chuyende::organisation::Organisation,
}

/// The cell of the fixture, with Trần Văn Khoa already a member.
fn cell_with_khoa() -> Cell {
    let (dir, db) = common::fresh();
    let org = common::committee(&db, "Đảng bộ Văn phòng UBND tỉnh");
    let cell = common::cell(&db, &org, "Chi bộ Công báo - Nhà khách");
    common::member(&db, &cell, "Trần Văn Khoa");
    Cell {
        _dir: dir,
        db,
        cell,
    }
}

fn refusal_of(preview: &chuyende::member_sheet::SheetPreview, row: u32) -> String {
    preview
        .rows
        .iter()
        .find(|r| r.row == row)
        .unwrap_or_else(|| panic!("row {row} is in the preview"))
        .refusal
        .clone()
        .unwrap_or_default()
}

#[test]
fn the_preview_guesses_the_columns_under_a_merged_title_and_says_why_each_refused_row_is_refused() {
    let c = cell_with_khoa();
    let preview =
        c.db.preview_member_sheet(
            &common::fixture("danh-sach-dang-vien.xlsx"),
            c.cell.id,
            &SheetChoice::default(),
        )
        .unwrap();
    assert_eq!(
        preview.sheets,
        ["Đảng viên", "Ghi chú"],
        "both sheets are offered"
    );
    assert_eq!(
        preview.sheet, "Đảng viên",
        "the first sheet is read unless another is chosen"
    );
    assert_eq!(
        preview.header_row,
        Some(2),
        "the merged title row above the header is skipped"
    );
    let m = &preview.mapping;
    assert_eq!(
        [
            m.full_name,
            m.position,
            m.born_on,
            m.joined_on,
            m.standing,
            m.card_number
        ],
        [Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)],
        "each column is recognised from its Vietnamese header"
    );
    assert_eq!(
        (preview.accepted, preview.refused, preview.empty),
        (4, 5, 1)
    );
    let accepted: Vec<u32> = preview
        .rows
        .iter()
        .filter(|r| r.refusal.is_none())
        .map(|r| r.row)
        .collect();
    assert_eq!(accepted, [3, 4, 5, 6]);
    assert!(
        refusal_of(&preview, 8).contains("Trùng họ và tên với dòng 3"),
        "{}",
        refusal_of(&preview, 8)
    );
    assert!(
        refusal_of(&preview, 9).contains("Ngày sinh “31/02/1990”"),
        "{}",
        refusal_of(&preview, 9)
    );
    assert!(
        refusal_of(&preview, 10).contains("Trùng số thẻ 01234567 với dòng 3"),
        "{}",
        refusal_of(&preview, 10)
    );
    assert!(
        refusal_of(&preview, 11).contains("đã có đảng viên “Trần Văn Khoa”"),
        "{}",
        refusal_of(&preview, 11)
    );
    assert_eq!(refusal_of(&preview, 12), "Thiếu họ và tên.");
    let born = preview
        .fields
        .iter()
        .position(|f| f.field == SheetField::BornOn)
        .unwrap();
    assert_eq!(
        preview.rows[0].values[born], "12/03/1975",
        "a date cell reads as dd/mm/yyyy"
    );
    assert_eq!(
        c.db.members(Some(c.cell.id), true).unwrap().len(),
        1,
        "the preview writes nothing"
    );
}

#[test]
fn importing_adds_the_accepted_rows_with_their_details_and_refuses_the_rest() {
    let c = cell_with_khoa();
    let file = common::fixture("danh-sach-dang-vien.xlsx");
    let outcome =
        c.db.import_member_sheet(&file, c.cell.id, &SheetChoice::default())
            .unwrap();
    assert_eq!((outcome.created, outcome.refused), (4, 5));

    let members = c.db.members(Some(c.cell.id), true).unwrap();
    let names: Vec<&str> = members.iter().map(|m| m.full_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Nguyễn Văn An",
            "Trần Thị Bình",
            "Lê Hoàng Cường",
            "Phạm Thị Dung",
            "Trần Văn Khoa"
        ],
        "the four accepted rows joined Trần Văn Khoa, committee first; names stored in NFC"
    );
    let an = &members[0];
    assert_eq!(
        (an.position, an.standing),
        (Position::Secretary, Standing::Full)
    );
    assert_eq!(
        (an.record.born_on, an.record.joined_on),
        (day(1975, 3, 12), day(2000, 5, 19))
    );
    assert_eq!(
        an.record.card_number.as_deref(),
        Some("01234567"),
        "the card keeps its leading zero"
    );
    let cuong = &members[2];
    assert_eq!(cuong.position, Position::CommitteeMember);
    assert_eq!(
        (cuong.record.born_on, cuong.record.joined_on),
        (day(1988, 9, 5), day(2012, 2, 3)),
        "dates typed as dd/mm/yyyy text are read as dates"
    );
    let dung = &members[3];
    assert_eq!(dung.standing, Standing::Probationary);
    assert_eq!(dung.record.card_number, None);

    // One trail entry per member added, as the form records, naming the file and the row.
    let sources: Vec<String> = c
        .db
        .read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT reason FROM audit_event WHERE entity = 'member' AND action = 'Thêm đảng viên'
                   AND reason IS NOT NULL ORDER BY id",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
        .unwrap();
    assert_eq!(
        sources,
        [3, 4, 5, 6].map(|r| format!("Nhập từ tệp danh-sach-dang-vien.xlsx, dòng {r}"))
    );

    // The same list again: every row is now a member already, and nothing is written.
    let again =
        c.db.import_member_sheet(&file, c.cell.id, &SheetChoice::default())
            .unwrap_err();
    assert!(again.to_string().contains("Không có dòng nào"), "{again}");
    assert_eq!(c.db.members(Some(c.cell.id), true).unwrap().len(), 5);
}

#[test]
fn a_chosen_mapping_replaces_the_guess_and_a_list_without_a_name_column_imports_nothing() {
    let c = cell_with_khoa();
    let file = common::fixture("danh-sach-dang-vien.xlsx");
    // Position read from the standing column: "Chính thức" is no position in the cell.
    let mut mapping = chuyende::member_sheet::ColumnMapping::parse("name=B,position=F").unwrap();
    let preview =
        c.db.preview_member_sheet(
            &file,
            c.cell.id,
            &SheetChoice {
                sheet: None,
                mapping: Some(mapping.clone()),
            },
        )
        .unwrap();
    assert!(
        refusal_of(&preview, 3).starts_with("Chức vụ “Chính thức” không rõ"),
        "{}",
        refusal_of(&preview, 3)
    );

    mapping.full_name = None;
    let choice = SheetChoice {
        sheet: None,
        mapping: Some(mapping),
    };
    let preview =
        c.db.preview_member_sheet(&file, c.cell.id, &choice)
            .unwrap();
    assert!(preview.blocker.unwrap().contains("cột Họ và tên"));
    assert!(c.db.import_member_sheet(&file, c.cell.id, &choice).is_err());

    let notes = SheetChoice {
        sheet: Some("Ghi chú".into()),
        mapping: None,
    };
    let preview = c.db.preview_member_sheet(&file, c.cell.id, &notes).unwrap();
    assert_eq!(
        (preview.sheet.as_str(), preview.header_row),
        ("Ghi chú", None)
    );
    assert!(
        preview.blocker.is_some(),
        "a sheet without a name header asks for the column"
    );
    assert_eq!(
        c.db.members(Some(c.cell.id), true).unwrap().len(),
        1,
        "nothing was written"
    );
}

#[test]
fn a_file_that_is_no_spreadsheet_is_refused_in_vietnamese() {
    let c = cell_with_khoa();
    let err =
        c.db.preview_member_sheet(
            &common::fixture("de-cuong-v1.docx"),
            c.cell.id,
            &SheetChoice::default(),
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Không đọc được de-cuong-v1.docx như một bảng tính"),
        "{err}"
    );
}

#[test]
fn the_exported_list_reads_back_equal_and_imports_into_another_cell_as_the_same_members() {
    let c = cell_with_khoa();
    c.db.import_member_sheet(
        &common::fixture("danh-sach-dang-vien.xlsx"),
        c.cell.id,
        &SheetChoice::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("Danh sách đảng viên.xlsx");
    c.db.export_member_sheet(c.cell.id, &out).unwrap();
    // Recorded as every export is: the file's name and its SHA-256 in the cell's trail.
    let (to, digest): (String, String) =
        c.db.read(|conn| {
            Ok(conn.query_row(
                "SELECT to_text, digest FROM audit_event
                  WHERE entity = 'organisation' AND entity_id = ?1 AND action = 'Xuất tài liệu'",
                [c.cell.id.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(to, "Danh sách đảng viên (XLSX): Danh sách đảng viên.xlsx");
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(std::fs::read(&out).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, sha);

    // Read back with calamine: a title row, the header, then one row per member, dates as dates.
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range("Danh sách đảng viên").unwrap();
    let rows: Vec<Vec<calamine::Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        rows[0][0].to_string(),
        "DANH SÁCH ĐẢNG VIÊN CHI BỘ CÔNG BÁO - NHÀ KHÁCH"
    );
    let members = c.db.members(Some(c.cell.id), false).unwrap();
    assert_eq!(rows.len(), 2 + members.len());
    for (m, row) in members.iter().zip(&rows[2..]) {
        let date = |cell: &calamine::Data| match cell {
            calamine::Data::DateTime(d) => d.as_datetime().map(|d| d.date()),
            calamine::Data::Empty => None,
            other => panic!("a date cell or an empty one, not {other:?}"),
        };
        assert_eq!(row[1].to_string(), m.full_name);
        assert_eq!(row[2].to_string(), m.position.label());
        assert_eq!(row[3].to_string(), m.standing.label());
        assert_eq!(
            (date(&row[4]), date(&row[5])),
            (m.record.born_on, m.record.joined_on),
            "{}",
            m.full_name
        );
        assert_eq!(
            row[6].to_string(),
            m.record.card_number.clone().unwrap_or_default()
        );
    }

    // And the import reads the export: into an empty cell of another workstation, the same
    // members (on this one their card numbers are already held: a card is one person's).
    let (_other_dir, other_db) = common::fresh();
    let org = common::committee(&other_db, "Đảng bộ Sở Tài chính");
    let other = common::cell(&other_db, &org, "Chi bộ Văn phòng Sở");
    let outcome = other_db
        .import_member_sheet(&out, other.id, &SheetChoice::default())
        .unwrap();
    assert_eq!((outcome.created, outcome.refused), (5, 0));
    let copied = other_db.members(Some(other.id), false).unwrap();
    let key = |m: &chuyende::member::Member| {
        (
            m.full_name.clone(),
            m.position,
            m.standing,
            m.record.clone(),
        )
    };
    assert_eq!(
        copied.iter().map(key).collect::<Vec<_>>(),
        members.iter().map(key).collect::<Vec<_>>()
    );
}
