//! What someone is typing and has not saved yet (a comment being taken down in a meeting, a
//! conclusion), saved on every keystroke so that a crash or a power cut loses nothing.

use rusqlite::{params, OptionalExtension};

use crate::db::{now, Database};
use crate::error::Result;

impl Database {
    pub fn save_draft(&self, key: &str, value: &str) -> Result<()> {
        self.require(crate::permission::Action::SaveDraft)?;
        self.write_durable(|tx| {
            if value.is_empty() {
                tx.execute("DELETE FROM draft WHERE key = ?1", [key])?;
            } else {
                tx.execute(
                    "INSERT INTO draft (key, value, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    params![key, value, now()],
                )?;
            }
            Ok(())
        })
    }

    pub fn draft(&self, key: &str) -> Result<Option<String>> {
        self.read(|c| {
            Ok(
                c.query_row("SELECT value FROM draft WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }
}
