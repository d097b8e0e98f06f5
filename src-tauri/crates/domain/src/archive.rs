//! A year's archive (*hồ sơ lưu trữ*): one PDF of an organisation's year for the paper file, in
//! order — the contents, the yearly plan, then each topic in the plan's order with its approved
//! outline (closed by the committee's decision: who approved which version, when, its SHA-256)
//! and the minutes of the session where it was presented — with PDF bookmarks naming each part.
//!
//! Each part is the very document the app issues on its own (the same model and renderer), and
//! the file is those PDFs put together page for page (lopdf, already here under pdf-extract):
//! a part reads in the archive exactly as it reads printed alone, and the archive's pages are
//! the sum of its parts' pages and the contents'. The contents page is a Party document of its
//! own, listing each part with the page of the file it starts on.
//!
//! The archive is of the organisation itself: a đảng bộ's holds its plan and its own topics, a
//! cell's its own; each keeps its own file.

use std::collections::HashSet;

use lopdf::{Bookmark, Dictionary, Document, Object, ObjectId};
use rusqlite::params;

use crate::cycle::Refusal;
use crate::db::Database;
use crate::error::{Error, Result};
use crate::minutes::build::date_words;
use crate::minutes::issuer;
use crate::minutes::model::{DocumentHeader, DocumentParagraph, PartyDocument};
use crate::minutes::numbering;
use crate::organisation::OrganisationId;
use crate::plan::Quarter;
use crate::session::SessionId;
use crate::topic::TopicId;
use crate::topic_state::TopicState;

/// One document of the archive.
#[derive(Debug, Clone)]
pub struct ArchivePart {
    /// What its bookmark and its line of the contents say: "Biên bản sinh hoạt chuyên đề ngày
    /// 20/04/2025".
    pub title: String,
    /// The topic it belongs to ("Quý II: Trách nhiệm nêu gương …"), under whose bookmark it
    /// stands; None for the plan.
    pub topic: Option<String>,
    pub document: PartyDocument,
}

/// What goes into a year's archive, before it is rendered.
#[derive(Debug, Clone)]
pub struct ArchiveBook {
    pub organisation_id: OrganisationId,
    pub organisation_name: String,
    pub year: i32,
    /// The contents page as issued (header, title), its table filled in at rendering.
    pub contents: PartyDocument,
    pub parts: Vec<ArchivePart>,
}

/// Where a part stands in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedPart {
    pub title: String,
    pub topic: Option<String>,
    /// The page of the file it starts on, from 1.
    pub first_page: usize,
    pub pages: usize,
}

/// The archive as a PDF, and where each part stands in it.
#[derive(Debug, Clone)]
pub struct Archive {
    pub pdf: Vec<u8>,
    pub contents_pages: usize,
    pub parts: Vec<PlacedPart>,
}

/// The bookmark of the contents.
pub const CONTENTS_TITLE: &str = "Mục lục";

/// Why the archive's file could not be made (a bug of ours, not of the user's data).
#[derive(Debug, thiserror::Error)]
#[error("Không tạo được hồ sơ lưu trữ: {0}")]
pub struct ArchiveError(String);

impl From<crate::minutes::pdf::PdfError> for ArchiveError {
    fn from(e: crate::minutes::pdf::PdfError) -> Self {
        ArchiveError(e.to_string())
    }
}

impl From<lopdf::Error> for ArchiveError {
    fn from(e: lopdf::Error) -> Self {
        ArchiveError(e.to_string())
    }
}

/// A topic of the plan, in the plan's order, with the thematic sessions that presented it.
struct FiledTopic {
    id: TopicId,
    quarter: Quarter,
    title: String,
    sessions: Vec<(SessionId, chrono::NaiveDate)>,
}

impl Database {
    /// The documents of `org`'s archive of `year`, in order. Refused when the organisation has
    /// no plan that year (there is nothing to file).
    pub fn archive_book(&self, org: OrganisationId, year: i32) -> Result<ArchiveBook> {
        self.require(crate::permission::Action::Export)?;
        let plan = self.plan_document(org, year)?;
        let organisation = self.organisation(org)?;
        let settings = self.organisation_settings(org)?;
        let issuer = issuer::issuer(&organisation, &settings);
        let today = self.today();
        let topics = self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT t.id, t.quarter, t.title FROM topic t JOIN plan p ON p.id = t.plan_id
                  WHERE p.organisation_id = ?1 AND p.year = ?2 AND t.state <> ?3
                  ORDER BY t.quarter, t.planned_on IS NULL, t.planned_on, t.id",
            )?;
            let rows = stmt
                .query_map(params![org.0, year, TopicState::Cancelled.as_str()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, u8>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut sessions = c.prepare(
                "SELECT s.id, s.held_on FROM session_topic st JOIN session s ON s.id = st.session_id
                  WHERE st.topic_id = ?1 AND s.kind = 'thematic' AND s.held_on <= ?2
                  ORDER BY s.held_on, s.id",
            )?;
            rows.into_iter()
                .filter_map(|(id, q, title)| Some((id, Quarter::new(q)?, title)))
                .map(|(id, quarter, title)| {
                    Ok(FiledTopic {
                        id: TopicId(id),
                        quarter,
                        title,
                        sessions: sessions
                            .query_map(params![id, today], |r| {
                                Ok((SessionId(r.get(0)?), r.get(1)?))
                            })?
                            .collect::<rusqlite::Result<Vec<_>>>()?,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })?;

        let mut parts = vec![ArchivePart {
            title: format!("Kế hoạch sinh hoạt chuyên đề năm {year}"),
            topic: None,
            document: plan,
        }];
        // A session that presented two topics is filed once, with the first.
        let mut filed: HashSet<SessionId> = HashSet::new();
        for t in topics {
            let topic = Some(format!("{}: {}", t.quarter.label(), t.title));
            // Its latest approved version (one corrected since stays filed as approved).
            match self.approved_outline_document(t.id) {
                Ok(document) => parts.push(ArchivePart {
                    title: "Đề cương đã duyệt và quyết định duyệt của cấp ủy".into(),
                    topic: topic.clone(),
                    document,
                }),
                // Never approved (yet): the topic is filed with its minutes alone.
                Err(Error::Cycle(Refusal::NotApproved)) => {}
                Err(e) => return Err(e),
            }
            for (session, held_on) in t.sessions {
                if filed.insert(session) {
                    parts.push(ArchivePart {
                        title: format!(
                            "Biên bản sinh hoạt chuyên đề ngày {}",
                            held_on.format("%d/%m/%Y")
                        ),
                        topic: topic.clone(),
                        document: self.filed_minutes(session)?,
                    });
                }
            }
        }
        let contents = PartyDocument {
            header: DocumentHeader {
                parent: issuer.parent,
                issuer: issuer.issuer,
                number: String::new(),
                place_and_date: format!(
                    "{}{}",
                    numbering::place_prefix(&settings),
                    date_words(today, settings.date_leading_zero)
                ),
            },
            title: "HỒ SƠ LƯU TRỮ".into(),
            subject: format!("sinh hoạt chuyên đề năm {year} — {}", &organisation.name),
            body: Vec::new(),
            signatures: Vec::new(),
            recipients: Vec::new(),
        };
        Ok(ArchiveBook {
            organisation_id: org,
            organisation_name: organisation.name.clone(),
            year,
            contents,
            parts,
        })
    }
}

impl Database {
    /// The minutes the file keeps: the latest signed revision, as it was signed (a correction
    /// not yet signed is not yet a document); minutes never signed as they stand.
    fn filed_minutes(&self, session: SessionId) -> Result<PartyDocument> {
        let latest = self.minutes_record(session)?;
        if latest.signed.is_none() {
            if let Some(signed) = latest
                .revisions
                .iter()
                .rev()
                .find(|r| r.signed_on.is_some())
            {
                return Ok(self.minutes_revision(session, signed.revision)?.document);
            }
        }
        Ok(latest.document)
    }
}

/// The contents page with each part's line and the page of the file it starts on.
fn contents(book: &ArchiveBook, placed: &[PlacedPart], total_pages: usize) -> PartyDocument {
    let mut document = book.contents.clone();
    let mut rows = Vec::new();
    let mut topic: Option<&str> = None;
    let mut n = 0;
    for p in placed {
        // A topic's heading line, then its documents indented under it.
        if p.topic.as_deref() != topic {
            topic = p.topic.as_deref();
            if let Some(t) = topic {
                rows.push(vec![String::new(), t.to_string(), String::new()]);
            }
        }
        n += 1;
        let title = if p.topic.is_some() {
            format!("– {}", p.title)
        } else {
            p.title.clone()
        };
        rows.push(vec![n.to_string(), title, p.first_page.to_string()]);
    }
    document.body = vec![
        DocumentParagraph::heading("MỤC LỤC"),
        DocumentParagraph::Table {
            columns: ["STT", "Tài liệu", "Trang"].map(String::from).to_vec(),
            rows,
        },
        DocumentParagraph::text(format!(
            "Hồ sơ gồm {} tài liệu, {total_pages} trang (kể cả mục lục).",
            placed.len()
        )),
    ];
    document
}

fn page_count(pdf: &[u8]) -> std::result::Result<usize, ArchiveError> {
    Ok(Document::load_mem(pdf)?.get_pages().len())
}

/// A text string of a PDF dictionary (UTF-16BE with its byte-order mark: Vietnamese letters).
fn pdf_text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Renders every part, then the contents, and puts them together with the bookmarks.
/// `progress(done, total)` is called after each document rendered.
pub fn render(
    book: &ArchiveBook,
    mut progress: impl FnMut(usize, usize),
) -> std::result::Result<Archive, ArchiveError> {
    let total = book.parts.len() + 1;
    let mut pdfs = Vec::with_capacity(total);
    for (i, part) in book.parts.iter().enumerate() {
        pdfs.push(crate::minutes::render(
            &part.document,
            crate::minutes::DocumentFormat::Pdf,
        )?);
        progress(i + 1, total);
    }
    let counts = pdfs
        .iter()
        .map(|p| page_count(p))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let place = |contents_pages: usize| {
        let mut next = contents_pages + 1;
        book.parts
            .iter()
            .zip(&counts)
            .map(|(part, &pages)| {
                let placed = PlacedPart {
                    title: part.title.clone(),
                    topic: part.topic.clone(),
                    first_page: next,
                    pages,
                };
                next += pages;
                placed
            })
            .collect::<Vec<_>>()
    };
    // The contents' own length decides where the parts start: laid out until it agrees with
    // itself (once more at most: a page number's digits hardly change its length).
    let parts_pages: usize = counts.iter().sum();
    let mut contents_pages = 1;
    let (contents_pdf, placed) = loop {
        let placed = place(contents_pages);
        let pdf = crate::minutes::render(
            &contents(book, &placed, contents_pages + parts_pages),
            crate::minutes::DocumentFormat::Pdf,
        )?;
        let pages = page_count(&pdf)?;
        if pages == contents_pages {
            break (pdf, placed);
        }
        contents_pages = pages;
    };
    progress(total, total);
    let mut documents = vec![contents_pdf];
    documents.extend(pdfs);
    let title = format!(
        "Hồ sơ lưu trữ sinh hoạt chuyên đề năm {} — {}",
        book.year, book.organisation_name
    );
    let pdf = merge(&documents, &placed, &title)?;
    Ok(Archive {
        pdf,
        contents_pages,
        parts: placed,
    })
}

/// The sheet's number in the file, bottom right (*số tờ* of a paper file): what the contents'
/// page numbers refer to, apart from each document's own numbers at the top. Each page's own
/// drawing is wrapped in q … Q so that nothing it leaves set moves the number.
fn stamp_sheet_numbers(
    merged: &mut Document,
    pages: &[ObjectId],
) -> std::result::Result<(), ArchiveError> {
    use lopdf::Stream;
    let mut font = Dictionary::new();
    font.set("Type", "Font");
    font.set("Subtype", "Type1");
    font.set("BaseFont", "Times-Roman");
    let font = merged.add_object(font);
    let save = merged.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let restore = merged.add_object(Stream::new(Dictionary::new(), b"\nQ\n".to_vec()));
    for (n, page) in pages.iter().enumerate() {
        let dict = merged.get_dictionary(*page)?.clone();
        let width = dict
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .ok()
            .and_then(|b| b.get(2).and_then(|w| w.as_float().ok()))
            .unwrap_or(595.276);
        // 15 mm from the right edge (the right margin), 10 mm from the bottom, 11 pt.
        let number = (n + 1).to_string();
        let x = width - 42.5 - 5.5 * number.len() as f32;
        let text = format!("BT /FSheet 11 Tf {x:.1} 28.3 Td ({number}) Tj ET\n");
        let stamp = merged.add_object(Stream::new(Dictionary::new(), text.into_bytes()));
        let mut contents = vec![Object::Reference(save)];
        match dict.get(b"Contents") {
            Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
            Ok(one) => contents.push(one.clone()),
            Err(_) => {}
        }
        contents.extend([Object::Reference(restore), Object::Reference(stamp)]);
        // The page's resources, with the number's font beside its own (copied onto the page:
        // parts may share one resources dictionary).
        let mut resources = match dict.get(b"Resources") {
            Ok(Object::Reference(id)) => merged.get_dictionary(*id)?.clone(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        let mut fonts = match resources.get(b"Font") {
            Ok(Object::Reference(id)) => merged.get_dictionary(*id)?.clone(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        fonts.set("FSheet", font);
        resources.set("Font", fonts);
        let mut dict = dict;
        dict.set("Contents", contents);
        dict.set("Resources", resources);
        merged.objects.insert(*page, Object::Dictionary(dict));
    }
    Ok(())
}

/// The PDFs page for page into one, with a bookmark for the contents, one per part, and one
/// per topic over its parts.
fn merge(
    pdfs: &[Vec<u8>],
    placed: &[PlacedPart],
    title: &str,
) -> std::result::Result<Vec<u8>, ArchiveError> {
    let mut merged = Document::with_version("1.7");
    let mut next_id = 1;
    let mut pages: Vec<ObjectId> = Vec::new();
    let mut first_pages: Vec<ObjectId> = Vec::new();
    for bytes in pdfs {
        let mut doc = Document::load_mem(bytes)?;
        doc.renumber_objects_with(next_id);
        next_id = doc.max_id + 1;
        let doc_pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        first_pages.push(
            *doc_pages
                .first()
                .ok_or_else(|| ArchiveError("một tài liệu không có trang nào".into()))?,
        );
        pages.extend(&doc_pages);
        for (id, object) in doc.objects {
            // Each part's catalog, page tree and outline are replaced by the archive's own.
            match object.type_name().unwrap_or(b"") {
                b"Catalog" | b"Pages" | b"Outlines" | b"Outline" => {}
                _ => {
                    merged.objects.insert(id, object);
                }
            }
        }
    }
    merged.max_id = next_id - 1;
    let pages_id = merged.new_object_id();
    let catalog_id = merged.new_object_id();
    let info_id = merged.new_object_id();
    stamp_sheet_numbers(&mut merged, &pages)?;
    for page in &pages {
        if let Ok(Object::Dictionary(d)) = merged.get_object_mut(*page) {
            d.set("Parent", pages_id);
        }
    }
    let mut tree = Dictionary::new();
    tree.set("Type", "Pages");
    tree.set("Count", pages.len() as i64);
    tree.set(
        "Kids",
        pages
            .iter()
            .map(|p| Object::Reference(*p))
            .collect::<Vec<_>>(),
    );
    merged.objects.insert(pages_id, Object::Dictionary(tree));

    let bookmark = |title: &str, page| Bookmark::new(title.to_string(), [0.0, 0.0, 0.0], 0, page);
    merged.add_bookmark(bookmark(CONTENTS_TITLE, first_pages[0]), None);
    let mut topic: Option<(&str, u32)> = None;
    for (part, page) in placed.iter().zip(&first_pages[1..]) {
        let parent = match part.topic.as_deref() {
            None => None,
            Some(t) => match topic {
                Some((same, id)) if same == t => Some(id),
                _ => {
                    let id = merged.add_bookmark(bookmark(t, *page), None);
                    topic = Some((t, id));
                    Some(id)
                }
            },
        };
        merged.add_bookmark(bookmark(&part.title, *page), parent);
    }
    let mut catalog = Dictionary::new();
    catalog.set("Type", "Catalog");
    catalog.set("Pages", pages_id);
    catalog.set("PageMode", "UseOutlines");
    catalog.set("Lang", pdf_text("vi"));
    merged
        .objects
        .insert(catalog_id, Object::Dictionary(catalog));
    if let Some(outline) = merged.build_outline() {
        if let Ok(Object::Dictionary(d)) = merged.get_object_mut(catalog_id) {
            d.set("Outlines", Object::Reference(outline));
        }
    }
    let mut info = Dictionary::new();
    info.set("Title", pdf_text(title));
    info.set("Producer", pdf_text("Chuyên Đề"));
    merged.objects.insert(info_id, Object::Dictionary(info));
    merged.trailer.set("Root", catalog_id);
    merged.trailer.set("Info", info_id);
    // The parts' structure trees and metadata, no longer referenced, are left out.
    merged.prune_objects();
    merged.compress();
    let mut out = Vec::new();
    merged
        .save_to(&mut out)
        .map_err(|e| ArchiveError(e.to_string()))?;
    Ok(out)
}
