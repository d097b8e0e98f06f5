//! A flat walk over an XML part of a document, the only way the importers read XML. quick-xml
//! reads no DTD and expands no entity but the five predefined ones and character references,
//! so neither external entities nor "billion laughs" can do anything here. Neither Word nor
//! LibreOffice writes a DTD or an entity of its own into a document's parts: a part that has one
//! was made to attack a reader, and is refused rather than read with its text missing.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::blocks::Stop;

/// One step of the walk. Names are local (prefix dropped): `w:p` is `p`, `text:h` is `h`.
pub enum Node<'a> {
    Start {
        name: &'a str,
        attrs: &'a [(String, String)],
    },
    End {
        name: &'a str,
    },
    Text(&'a str),
}

/// Calls `visit` for every element start (empty elements give a start and an end), end and
/// piece of text, in document order. Fails on XML that is not well formed, on a DTD or an
/// entity of the document's own, and as soon as `visit` says stop.
pub fn walk(xml: &[u8], mut visit: impl FnMut(Node) -> Result<(), Stop>) -> Result<(), Stop> {
    let text = std::str::from_utf8(xml).map_err(|e| format!("XML không phải UTF-8: {e}"))?;
    let mut reader = Reader::from_str(text);
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| format!("XML hỏng: {e}"))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let qname = e.name();
                let name = local(qname.as_ref());
                attrs.clear();
                for a in e.attributes().flatten() {
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    attrs.push((local(a.key.as_ref()).to_string(), value));
                }
                visit(Node::Start {
                    name,
                    attrs: &attrs,
                })?;
                if matches!(event, Event::Empty(_)) {
                    visit(Node::End { name })?;
                }
            }
            Event::End(ref e) => {
                let qname = e.name();
                visit(Node::End {
                    name: local(qname.as_ref()),
                })?
            }
            Event::Text(ref t) => visit(Node::Text(t))?,
            Event::CData(ref t) => visit(Node::Text(t))?,
            Event::DocType(_) => {
                return Err(Stop::Hostile("có khai báo DTD (DOCTYPE)".into()));
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &**r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        other => {
                            return Err(Stop::Hostile(format!(
                                "dùng thực thể XML tự định nghĩa “&{}”",
                                other.chars().take(40).collect::<String>()
                            )))
                        }
                    },
                };
                if let Some(c) = resolved {
                    visit(Node::Text(c.encode_utf8(&mut [0; 4])))?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn local(qname: &str) -> &str {
    match qname {
        // ODF's frames and shapes carry SVG titles and descriptions (alternative text, not
        // document text); `text:title` is a field that shows the document's title. Only this
        // pair needs its namespace to be told apart.
        "svg:title" => "svg-title",
        "svg:desc" => "svg-desc",
        _ => qname.rsplit(':').next().unwrap_or(qname),
    }
}

pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
