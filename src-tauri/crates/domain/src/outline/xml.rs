//! A flat walk over an XML part of a document, the only way the importers read XML. quick-xml
//! reads no DTD and expands no entity but the five predefined ones and character references,
//! so neither external entities nor "billion laughs" can do anything here.

use quick_xml::events::Event;
use quick_xml::Reader;

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
/// piece of text, in document order. Fails on XML that is not well formed.
pub fn walk(xml: &[u8], mut visit: impl FnMut(Node)) -> Result<(), String> {
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
                });
                if matches!(event, Event::Empty(_)) {
                    visit(Node::End { name });
                }
            }
            Event::End(ref e) => {
                let qname = e.name();
                visit(Node::End {
                    name: local(qname.as_ref()),
                })
            }
            Event::Text(ref t) => visit(Node::Text(t)),
            Event::CData(ref t) => visit(Node::Text(t)),
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &**r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None, // an entity we do not expand, on purpose
                    },
                };
                if let Some(c) = resolved {
                    visit(Node::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn local(qname: &str) -> &str {
    qname.rsplit(':').next().unwrap_or(qname)
}

pub fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
