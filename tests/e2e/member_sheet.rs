//! A cell's member list brought in from Excel through the window: the dialog previews the
//! rows (refused ones with their reason), nothing is written until confirmed, then the members
//! are listed; the list exported back reads as the cell's members.
//! The fixture is tests/fixtures/danh-sach-dang-vien.xlsx (made with LibreOffice, see the
//! fixtures' README); the system's file dialog is answered by CHUYENDE_E2E_PICK.

use calamine::Reader;
use chuyende_e2e::{screenshot_dir, App, Session};
use serde_json::json;

use crate::seed::{fixture, seed, CELL};

fn text_size(s: &Session, percent: u32) {
    // As Settings' "Cỡ chữ" does (ui/src/lib/textsize.ts).
    s.execute(
        "document.documentElement.style.fontSize = `${18 * arguments[0] / 100}px`;",
        &[json!(percent)],
    );
}

#[test]
fn a_member_list_from_excel_is_previewed_with_its_refused_rows_then_imported_and_exported() {
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    let shots = screenshot_dir();
    seed(data.path());
    let app = App::launch_with(
        data.path(),
        &[
            ("CHUYENDE_E2E_PICK", fixture("danh-sach-dang-vien.xlsx")),
            ("CHUYENDE_EXPORT_DIR", exports.path().display().to_string()),
        ],
    );
    let s = app.session();
    s.wait_for("[data-testid=nav-organisations]").click();
    s.wait_for(&format!("[data-testid=org-item][data-name=\"{CELL}\"]"))
        .click();
    s.wait_for("[data-testid=member-row]");

    s.find("[data-testid=import-members]").click();
    let summary = s
        .wait_for_text("[data-testid=sheet-summary]", "Sẽ thêm")
        .text();
    // The seed's cell already has a secretary (Nguyễn Thị Lan): row 3's Bí thư is refused, so
    // row 8's namesake of row 3 is not a duplicate and row 10's card is not one either.
    assert!(summary.contains("Sẽ thêm 6 đảng viên"), "{summary}");
    assert!(summary.contains("3 dòng không nhập"), "{summary}");
    let refused: Vec<(String, String)> = s
        .find_all("[data-testid=sheet-row][data-refused=true]")
        .iter()
        .map(|r| {
            (
                r.attr("data-row").unwrap_or_default(),
                r.find("[data-testid=sheet-outcome]").text(),
            )
        })
        .collect();
    let rows: Vec<&str> = refused.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(rows, ["3", "9", "12"], "{refused:?}");
    assert!(
        refused[0]
            .1
            .contains("đã có Bí thư là đồng chí Nguyễn Thị Lan"),
        "{refused:?}"
    );
    assert!(
        refused[1].1.contains("Ngày sinh “31/02/1990”"),
        "{refused:?}"
    );
    assert_eq!(refused[2].1, "Thiếu họ và tên.");
    let name_column = s.find("[data-testid=sheet-column][data-field=full_name]");
    assert_eq!(
        name_column.prop("value"),
        json!("1"),
        "Họ và tên guessed as column B"
    );
    s.screenshot(&shots.join("member-sheet-01-preview.png"));
    text_size(s, 150);
    s.execute(
        "document.querySelector('[data-testid=sheet-summary]').scrollIntoView({ block: 'start' });",
        &[],
    );
    s.screenshot(&shots.join("member-sheet-02-preview-150.png"));
    text_size(s, 100);

    assert_eq!(
        s.find_all("[data-testid=member-row]").len(),
        3,
        "nothing is written before the import is confirmed"
    );
    s.find("[data-testid=sheet-confirm]").click();
    s.wait_gone("[data-testid=sheet-import]");
    s.wait_for_text("[data-testid=members-notice]", "Đã thêm 6 đảng viên");
    s.wait_for("[data-testid=member-row][data-name=\"Lê Hoàng Cường\"]");
    assert_eq!(s.find_all("[data-testid=member-row]").len(), 9);
    let cuong = s
        .find("[data-testid=member-row][data-name=\"Lê Hoàng Cường\"] [data-testid=member-record]")
        .text();
    assert_eq!(
        cuong,
        "Sinh 05/09/1988 · vào Đảng 03/02/2012 · thẻ số 01234569"
    );
    s.execute(
        "document.querySelector('[data-testid=member-row][data-name=\"Lê Hoàng Cường\"]').scrollIntoView({ block: 'center' });",
        &[],
    );
    s.screenshot(&shots.join("member-sheet-03-imported.png"));
    let outside = crate::layout::outside_cards(s);
    assert!(
        outside.is_null(),
        "the member list stays inside its card: {outside}"
    );
    text_size(s, 150);
    s.screenshot(&shots.join("member-sheet-04-imported-150.png"));
    let outside = crate::layout::outside_cards(s);
    assert!(
        outside.is_null(),
        "the member list stays inside its card at 150 %: {outside}"
    );
    text_size(s, 100);

    s.find("[data-testid=export-members]").click();
    let notice = s
        .wait_for_text("[data-testid=members-notice]", "Đã lưu danh sách đảng viên")
        .text();
    let file = exports
        .path()
        .join(format!("Danh sách đảng viên {CELL}.xlsx"));
    assert!(notice.contains(&file.display().to_string()), "{notice}");
    let mut book = calamine::open_workbook_auto(&file).unwrap();
    let range = book.worksheet_range("Danh sách đảng viên").unwrap();
    let names: Vec<String> = range.rows().skip(2).map(|r| r[1].to_string()).collect();
    let listed: Vec<String> = s
        .find_all("[data-testid=member-row]")
        .iter()
        .map(|r| r.attr("data-name").unwrap_or_default())
        .collect();
    assert_eq!(
        names, listed,
        "the exported list is the cell's members, in the screen's order"
    );
}
