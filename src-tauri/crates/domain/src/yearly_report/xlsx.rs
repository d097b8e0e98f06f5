//! The yearly report as a workbook, for a committee that adds up, filters and sends the figures
//! on: one sheet per table, each with a bold header row frozen at the top (and repeated on
//! every printed page), numbers as numbers, dates as dates (shown dd/mm/yyyy), the rate as a
//! percentage, columns as wide as their Vietnamese text.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{AttendanceFigures, TopicCounts, YearlyReport, WHOLE_YEAR};

/// Why a workbook could not be made (a bug of ours, not of the user's data).
#[derive(Debug, thiserror::Error)]
#[error("Không tạo được tệp Excel của báo cáo: {0}")]
pub struct WorkbookError(String);

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        WorkbookError(e.to_string())
    }
}

/// The sheets' names (at most 31 characters, Excel's limit).
pub const SHEET_QUARTERS: &str = "Chuyên đề theo quý";
pub const SHEET_ATTENDANCE: &str = "Dự sinh hoạt, ý kiến";
pub const SHEET_APPROVED: &str = "Chuyên đề đã duyệt";
pub const SHEET_MISSES: &str = "Yêu cầu chưa đạt";

/// One cell's value.
enum Value {
    Text(String),
    Number(i64),
    Percent(Option<i64>),
    Date(Option<NaiveDate>),
}

/// A sheet as rows under a header; `total_from` marks the rows of totals (set in bold).
struct Sheet {
    name: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
    total_from: Option<usize>,
}

/// Letters of `text` as they take width: Vietnamese tone marks add none, so combining marks
/// are not counted.
fn letters(text: &str) -> usize {
    text.chars()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .count()
}

/// A column's width in Excel's units (about one digit of the default font): the longest text
/// in letters with a little room, capped so that long titles and reasons wrap instead.
fn width_of(texts: impl Iterator<Item = String>) -> f64 {
    let longest = texts
        .map(|t| t.lines().map(letters).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    (longest as f64 * 1.1 + 2.0).clamp(8.0, 70.0)
}

/// How many lines `text` takes wrapped at its spaces in a column `width` wide: spreadsheet
/// programs keep a row's stored height, so a row of wrapped text is given the height it needs.
fn lines_in(text: &str, width: f64) -> usize {
    let room = ((width - 1.0) / 1.1).max(1.0) as usize;
    text.lines()
        .map(|line| {
            let mut lines = 1;
            let mut used = 0;
            for word in line.split_whitespace() {
                let n = letters(word);
                if used > 0 && used + 1 + n > room {
                    lines += 1;
                    used = n;
                } else {
                    used += n + usize::from(used > 0);
                }
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

/// The default font's line, in points.
const LINE_PT: f64 = 15.0;

fn shown(v: &Value) -> String {
    match v {
        Value::Text(t) => t.clone(),
        Value::Number(n) => n.to_string(),
        Value::Percent(p) => p.map(|p| format!("{p}%")).unwrap_or_default(),
        Value::Date(_) => "00/00/0000".into(),
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), WorkbookError> {
    let border = Format::new().set_border(FormatBorder::Thin);
    let header = border
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#E7E6E6");
    let text = border.clone().set_text_wrap().set_align(FormatAlign::Top);
    let number = border.clone().set_align(FormatAlign::Top);
    let percent = number.clone().set_num_format("0%");
    let date = number.clone().set_num_format("dd/mm/yyyy");
    ws.set_name(sheet.name)?;
    let widths: Vec<f64> = (0..sheet.columns.len())
        .map(|c| {
            // A header wraps at its spaces: its longest word is what must fit.
            let header_words = sheet.columns[c].split_whitespace().map(String::from);
            let cells = sheet.rows.iter().filter_map(|r| r.get(c)).map(shown);
            width_of(header_words.chain(cells))
        })
        .collect();
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    let height = |texts: &mut dyn Iterator<Item = (usize, String)>| {
        texts
            .map(|(c, t)| lines_in(&t, widths[c]))
            .max()
            .unwrap_or(1)
    };
    for (c, name) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &header)?;
    }
    let header_lines = height(&mut sheet.columns.iter().map(|n| n.to_string()).enumerate());
    ws.set_row_height(0, LINE_PT * header_lines as f64 + 2.0)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let total = sheet.total_from.is_some_and(|from| r >= from);
        let bold = |f: &Format| {
            if total {
                f.clone().set_bold()
            } else {
                f.clone()
            }
        };
        let at = (r + 1) as u32;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Text(t) => ws.write_string_with_format(at, c, t, &bold(&text))?,
                Value::Number(n) => {
                    ws.write_number_with_format(at, c, *n as f64, &bold(&number))?
                }
                Value::Percent(Some(p)) => {
                    ws.write_number_with_format(at, c, *p as f64 / 100.0, &bold(&percent))?
                }
                Value::Date(Some(d)) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(at, c, &day, &bold(&date))?
                }
                Value::Percent(None) | Value::Date(None) => {
                    ws.write_blank(at, c, &bold(&number))?
                }
            };
        }
        let lines = height(&mut row.iter().map(shown).enumerate());
        if lines > 1 {
            ws.set_row_height(at, LINE_PT * lines as f64)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    if !sheet.rows.is_empty() {
        let last_row = sheet.total_from.unwrap_or(sheet.rows.len()) as u32;
        ws.autofilter(0, 0, last_row, (sheet.columns.len() - 1) as u16)?;
    }
    Ok(())
}

fn counts(first: Vec<Value>, c: &TopicCounts) -> Vec<Value> {
    first
        .into_iter()
        .chain(c.values().into_iter().map(Value::Number))
        .collect()
}

fn attendance(name: &str, a: &AttendanceFigures) -> Vec<Value> {
    vec![
        Value::Text(name.into()),
        Value::Number(a.sessions),
        Value::Number(a.called),
        Value::Number(a.present),
        Value::Number(a.excused),
        Value::Number(a.unexcused),
        Value::Percent(a.rate_percent()),
        Value::Number(a.comments),
        Value::Number(a.measures),
    ]
}

fn sheets(r: &YearlyReport) -> Vec<Sheet> {
    let text = |s: &str| Value::Text(s.to_string());
    let mut quarters: Vec<Vec<Value>> = r
        .units
        .iter()
        .flat_map(|u| {
            u.quarters.iter().map(|q| {
                counts(
                    vec![text(&u.organisation_name), text(&q.quarter_label)],
                    &q.counts,
                )
            })
        })
        .collect();
    let total_from = quarters.len();
    let everyone = format!("Cộng {}", r.organisation_name);
    quarters.extend(
        r.quarters
            .iter()
            .map(|q| counts(vec![text(&everyone), text(&q.quarter_label)], &q.counts)),
    );
    quarters.push(counts(vec![text(&everyone), text(WHOLE_YEAR)], &r.total));
    let mut columns = vec!["Đơn vị", "Quý"];
    columns.extend(TopicCounts::LABELS);

    let mut present: Vec<Vec<Value>> = r
        .units
        .iter()
        .map(|u| attendance(&u.organisation_name, &u.attendance))
        .collect();
    let present_total = present.len();
    present.push(attendance(&everyone, &r.attendance));

    vec![
        Sheet {
            name: SHEET_QUARTERS,
            columns,
            rows: quarters,
            total_from: Some(total_from),
        },
        Sheet {
            name: SHEET_ATTENDANCE,
            columns: vec![
                "Đơn vị",
                "Buổi sinh hoạt chuyên đề",
                "Lượt triệu tập",
                "Lượt có mặt",
                "Vắng có lý do",
                "Vắng không lý do",
                "Tỷ lệ có mặt",
                "Ý kiến thảo luận",
                "Đề xuất biện pháp",
            ],
            rows: present,
            total_from: Some(present_total),
        },
        Sheet {
            name: SHEET_APPROVED,
            columns: vec![
                "Đơn vị",
                "Quý",
                "Chuyên đề",
                "Đảng viên trình bày",
                "Ngày sinh hoạt",
                "Ngày duyệt",
            ],
            rows: r
                .approved
                .iter()
                .map(|t| {
                    vec![
                        text(&t.organisation_name),
                        text(t.quarter.label()),
                        text(&t.title),
                        text(&t.presenters),
                        Value::Date(t.held_on),
                        Value::Date(t.approved_on),
                    ]
                })
                .collect(),
            total_from: None,
        },
        Sheet {
            name: SHEET_MISSES,
            columns: vec!["Đơn vị", "Thời gian", "Yêu cầu", "Lý do"],
            rows: r
                .misses
                .iter()
                .map(|m| {
                    vec![
                        text(&m.organisation_name),
                        text(&m.period),
                        text(&m.rule),
                        Value::Text(m.reasons.join("\n")),
                    ]
                })
                .collect(),
            total_from: None,
        },
    ]
}

/// The report as an .xlsx file.
pub fn write(report: &YearlyReport) -> Result<Vec<u8>, WorkbookError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Báo cáo kết quả sinh hoạt chuyên đề năm {}",
                report.year
            ))
            .set_author(&report.organisation_name)
            .set_subject(format!(
                "{} — năm {}",
                report.organisation_name, report.year
            )),
    );
    for sheet in sheets(report) {
        let ws = workbook.add_worksheet();
        write_sheet(ws, &sheet)?;
    }
    Ok(workbook.save_to_buffer()?)
}
