//! A cell's member list in Excel (*danh sách đảng viên*): cells keep one in .xlsx, and bring it
//! in rather than typing every name. Reading is in two steps, so that nothing is written until
//! the person has seen what will be: [`Database::preview_member_sheet`] reads the file, guesses
//! which column holds what from the Vietnamese headers (or takes the person's mapping) and says
//! for each row whether it will be added or why not; [`Database::import_member_sheet`] reads the
//! file again the same way and adds every accepted row in one transaction, one trail entry per
//! member as the form does. [`Database::member_sheet`] writes the list back to .xlsx, in the
//! layout the import reads.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Database;
use crate::error::{Error, Field, Result};
use crate::member::{self, MemberDraft, MemberRecord, Position, Standing};
use crate::organisation::{self, OrganisationId, Placement};
use crate::search::fold;
use crate::text;

/// Bigger than any cell's list by far; a larger file is something else (or a zip bomb).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Rows read below the header: a cell has tens of members, a đảng bộ's list a few hundred.
pub const MAX_ROWS: usize = 5000;
/// How far down the header row is looked for (title rows, the issuing body, a blank line).
const HEADER_SEARCH_ROWS: usize = 12;

/// A detail of a member that a column of the list can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetField {
    FullName,
    Position,
    Standing,
    BornOn,
    JoinedOn,
    CardNumber,
}

impl SheetField {
    pub const ALL: [SheetField; 6] = [
        SheetField::FullName,
        SheetField::Position,
        SheetField::Standing,
        SheetField::BornOn,
        SheetField::JoinedOn,
        SheetField::CardNumber,
    ];

    /// The header the exported list writes, and what the window calls the field.
    pub fn label(self) -> &'static str {
        match self {
            SheetField::FullName => "Họ và tên",
            SheetField::Position => "Chức vụ",
            SheetField::Standing => "Chính thức/Dự bị",
            SheetField::BornOn => "Ngày sinh",
            SheetField::JoinedOn => "Ngày vào Đảng",
            SheetField::CardNumber => "Số thẻ đảng viên",
        }
    }

    /// The word the command line's `--map` takes (`name=B,born=E`).
    pub fn key(self) -> &'static str {
        match self {
            SheetField::FullName => "name",
            SheetField::Position => "position",
            SheetField::Standing => "standing",
            SheetField::BornOn => "born",
            SheetField::JoinedOn => "joined",
            SheetField::CardNumber => "card",
        }
    }

    /// Which field a header names, compared without accents or case: "Họ và tên", "HỌ TÊN",
    /// "Chức vụ Đảng", "Ngày, tháng, năm sinh", "Ngày vào Đảng", "Ngày kết nạp", "Số thẻ ĐV",
    /// "Chính thức/Dự bị", "Đảng viên dự bị". "Ngày vào Đảng chính thức" (the day probation ended)
    /// is not the day of joining, and names no field.
    pub fn guess(header: &str) -> Option<SheetField> {
        let h = fold(&text::clean(header));
        let h = h.replace([',', '.', ':'], " ");
        let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
        if h.contains("ngay") || h.contains("nam sinh") {
            if h.contains("sinh") {
                Some(SheetField::BornOn)
            } else if (h.contains("vao dang") || h.contains("ket nap")) && !h.contains("chinh thuc")
            {
                Some(SheetField::JoinedOn)
            } else {
                None
            }
        } else if h.contains("ho va ten") || h.contains("ho ten") || h == "ten" {
            Some(SheetField::FullName)
        } else if h.contains("chuc vu") {
            Some(SheetField::Position)
        } else if h.contains("so the") || h.contains("the dang") {
            Some(SheetField::CardNumber)
        } else if h.contains("chinh thuc") || h.contains("du bi") || h.contains("loai dang vien") {
            Some(SheetField::Standing)
        } else {
            None
        }
    }
}

/// Which column (counted from 0: A is 0) holds each detail; none: the list does not have it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub full_name: Option<u32>,
    pub position: Option<u32>,
    pub standing: Option<u32>,
    pub born_on: Option<u32>,
    pub joined_on: Option<u32>,
    pub card_number: Option<u32>,
}

impl ColumnMapping {
    pub fn get(&self, field: SheetField) -> Option<u32> {
        match field {
            SheetField::FullName => self.full_name,
            SheetField::Position => self.position,
            SheetField::Standing => self.standing,
            SheetField::BornOn => self.born_on,
            SheetField::JoinedOn => self.joined_on,
            SheetField::CardNumber => self.card_number,
        }
    }

    pub fn set(&mut self, field: SheetField, column: Option<u32>) {
        let slot = match field {
            SheetField::FullName => &mut self.full_name,
            SheetField::Position => &mut self.position,
            SheetField::Standing => &mut self.standing,
            SheetField::BornOn => &mut self.born_on,
            SheetField::JoinedOn => &mut self.joined_on,
            SheetField::CardNumber => &mut self.card_number,
        };
        *slot = column;
    }

    /// Parses the command line's `name=B,position=C,born=E` (columns as letters or numbers
    /// from 1); the fields not named are left out.
    pub fn parse(spec: &str) -> std::result::Result<Self, String> {
        let mut mapping = ColumnMapping::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| format!("“{part}” không đúng dạng trường=cột (ví dụ name=B)."))?;
            let field = SheetField::ALL
                .into_iter()
                .find(|f| f.key() == key.trim())
                .ok_or_else(|| {
                    let keys: Vec<_> = SheetField::ALL.iter().map(|f| f.key()).collect();
                    format!("Không có trường “{key}”; các trường: {}.", keys.join(", "))
                })?;
            let column = column_index(column.trim())
                .ok_or_else(|| format!("“{column}” không phải là cột (A, B, … hoặc 1, 2, …)."))?;
            mapping.set(field, Some(column));
        }
        Ok(mapping)
    }
}

/// What the person chose: a sheet (none: the first) and a mapping (none: guessed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetChoice {
    pub sheet: Option<String>,
    pub mapping: Option<ColumnMapping>,
}

/// A column of the sheet, as the mapping offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetColumn {
    pub index: u32,
    /// "A", "B", …
    pub letter: String,
    /// The header row's text in that column (may be empty).
    pub header: String,
}

/// A field and its label, in the order the preview's columns show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetFieldLabel {
    pub field: SheetField,
    pub label: String,
}

/// One row of the list, as it will be imported, or refused with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetRow {
    /// The row's number as the spreadsheet shows it (from 1).
    pub row: u32,
    /// What each field reads, in the order of [`SheetPreview::fields`]: dates as dd/mm/yyyy,
    /// positions and standings by their labels once understood, else as written.
    pub values: Vec<String>,
    /// Why the row will not be imported, in Vietnamese; none: it will be.
    pub refusal: Option<String>,
}

/// What importing a member list would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetPreview {
    pub file_name: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// The header row's number (from 1); none when no header naming the members was found.
    pub header_row: Option<u32>,
    pub columns: Vec<SheetColumn>,
    pub mapping: ColumnMapping,
    pub fields: Vec<SheetFieldLabel>,
    pub rows: Vec<SheetRow>,
    pub accepted: u32,
    pub refused: u32,
    /// Empty rows below the header, skipped.
    pub empty: u32,
    /// What still keeps the import from starting (no name column), in Vietnamese.
    pub blocker: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetImport {
    pub created: u32,
    pub refused: u32,
}

/// A row understood, ready to be added.
struct Candidate {
    draft: MemberDraft,
}

fn sheet_error(message: impl Into<String>) -> Error {
    Error::invalid(Field::Sheet, message)
}

/// "A" → 0, "AB" → 27, "3" → 2.
fn column_index(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return n.checked_sub(1);
    }
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let n = s
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    Some(n - 1)
}

/// 0 → "A", 27 → "AB".
pub fn column_letter(mut index: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The sheet read into text and dates, rows and columns counted from the sheet's A1.
struct Grid {
    sheets: Vec<String>,
    sheet: String,
    rows: Vec<(u32, Vec<calamine::Data>)>,
}

fn read_grid(path: &Path, sheet: Option<&str>) -> Result<Grid> {
    use calamine::Reader;
    let shown = path
        .file_name()
        .map(|n| text::clean_file_name(&n.to_string_lossy()))
        .unwrap_or_default();
    let size = std::fs::metadata(path)
        .map_err(|e| {
            sheet_error(format!(
                "Không mở được tệp {shown}: {}.",
                crate::fsutil::io_reason(&e)
            ))
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(sheet_error(format!(
            "Tệp {shown} quá lớn cho một danh sách đảng viên (tối đa {} MB).",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let unreadable = || {
        sheet_error(format!(
            "Không đọc được {shown} như một bảng tính Excel (.xlsx, .xls) hay .ods: tệp bị hỏng, có mật khẩu, hoặc không phải bảng tính. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi thử lại."
        ))
    };
    // calamine reads a file that came from outside: a panic on a malformed one is a refusal.
    let path = path.to_path_buf();
    let wanted = sheet.map(str::to_string);
    let read = std::panic::catch_unwind(move || -> std::result::Result<Grid, Option<String>> {
        let mut book = calamine::open_workbook_auto(&path).map_err(|_| None)?;
        let sheets = book.sheet_names();
        let sheet = match wanted {
            Some(name) if sheets.contains(&name) => name,
            Some(name) => return Err(Some(name)),
            None => sheets.first().cloned().ok_or(None)?,
        };
        let range = book.worksheet_range(&sheet).map_err(|_| None)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .take(HEADER_SEARCH_ROWS + MAX_ROWS + 1)
            .enumerate()
            .map(|(i, cells)| {
                let mut row = vec![calamine::Data::Empty; left as usize];
                row.extend(cells.iter().cloned());
                (top + i as u32, row)
            })
            .collect();
        Ok(Grid {
            sheets,
            sheet,
            rows,
        })
    });
    match read {
        Ok(Ok(grid)) => Ok(grid),
        Ok(Err(Some(missing))) => Err(sheet_error(format!(
            "Tệp {shown} không có trang tính “{missing}”."
        ))),
        Ok(Err(None)) | Err(_) => Err(unreadable()),
    }
}

/// A cell as the person reads it: text trimmed, whole numbers without ".0" (card numbers are
/// often typed as numbers), dates as dd/mm/yyyy.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text::clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A date from a date cell, or from text written dd/mm/yyyy (also with - or .), or yyyy-mm-dd.
fn cell_date(cell: &calamine::Data, label: &str) -> std::result::Result<Option<NaiveDate>, String> {
    use calamine::Data;
    let shown = cell_text(cell);
    match cell {
        Data::Empty => Ok(None),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| Some(d.date()))
            .ok_or_else(|| format!("{label} “{shown}” không phải là ngày.")),
        Data::Int(_) | Data::Float(_) => {
            if let Ok(1900..=2100) = shown.parse::<i32>() {
                Err(format!(
                    "{label} chỉ ghi năm ({shown}): hãy ghi đủ ngày/tháng/năm."
                ))
            } else {
                Err(format!(
                    "{label} “{shown}” không phải là ngày (dd/mm/yyyy)."
                ))
            }
        }
        _ if shown.is_empty() => Ok(None),
        _ => parse_date_text(&shown).map(Some).ok_or_else(|| {
            if let Ok(1900..=2100) = shown.parse::<i32>() {
                format!("{label} chỉ ghi năm ({shown}): hãy ghi đủ ngày/tháng/năm.")
            } else {
                format!("{label} “{shown}” không đúng dạng ngày/tháng/năm (dd/mm/yyyy).")
            }
        }),
    }
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// "Bí thư", "Phó Bí thư chi bộ", "Chi ủy viên", "Đảng viên" (or nothing: a member).
fn position_of(text: &str) -> Option<Position> {
    let f = fold(text);
    let f = f.trim();
    if f.is_empty() || f == "dang vien" || f == "dv" {
        Some(Position::Member)
    } else if f.contains("pho bi thu") {
        Some(Position::DeputySecretary)
    } else if f.contains("bi thu") {
        Some(Position::Secretary)
    } else if f.contains("uy vien") {
        Some(Position::CommitteeMember)
    } else {
        None
    }
}

/// "Chính thức" / "CT", "Dự bị" / "DB" (or nothing: a full member).
fn standing_of(text: &str) -> Option<Standing> {
    let f = fold(text);
    let f = f.trim();
    if f.contains("du bi") || f == "db" {
        Some(Standing::Probationary)
    } else if f.is_empty() || f.contains("chinh thuc") || f == "ct" {
        Some(Standing::Full)
    } else {
        None
    }
}

/// The row the headers are on: the first naming the members' names, below any title rows.
fn find_header(grid: &Grid) -> Option<usize> {
    grid.rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|(_, cells)| {
            cells
                .iter()
                .any(|c| SheetField::guess(&cell_text(c)) == Some(SheetField::FullName))
        })
}

fn guess_mapping(headers: &[calamine::Data]) -> ColumnMapping {
    let mut mapping = ColumnMapping::default();
    for (i, cell) in headers.iter().enumerate() {
        if let Some(field) = SheetField::guess(&cell_text(cell)) {
            if mapping.get(field).is_none() {
                mapping.set(field, Some(i as u32));
            }
        }
    }
    mapping
}

/// Reads one row into a member, or says why it cannot be one. Duplicates are decided later,
/// against the rows before it and the cell's members.
fn understand(
    cells: &[calamine::Data],
    mapping: &ColumnMapping,
    organisation: OrganisationId,
    today: NaiveDate,
) -> (Vec<String>, std::result::Result<Candidate, String>) {
    let cell = |field: SheetField| {
        mapping
            .get(field)
            .and_then(|c| cells.get(c as usize))
            .cloned()
            .unwrap_or(calamine::Data::Empty)
    };
    let mut values: Vec<String> = SheetField::ALL
        .iter()
        .map(|f| cell_text(&cell(*f)))
        .collect();
    let full_name = values[0].clone();
    let position = position_of(&values[1]);
    let standing = standing_of(&values[2]);
    if let Some(p) = position {
        values[1] = p.label().to_string();
    }
    if let Some(s) = standing {
        values[2] = s.label().to_string();
    }
    let result = (|| {
        if full_name.is_empty() {
            return Err("Thiếu họ và tên.".to_string());
        }
        if full_name.chars().any(|c| c.is_ascii_digit()) {
            return Err(format!(
                "“{full_name}” không phải là họ và tên (có chữ số)."
            ));
        }
        let position = position.ok_or_else(|| {
            format!("Chức vụ “{}” không rõ: chỉ nhận Bí thư, Phó Bí thư, Cấp ủy viên hoặc Đảng viên (nếu cột này ghi chức vụ chính quyền, hãy bỏ chọn cột Chức vụ).", values[1])
        })?;
        let standing =
            standing.ok_or_else(|| format!("“{}” không phải Chính thức hay Dự bị.", values[2]))?;
        let born_on = cell_date(&cell(SheetField::BornOn), "Ngày sinh")?;
        let joined_on = cell_date(&cell(SheetField::JoinedOn), "Ngày vào Đảng")?;
        if let Some((_, problem)) = member::dates_problem(born_on, joined_on, today) {
            return Err(problem);
        }
        let card = &values[5];
        Ok(Candidate {
            draft: MemberDraft {
                organisation_id: organisation,
                full_name: full_name.clone(),
                position,
                standing,
                record: MemberRecord {
                    born_on,
                    joined_on,
                    card_number: (!card.is_empty()).then(|| card.clone()),
                },
            },
        })
    })();
    if let Ok(c) = &result {
        for (i, date) in [(3, c.draft.record.born_on), (4, c.draft.record.joined_on)] {
            if let Some(d) = date {
                values[i] = d.format("%d/%m/%Y").to_string();
            }
        }
    }
    (values, result)
}

/// The cell's rules for each row, in order: those of the form (a name, no namesake among the
/// cell's members, one secretary), and within the list no name, card or secretary twice.
fn judge(
    conn: &Connection,
    candidate: &Candidate,
    row: u32,
    seen: &mut Seen,
) -> std::result::Result<(), String> {
    let draft = &candidate.draft;
    let name_key = text::identity_key(&draft.full_name);
    if let Some(first) = seen.names.get(&name_key) {
        return Err(format!("Trùng họ và tên với dòng {first}."));
    }
    if let Some(card) = &candidate.draft.record.card_number {
        if let Some(first) = seen.cards.get(card) {
            return Err(format!("Trùng số thẻ {card} với dòng {first}."));
        }
    }
    // Against the members already recorded (a card another member holds, in any cell) the
    // form's rules decide, below.
    if draft.position == Position::Secretary {
        if let Some(first) = seen.secretary {
            return Err(format!(
                "Chi bộ chỉ có một Bí thư; dòng {first} đã ghi Bí thư."
            ));
        }
    }
    member::check(conn, draft, None).map_err(|e| e.to_string())?;
    seen.names.insert(name_key, row);
    if let Some(card) = &candidate.draft.record.card_number {
        seen.cards.insert(card.clone(), row);
    }
    if draft.position == Position::Secretary {
        seen.secretary = Some(row);
    }
    Ok(())
}

#[derive(Default)]
struct Seen {
    names: HashMap<String, u32>,
    cards: HashMap<String, u32>,
    secretary: Option<u32>,
}

/// The preview, and the members it would add with the row each comes from.
fn plan(
    conn: &Connection,
    path: &Path,
    organisation: OrganisationId,
    choice: &SheetChoice,
    today: NaiveDate,
) -> Result<(SheetPreview, Vec<(u32, Candidate)>)> {
    let cell = organisation::get(conn, organisation)?;
    if !matches!(cell.placement, Placement::Cell { .. }) {
        return Err(Error::invalid(
            Field::OrganisationId,
            "Danh sách đảng viên được nhập vào một chi bộ: hãy chọn chi bộ, không phải đảng bộ.",
        ));
    }
    let grid = read_grid(path, choice.sheet.as_deref())?;
    let header_at = find_header(&grid);
    let header_cells: &[calamine::Data] =
        header_at.map(|i| grid.rows[i].1.as_slice()).unwrap_or(&[]);
    let width = grid.rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let columns = (0..width as u32)
        .map(|i| SheetColumn {
            index: i,
            letter: column_letter(i),
            header: header_cells
                .get(i as usize)
                .map(cell_text)
                .unwrap_or_default(),
        })
        .collect();
    let mapping = choice
        .mapping
        .clone()
        .unwrap_or_else(|| guess_mapping(header_cells));
    let blocker = mapping
        .full_name
        .is_none()
        .then(|| "Chưa biết cột nào ghi họ và tên: hãy chọn cột Họ và tên.".to_string());

    let mut rows = Vec::new();
    let mut accepted = Vec::new();
    let mut empty = 0;
    let mut seen = Seen::default();
    let first_data = header_at.map_or(0, |h| h + 1);
    if blocker.is_none() {
        for (row_index, cells) in grid.rows.iter().skip(first_data).take(MAX_ROWS) {
            let row = row_index + 1;
            let mapped_empty = SheetField::ALL.iter().all(|f| {
                mapping
                    .get(*f)
                    .and_then(|c| cells.get(c as usize))
                    .is_none_or(|c| cell_text(c).is_empty())
            });
            if mapped_empty {
                empty += 1;
                continue;
            }
            let (values, understood) = understand(cells, &mapping, organisation, today);
            let outcome = understood.and_then(|c| judge(conn, &c, row, &mut seen).map(|()| c));
            match outcome {
                Ok(candidate) => {
                    rows.push(SheetRow {
                        row,
                        values,
                        refusal: None,
                    });
                    accepted.push((row, candidate));
                }
                Err(why) => rows.push(SheetRow {
                    row,
                    values,
                    refusal: Some(why),
                }),
            }
        }
    }
    let refused = rows.iter().filter(|r| r.refusal.is_some()).count() as u32;
    let preview = SheetPreview {
        file_name: path
            .file_name()
            .map(|n| text::clean_file_name(&n.to_string_lossy()))
            .unwrap_or_default(),
        sheets: grid.sheets,
        sheet: grid.sheet,
        header_row: header_at.map(|i| grid.rows[i].0 + 1),
        columns,
        mapping,
        fields: SheetField::ALL
            .iter()
            .map(|f| SheetFieldLabel {
                field: *f,
                label: f.label().to_string(),
            })
            .collect(),
        accepted: accepted.len() as u32,
        refused,
        empty,
        blocker,
        rows,
    };
    Ok((preview, accepted))
}

impl Database {
    /// What importing the member list at `path` into the cell would do; writes nothing.
    pub fn preview_member_sheet(
        &self,
        path: &Path,
        organisation: OrganisationId,
        choice: &SheetChoice,
    ) -> Result<SheetPreview> {
        let today = self.today();
        self.read(|c| plan(c, path, organisation, choice, today).map(|(p, _)| p))
    }

    /// Adds the accepted rows of the member list at `path` to the cell, all in one transaction
    /// (read again: what is written is what the rules say now), each member with a trail entry
    /// naming the file and row. Refused rows are left out, as the preview showed.
    pub fn import_member_sheet(
        &self,
        path: &Path,
        organisation: OrganisationId,
        choice: &SheetChoice,
    ) -> Result<SheetImport> {
        self.require(crate::permission::Action::EditMembers)?;
        let today = self.today();
        self.write(|tx| {
            let (preview, accepted) = plan(tx, path, organisation, choice, today)?;
            if let Some(blocker) = preview.blocker {
                return Err(Error::invalid(Field::Mapping, blocker));
            }
            if accepted.is_empty() {
                return Err(sheet_error(format!(
                    "Không có dòng nào của {} nhập được: chưa thêm đảng viên nào.",
                    preview.file_name
                )));
            }
            for (row, candidate) in &accepted {
                member::insert(
                    tx,
                    &candidate.draft,
                    Some(format!("Nhập từ tệp {}, dòng {row}", preview.file_name)),
                )?;
            }
            Ok(SheetImport {
                created: accepted.len() as u32,
                refused: preview.refused,
            })
        })
    }

    /// The cell's active members as an .xlsx list: a title row, then the header row the
    /// import recognises, then one row per member with real date cells.
    pub fn member_sheet(&self, organisation: OrganisationId) -> Result<Vec<u8>> {
        let cell = self.read(|c| organisation::get(c, organisation))?;
        let members = self.members(Some(organisation), false)?;
        write_sheet(&cell.name, &members)
            .map_err(|e| Error::invalid(Field::Sheet, format!("Không tạo được tệp Excel: {e}.")))
    }

    /// Writes [`Database::member_sheet`] to `target` (atomically) and records the export in
    /// the organisation's trail with the file's SHA-256, in one transaction, as every export.
    pub fn export_member_sheet(&self, organisation: OrganisationId, target: &Path) -> Result<()> {
        self.require(crate::permission::Action::Export)?;
        let bytes = self.member_sheet(organisation)?;
        self.write_export_file(
            crate::export::Exported::MemberSheet(organisation),
            "xlsx",
            target,
            &bytes,
        )
    }
}

fn write_sheet(
    cell_name: &str,
    members: &[member::Member],
) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Danh sách đảng viên")?;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let body = Format::new().set_border(FormatBorder::Thin);
    let date = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("dd/mm/yyyy");
    let last_column = SheetField::ALL.len() as u16;
    sheet.merge_range(
        0,
        0,
        0,
        last_column,
        &format!("DANH SÁCH ĐẢNG VIÊN {}", cell_name.to_uppercase()),
        &title,
    )?;
    sheet.write_string_with_format(1, 0, "STT", &header)?;
    for (i, field) in SheetField::ALL.iter().enumerate() {
        sheet.write_string_with_format(1, i as u16 + 1, field.label(), &header)?;
    }
    for (i, m) in members.iter().enumerate() {
        let row = i as u32 + 2;
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &body)?;
        sheet.write_string_with_format(row, 1, &m.full_name, &body)?;
        sheet.write_string_with_format(row, 2, m.position.label(), &body)?;
        sheet.write_string_with_format(row, 3, m.standing.label(), &body)?;
        for (column, day) in [(4, m.record.born_on), (5, m.record.joined_on)] {
            match day {
                Some(d) => sheet.write_datetime_with_format(row, column, d, &date)?,
                None => sheet.write_blank(row, column, &body)?,
            };
        }
        // Text, so that a card number keeps its leading zeros.
        match &m.record.card_number {
            Some(card) => sheet.write_string_with_format(row, 6, card, &body)?,
            None => sheet.write_blank(row, 6, &body)?,
        };
    }
    for (column, width) in [
        (0, 5.0),
        (1, 30.0),
        (2, 14.0),
        (3, 17.0),
        (4, 12.0),
        (5, 14.0),
        (6, 17.0),
    ] {
        sheet.set_column_width(column, width)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_without_accents_or_case() {
        let cases = [
            ("HỌ VÀ TÊN", Some(SheetField::FullName)),
            ("Ho ten", Some(SheetField::FullName)),
            ("Chức vụ Đảng", Some(SheetField::Position)),
            ("Ngày, tháng, năm sinh", Some(SheetField::BornOn)),
            ("Ngày vào Đảng", Some(SheetField::JoinedOn)),
            ("Ngày kết nạp", Some(SheetField::JoinedOn)),
            ("Ngày vào Đảng chính thức", None),
            ("Số thẻ ĐV", Some(SheetField::CardNumber)),
            ("Chính thức/Dự bị", Some(SheetField::Standing)),
            ("STT", None),
        ];
        for (header, field) in cases {
            assert_eq!(SheetField::guess(header), field, "the header “{header}”");
        }
    }

    #[test]
    fn columns_are_named_by_letters_both_ways() {
        for (letters, index) in [("A", 0), ("Z", 25), ("AA", 26), ("AB", 27), ("3", 2)] {
            assert_eq!(column_index(letters), Some(index), "{letters}");
        }
        for (index, letters) in [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")] {
            assert_eq!(column_letter(index), letters);
        }
        let mapping = ColumnMapping::parse("name=B, born=e,card=7").unwrap();
        assert_eq!(
            (
                mapping.full_name,
                mapping.born_on,
                mapping.card_number,
                mapping.position
            ),
            (Some(1), Some(4), Some(6), None)
        );
        assert!(ColumnMapping::parse("age=C")
            .unwrap_err()
            .contains("Không có trường"));
    }

    #[test]
    fn dates_are_read_from_text_as_day_month_year() {
        assert_eq!(
            parse_date_text("06/06/2024"),
            NaiveDate::from_ymd_opt(2024, 6, 6)
        );
        assert_eq!(
            parse_date_text("6-6-2024"),
            NaiveDate::from_ymd_opt(2024, 6, 6)
        );
        assert_eq!(
            parse_date_text("2024-06-06"),
            NaiveDate::from_ymd_opt(2024, 6, 6)
        );
        assert_eq!(parse_date_text("31/02/1980"), None);
        assert_eq!(parse_date_text("06/06/24"), None);
    }

    #[test]
    fn positions_and_standings_are_read_as_written_in_lists() {
        assert_eq!(
            position_of("Phó Bí thư chi bộ"),
            Some(Position::DeputySecretary)
        );
        assert_eq!(position_of("BÍ THƯ"), Some(Position::Secretary));
        assert_eq!(position_of("Chi ủy viên"), Some(Position::CommitteeMember));
        assert_eq!(position_of(""), Some(Position::Member));
        assert_eq!(position_of("Trưởng phòng"), None);
        assert_eq!(standing_of("dự bị"), Some(Standing::Probationary));
        assert_eq!(standing_of("CT"), Some(Standing::Full));
        assert_eq!(standing_of("quần chúng"), None);
    }
}
