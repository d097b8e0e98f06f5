//! Who a workstation is: an id of its own (UUID v7) and an Ed25519 key that signs its packages.
//! Both live in a file of the data folder, beside the database but not in it: a database copied
//! to another machine (a backup restored there) must not make two machines one.

use std::path::{Path, PathBuf};

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The key file in the data folder. Whoever holds it can sign packages as this workstation.
pub const KEY_FILE: &str = "workstation-key.json";

/// This workstation's identity, read from (or made on first need in) the data folder.
pub struct Workstation {
    pub id: String,
    key: SigningKey,
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    workstation: String,
    /// The 32 bytes of the Ed25519 secret key, hex.
    secret: String,
}

impl Workstation {
    pub fn key_path(data_dir: &Path) -> PathBuf {
        data_dir.join(KEY_FILE)
    }

    /// The workstation of `data_dir`, its key made on first need (written atomically, readable
    /// by its owner only).
    pub fn of(data_dir: &Path) -> Result<Workstation> {
        // One reader or maker at a time in this process: two first needs at once (the shell
        // making the key after the first paint while Cài đặt asks for it) would otherwise make
        // two keys, and the one a caller got might not be the one the file kept.
        static MAKING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = MAKING.lock().unwrap_or_else(|e| e.into_inner());
        let path = Self::key_path(data_dir);
        match std::fs::read(&path) {
            Ok(bytes) => Self::parse(&path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::create(&path),
            Err(e) => Err(crate::fsutil::write_error(&path, &e)),
        }
    }

    fn parse(path: &Path, bytes: &[u8]) -> Result<Workstation> {
        let unreadable = || Error::KeyFile {
            path: path.display().to_string(),
        };
        let file: KeyFile = serde_json::from_slice(bytes).map_err(|_| unreadable())?;
        let secret: [u8; 32] = from_hex(&file.secret)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(unreadable)?;
        uuid::Uuid::parse_str(&file.workstation).map_err(|_| unreadable())?;
        Ok(Workstation {
            id: file.workstation,
            key: SigningKey::from_bytes(&secret),
        })
    }

    fn create(path: &Path) -> Result<Workstation> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).map_err(|e| Error::WriteFile {
            path: path.display().to_string(),
            reason: format!("không lấy được số ngẫu nhiên của hệ điều hành ({e})"),
        })?;
        let workstation = Workstation {
            id: uuid::Uuid::now_v7().to_string(),
            key: SigningKey::from_bytes(&secret),
        };
        let file = KeyFile {
            workstation: workstation.id.clone(),
            secret: hex(&secret),
        };
        let json = serde_json::to_vec_pretty(&file).expect("a key file serialises");
        crate::fsutil::write_atomic(path, &json)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        Ok(workstation)
    }

    /// The public key, hex: what the other side confirms.
    pub fn public_key(&self) -> String {
        hex(self.key.verifying_key().as_bytes())
    }

    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public_key())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> String {
        hex(&self.key.sign(message).to_bytes())
    }
}

/// Whether `signature` (hex) is `public_key`'s (hex) over `message`.
pub(crate) fn verify(public_key: &str, message: &[u8], signature: &str) -> bool {
    let Some(key) = from_hex(public_key)
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    let Some(signature) = from_hex(signature).and_then(|b| <[u8; 64]>::try_from(b).ok()) else {
        return false;
    };
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&signature))
        .is_ok()
}

/// A public key as people read it aloud on the phone: the first 16 bytes of its SHA-256, in
/// eight groups of four hex digits ("3F2A 9C01 …").
pub fn fingerprint(public_key: &str) -> String {
    let digest = crate::audit::digest_of(public_key.as_bytes()).to_uppercase();
    digest.as_bytes()[..32]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}
