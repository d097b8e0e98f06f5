//! A package as a file: a zip of `manifest.json`, `signature`, `records/<kind>.json` (records
//! sorted by UUID, canonical JSON) and `documents/<sha256>` (the outlines' originals). Opening
//! one checks everything before anything is written: its size and every entry's inflated size
//! (a zip bomb), every name (a `../` or an absolute path: zip slip, even though nothing is ever
//! extracted to disk), the format version, the key that signed it, the signature, and the
//! SHA-256 of every part; a part not listed, or listed and missing, refuses it too.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use serde_json::Value;
use zip::write::SimpleFileOptions;

use super::identity::{self, Workstation};
use super::manifest::{FormatOnly, Manifest, Part, FORMAT_VERSION, MANIFEST, SIGNATURE};
use super::problem::PackageProblem;
use super::records::canonical;
use crate::outline::problem::DocumentProblem;
use crate::outline::zipped::{ZipLimits, Zipped};

/// Bounds of a package: a year of a cell is a few hundred records and a few dozen outlines.
pub const LIMITS: ZipLimits = ZipLimits {
    max_entries: 20_000,
    max_entry_bytes: 64 << 20,
    max_total_bytes: 512 << 20,
};
/// The package file itself (compressed).
pub const MAX_PACKAGE_BYTES: u64 = 512 << 20;
const MAX_MANIFEST_BYTES: u64 = 4 << 20;

/// One record in a package.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: String,
    pub uid: String,
    pub body: Value,
}

/// A package whose every check passed.
#[derive(Debug, Clone)]
pub struct Opened {
    pub manifest: Manifest,
    pub manifest_bytes: Vec<u8>,
    pub records: Vec<Record>,
    /// Originals by SHA-256.
    pub documents: BTreeMap<String, Vec<u8>>,
    pub sha256: String,
}

/// Writes the parts into a zip, the manifest listing and signing them.
pub(crate) fn build(
    workstation: &Workstation,
    mut manifest: Manifest,
    parts: Vec<(String, Vec<u8>)>,
) -> Vec<u8> {
    manifest.parts = parts
        .iter()
        .map(|(path, bytes)| Part {
            path: path.clone(),
            sha256: crate::audit::digest_of(bytes),
            size: bytes.len() as u64,
        })
        .collect();
    build_raw(workstation, &manifest, &parts)
}

/// Signs `manifest` with `workstation`'s key and writes `entries` as they are: for tests that
/// make hostile packages a known key signed (a `../` name, a bomb, a newer format).
#[doc(hidden)]
pub fn build_raw(
    workstation: &Workstation,
    manifest: &Manifest,
    entries: &[(String, Vec<u8>)],
) -> Vec<u8> {
    let manifest_bytes = serde_json::to_vec_pretty(manifest).expect("a manifest serialises");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| {
        zip.start_file(name, options).expect("writing to memory");
        zip.write_all(bytes).expect("writing to memory");
    };
    put(MANIFEST, &manifest_bytes);
    put(SIGNATURE, workstation.sign(&manifest_bytes).as_bytes());
    for (path, bytes) in entries {
        put(path, bytes);
    }
    zip.finish().expect("writing to memory").into_inner()
}

/// The records part of one kind.
pub(crate) fn records_part(kind: &str, mut records: Vec<(String, Value)>) -> (String, Vec<u8>) {
    records.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("[");
    for (i, (uid, body)) in records.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            "{{\"uid\":{},\"body\":{}}}",
            Value::from(uid.as_str()),
            canonical(body)
        ));
    }
    out.push(']');
    (format!("records/{kind}.json"), out.into_bytes())
}

/// A name that stays inside the package: `records/<kind>.json` or `documents/<hex>`, nothing
/// else (no `..`, no absolute path, no backslash, no drive letter).
fn safe_name(name: &str) -> bool {
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
    };
    match name.split_once('/') {
        None => name == MANIFEST || name == SIGNATURE,
        Some(("records", rest)) => plain(rest) && rest.ends_with(".json") && !rest.starts_with('.'),
        Some(("documents", rest)) => {
            rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_hexdigit())
        }
        _ => false,
    }
}

/// Opens a package and checks all of it. `known_key` answers the public key (hex) this
/// workstation confirmed for a workstation id, if any.
pub fn open(
    name: &str,
    bytes: &[u8],
    known_key: impl FnOnce(&str) -> crate::Result<Option<String>>,
) -> crate::Result<Opened> {
    let problem = |p: PackageProblem| crate::Error::Package(p);
    let name_s = name.to_string();
    if bytes.len() as u64 > MAX_PACKAGE_BYTES {
        return Err(problem(PackageProblem::TooLarge {
            name: name_s,
            detail: format!(
                "{} MB, giới hạn {} MB",
                bytes.len() >> 20,
                MAX_PACKAGE_BYTES >> 20
            ),
        }));
    }
    let mut zipped =
        Zipped::open(name, bytes, LIMITS).map_err(|p| problem(from_document(name, p)))?;
    let names: Vec<String> = zipped.names();
    if let Some(bad) = names.iter().find(|n| !safe_name(n)) {
        return Err(problem(PackageProblem::UnsafePath {
            name: name_s,
            part: bad.clone(),
        }));
    }
    let manifest_bytes = read_bounded(&mut zipped, name, MANIFEST, MAX_MANIFEST_BYTES)?;
    let format: FormatOnly = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        problem(PackageProblem::Malformed {
            name: name_s.clone(),
            detail: format!("danh mục: {e}"),
        })
    })?;
    if format.format > FORMAT_VERSION {
        return Err(problem(PackageProblem::NewerFormat {
            name: name_s,
            found: format.format,
            supported: FORMAT_VERSION,
        }));
    }
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        problem(PackageProblem::Malformed {
            name: name_s.clone(),
            detail: format!("danh mục: {e}"),
        })
    })?;
    let source = &manifest.source;
    match known_key(&source.workstation)? {
        Some(key) if key == source.public_key => {}
        _ => {
            return Err(problem(PackageProblem::UnknownKey {
                name: name_s,
                label: source.label.clone(),
                workstation: source.workstation.clone(),
                fingerprint: identity::fingerprint(&source.public_key),
            }))
        }
    }
    let signature = read_bounded(&mut zipped, name, SIGNATURE, 1024)?;
    if !identity::verify(
        &source.public_key,
        &manifest_bytes,
        &String::from_utf8_lossy(&signature),
    ) {
        return Err(problem(PackageProblem::BadSignature {
            name: name_s,
            label: source.label.clone(),
        }));
    }
    for n in &names {
        if n != MANIFEST && n != SIGNATURE && !manifest.parts.iter().any(|p| &p.path == n) {
            return Err(problem(PackageProblem::PartUnlisted {
                name: name_s,
                part: n.clone(),
            }));
        }
    }
    let mut records = Vec::new();
    let mut documents = BTreeMap::new();
    for part in &manifest.parts {
        if !safe_name(&part.path) {
            return Err(problem(PackageProblem::UnsafePath {
                name: name_s,
                part: part.path.clone(),
            }));
        }
        if !names.contains(&part.path) {
            return Err(problem(PackageProblem::PartMissing {
                name: name_s,
                part: part.path.clone(),
            }));
        }
        let data = read_bounded(&mut zipped, name, &part.path, LIMITS.max_entry_bytes).map_err(
            |e| match e {
                // a byte changed in compressed data shows as a broken stream: the part was changed
                crate::Error::Package(PackageProblem::Truncated { .. }) => {
                    problem(PackageProblem::PartChanged {
                        name: name_s.clone(),
                        part: part.path.clone(),
                    })
                }
                other => other,
            },
        )?;
        if crate::audit::digest_of(&data) != part.sha256 || data.len() as u64 != part.size {
            return Err(problem(PackageProblem::PartChanged {
                name: name_s,
                part: part.path.clone(),
            }));
        }
        if let Some(sha) = part.path.strip_prefix("documents/") {
            documents.insert(sha.to_string(), data);
            continue;
        }
        let kind = part
            .path
            .trim_start_matches("records/")
            .trim_end_matches(".json")
            .to_string();
        if super::records::kind(&kind).is_none() {
            return Err(problem(PackageProblem::Malformed {
                name: name_s,
                detail: format!("loại bản ghi lạ: {kind}"),
            }));
        }
        #[derive(serde::Deserialize)]
        struct Item {
            uid: String,
            body: Value,
        }
        let items: Vec<Item> = serde_json::from_slice(&data).map_err(|e| {
            problem(PackageProblem::Malformed {
                name: name_s.clone(),
                detail: format!("{}: {e}", part.path),
            })
        })?;
        for item in items {
            if uuid::Uuid::parse_str(&item.uid).is_err() || !item.body.is_object() {
                return Err(problem(PackageProblem::Malformed {
                    name: name_s,
                    detail: format!("{}: bản ghi không hợp lệ", part.path),
                }));
            }
            records.push(Record {
                kind: kind.clone(),
                uid: item.uid,
                body: item.body,
            });
        }
    }
    Ok(Opened {
        manifest,
        manifest_bytes,
        records,
        documents,
        sha256: crate::audit::digest_of(bytes),
    })
}

fn read_bounded(zipped: &mut Zipped, name: &str, entry: &str, max: u64) -> crate::Result<Vec<u8>> {
    let data = zipped
        .read(entry)
        .map_err(|p| crate::Error::Package(from_document(name, p)))?
        .ok_or_else(|| {
            crate::Error::Package(PackageProblem::PartMissing {
                name: name.to_string(),
                part: entry.to_string(),
            })
        })?;
    if data.len() as u64 > max {
        return Err(crate::Error::Package(PackageProblem::TooLarge {
            name: name.to_string(),
            detail: format!("{entry} vượt {} KB", max >> 10),
        }));
    }
    Ok(data)
}

/// The zip reader's refusals, said of a package.
fn from_document(name: &str, p: DocumentProblem) -> PackageProblem {
    match p {
        DocumentProblem::ExpandsTooMuch { detail, .. } => PackageProblem::TooLarge {
            name: name.to_string(),
            detail,
        },
        DocumentProblem::Corrupt { detail, .. } => PackageProblem::Truncated {
            name: name.to_string(),
            detail,
        },
        other => PackageProblem::Truncated {
            name: name.to_string(),
            detail: other.to_string(),
        },
    }
}
