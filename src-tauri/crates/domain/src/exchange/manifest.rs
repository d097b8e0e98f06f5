//! The manifest of a package (`manifest.json`): what format, from which workstation, what it
//! holds, when it was made, and the SHA-256 of every other part. `signature` is the sending
//! workstation's Ed25519 signature over the manifest's exact bytes: signing the manifest signs
//! every part through its hash.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The format this build writes and the newest it reads. A package of a newer format is
/// refused whole (it may mean something this build would misread).
pub const FORMAT_VERSION: u32 = 1;

pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "signature";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The package's own UUID: the same package received twice is recognised by it.
    pub package: String,
    pub source: Source,
    /// RFC 3339.
    pub created_at: String,
    pub scope: ScopeInfo,
    /// How many records of each kind.
    pub contents: BTreeMap<String, usize>,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub workstation: String,
    /// Ed25519 public key, hex.
    pub public_key: String,
    /// Who sent it, as people call it: the organisation and the profile name.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeInfo {
    pub organisation: String,
    pub organisation_name: String,
    pub year: i32,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// Only the format, read first: a newer manifest may not parse as this one.
#[derive(Deserialize)]
pub(crate) struct FormatOnly {
    pub format: u32,
}
