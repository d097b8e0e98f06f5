//! The schema, as an ordered list of steps. Step N (1-based) brings a database from
//! `PRAGMA user_version = N-1` to `N`, inside one transaction with the version bump, so a
//! failed step leaves the file as it was. Append steps; never edit one that has shipped.

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: organisations (đảng bộ and chi bộ) and their members (đảng viên).
    r#"
    CREATE TABLE organisation (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('party_committee_org', 'cell')),
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        -- compared for duplicates: see text::identity_key
        name_key      TEXT NOT NULL,
        -- a cell's đảng bộ
        parent_id     INTEGER REFERENCES organisation(id),
        -- a đảng bộ's cấp trên, by name, as printed in document headers
        superior_name TEXT,
        retired_on    TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK ((kind = 'cell' AND parent_id IS NOT NULL AND superior_name IS NULL)
            OR (kind = 'party_committee_org' AND parent_id IS NULL
                AND length(trim(superior_name)) > 0))
    );
    CREATE UNIQUE INDEX organisation_active_name
        ON organisation (ifnull(parent_id, 0), name_key) WHERE retired_on IS NULL;
    CREATE INDEX organisation_parent ON organisation (parent_id);

    CREATE TABLE member (
        id              INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        full_name       TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
        name_key        TEXT NOT NULL,
        position        TEXT NOT NULL CHECK (position IN
                            ('secretary', 'deputy_secretary', 'committee_member', 'member')),
        standing        TEXT NOT NULL CHECK (standing IN ('full', 'probationary')),
        moved_on        TEXT,
        moved_note      TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        CHECK (moved_note IS NULL OR moved_on IS NOT NULL)
    );
    -- the duplicate rule, kept by the database too
    CREATE UNIQUE INDEX member_active_name
        ON member (organisation_id, name_key) WHERE moved_on IS NULL;
    "#,
];

/// The schema version this build writes and reads.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
