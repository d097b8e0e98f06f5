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
    // 2: yearly plans, topic groups, topics with their assignees and state, the audit trail,
    //    and the workstation's settings (the current user profile, for "who" in the trail).
    r#"
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE topic_group (
        id              INTEGER PRIMARY KEY,
        -- NULL: one of the groups the guidance names, offered to every organisation
        organisation_id INTEGER REFERENCES organisation(id),
        name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key        TEXT NOT NULL,
        sort_order      INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX topic_group_name ON topic_group (ifnull(organisation_id, 0), name_key);
    INSERT INTO topic_group (organisation_id, name, name_key, sort_order) VALUES
        (NULL, 'Hạn chế trong lãnh đạo, chỉ đạo của chi bộ cần thảo luận sâu',
               'hạn chế trong lãnh đạo, chỉ đạo của chi bộ cần thảo luận sâu', 1),
        (NULL, 'Vấn đề mới phát sinh trong thực tiễn, gắn với nhiệm vụ chính trị của chi bộ',
               'vấn đề mới phát sinh trong thực tiễn, gắn với nhiệm vụ chính trị của chi bộ', 2),
        (NULL, 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
               'học tập và làm theo tư tưởng, đạo đức, phong cách hồ chí minh', 3),
        (NULL, 'Đổi mới, nâng cao chất lượng sinh hoạt chi bộ',
               'đổi mới, nâng cao chất lượng sinh hoạt chi bộ', 4),
        (NULL, 'Đào tạo, bồi dưỡng cán bộ, công chức, đảng viên',
               'đào tạo, bồi dưỡng cán bộ, công chức, đảng viên', 5);

    CREATE TABLE plan (
        id              INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        approved_on     TEXT,
        approved_by     TEXT,
        notes           TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (organisation_id, year),
        CHECK ((approved_on IS NULL) = (approved_by IS NULL))
    );

    CREATE TABLE topic (
        id          INTEGER PRIMARY KEY,
        plan_id     INTEGER NOT NULL REFERENCES plan(id),
        title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
        group_id    INTEGER NOT NULL REFERENCES topic_group(id),
        quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        planned_on  TEXT,
        suggestions TEXT NOT NULL DEFAULT '',
        notes       TEXT NOT NULL DEFAULT '',
        state       TEXT NOT NULL CHECK (state IN ('planned', 'drafting', 'ready_for_session',
                        'discussed', 'revised', 'submitted', 'approved', 'returned', 'cancelled')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX topic_plan ON topic (plan_id, quarter);

    CREATE TABLE topic_assignee (
        topic_id  INTEGER NOT NULL REFERENCES topic(id),
        member_id INTEGER NOT NULL REFERENCES member(id),
        PRIMARY KEY (topic_id, member_id)
    ) WITHOUT ROWID;
    CREATE INDEX topic_assignee_member ON topic_assignee (member_id);

    -- Every change to a plan or a topic, written in the same transaction as the change.
    CREATE TABLE audit_event (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        entity    TEXT NOT NULL CHECK (entity IN ('plan', 'topic')),
        entity_id INTEGER NOT NULL,
        action    TEXT NOT NULL,
        from_text TEXT,
        to_text   TEXT,
        reason    TEXT
    );
    CREATE INDEX audit_event_entity ON audit_event (entity, entity_id, id);
    "#,
    // 3: outline versions (the original bytes, never overwritten) and their search index.
    r#"
    CREATE TABLE outline_version (
        id          INTEGER PRIMARY KEY,
        topic_id    INTEGER NOT NULL REFERENCES topic(id),
        number      INTEGER NOT NULL CHECK (number >= 1),
        file_name   TEXT NOT NULL,
        format      TEXT NOT NULL CHECK (format IN ('docx', 'odt', 'pdf', 'txt', 'md', 'doc')),
        size        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        original    BLOB NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        text_status TEXT NOT NULL CHECK (text_status IN ('read', 'legacy_doc', 'no_text_layer')),
        -- the structure read from the document (JSON array of blocks), NFC
        blocks      TEXT NOT NULL,
        UNIQUE (topic_id, number),
        UNIQUE (topic_id, sha256)
    );
    -- Versions are history: never deleted, never rewritten.
    CREATE TRIGGER outline_version_immutable BEFORE UPDATE ON outline_version
    BEGIN SELECT RAISE(ABORT, 'outline versions are never modified'); END;
    CREATE TRIGGER outline_version_kept BEFORE DELETE ON outline_version
    BEGIN SELECT RAISE(ABORT, 'outline versions are never deleted'); END;

    -- What is searched: text folded to lower case without diacritics (đ → d, see
    -- search::fold), one row per searchable thing. `kind` says what the row is.
    CREATE VIRTUAL TABLE search_index USING fts5(
        body, kind UNINDEXED, ref_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 0'
    );
    "#,
    // 4: sessions (buổi sinh hoạt): attendance, the topics presented, members' comments and the
    //    answers to them, the chair's conclusion; organisation settings; drafts of typing.
    r#"
    CREATE TABLE organisation_setting (
        organisation_id            INTEGER PRIMARY KEY REFERENCES organisation(id),
        -- a meeting is valid with at least this share of members present (2/3 by default)
        attendance_threshold_pct   INTEGER NOT NULL DEFAULT 67 CHECK (attendance_threshold_pct BETWEEN 1 AND 100),
        -- 42-HD/BTCTW (2025): at least 90 minutes, 120 with a regular meeting the same day
        min_duration_minutes       INTEGER NOT NULL DEFAULT 90 CHECK (min_duration_minutes BETWEEN 0 AND 600),
        -- the place in the date line of documents ("Quảng Ninh, ngày …")
        place_name                 TEXT NOT NULL DEFAULT '',
        -- the organisation's symbol in document numbers ("05-BB/CB")
        document_symbol            TEXT NOT NULL DEFAULT '',
        -- "ngày 06 tháng 06" (1) or "ngày 6 tháng 6" (0)
        date_leading_zero          INTEGER NOT NULL DEFAULT 1
    );

    CREATE TABLE session (
        id              INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        kind            TEXT NOT NULL CHECK (kind IN ('thematic', 'regular')),
        held_on         TEXT NOT NULL,
        starts_at       TEXT NOT NULL,
        ends_at         TEXT,
        place           TEXT NOT NULL DEFAULT '',
        chair_id        INTEGER REFERENCES member(id),
        secretary_id    INTEGER REFERENCES member(id),
        guests          TEXT NOT NULL DEFAULT '',
        conclusion      TEXT NOT NULL DEFAULT '',
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    );
    CREATE INDEX session_org ON session (organisation_id, held_on);

    CREATE TABLE session_topic (
        session_id         INTEGER NOT NULL REFERENCES session(id),
        topic_id           INTEGER NOT NULL REFERENCES topic(id),
        outline_version_id INTEGER REFERENCES outline_version(id),
        PRIMARY KEY (session_id, topic_id)
    ) WITHOUT ROWID;

    CREATE TABLE attendance (
        session_id INTEGER NOT NULL REFERENCES session(id),
        member_id  INTEGER NOT NULL REFERENCES member(id),
        status     TEXT NOT NULL CHECK (status IN ('present', 'excused', 'unexcused')),
        reason     TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (session_id, member_id)
    ) WITHOUT ROWID;

    CREATE TABLE comment (
        id                 INTEGER PRIMARY KEY,
        session_id         INTEGER NOT NULL REFERENCES session(id),
        topic_id           INTEGER REFERENCES topic(id),
        speaker_id         INTEGER NOT NULL REFERENCES member(id),
        kind               TEXT NOT NULL CHECK (kind IN ('understanding', 'contribution', 'measure')),
        text               TEXT NOT NULL CHECK (length(trim(text)) > 0),
        -- where in the presented outline it points: the version, the heading's index among its
        -- blocks, and the heading's text as it was then (kept even if a later version renames it)
        anchor_version_id  INTEGER REFERENCES outline_version(id),
        anchor_block       INTEGER,
        anchor_heading     TEXT,
        created_at         TEXT NOT NULL,
        answer_kind        TEXT CHECK (answer_kind IN ('incorporated', 'explained')),
        answer_text        TEXT,
        answer_version_id  INTEGER REFERENCES outline_version(id),
        answered_by        TEXT,
        answered_at        TEXT,
        CHECK ((answer_kind IS NULL) = (answered_at IS NULL)),
        CHECK (answer_kind IS NOT 'incorporated' OR answer_version_id IS NOT NULL)
    );
    CREATE INDEX comment_session ON comment (session_id, id);
    CREATE INDEX comment_topic ON comment (topic_id);

    -- What someone is typing and has not saved yet, saved as they type.
    CREATE TABLE draft (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    "#,
    // 5: minutes (biên bản) as a record of their own: the secretary's edits, the signature that
    //    makes them read-only, corrections as numbered revisions; committee terms (nhiệm kỳ),
    //    which number documents; invited guests who speak; the vote on the conclusion.
    r#"
    -- A committee term: documents are numbered from 01 for each kind in each term.
    CREATE TABLE committee_term (
        id              INTEGER PRIMARY KEY,
        organisation_id INTEGER NOT NULL REFERENCES organisation(id),
        starts_on       TEXT NOT NULL,
        ends_on         TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        CHECK (ends_on > starts_on)
    );
    CREATE INDEX committee_term_org ON committee_term (organisation_id, starts_on);

    -- One row per revision of a session's minutes; revision 1 is the original. Until it is
    -- signed a revision holds the secretary's edits of the body (NULL: as drawn up from the
    -- record); signing keeps the whole document as signed, with its number, for good.
    CREATE TABLE minutes_revision (
        id              INTEGER PRIMARY KEY,
        session_id      INTEGER NOT NULL REFERENCES session(id),
        revision        INTEGER NOT NULL CHECK (revision >= 1),
        -- JSON array of the body's paragraphs as the secretary edited them
        body            TEXT,
        -- hash of the body drawn up from the record when the edits were made: tells the
        -- secretary when the record changed since
        drawn_from      TEXT,
        number          INTEGER,
        signed_on       TEXT,
        signed_by       TEXT,
        -- JSON of the whole document as it was printed and signed
        signed_document TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (session_id, revision),
        CHECK ((signed_on IS NULL) = (signed_document IS NULL)),
        CHECK ((signed_on IS NULL) = (number IS NULL))
    );
    -- Signed minutes are what was signed on paper: never changed, never deleted.
    CREATE TRIGGER minutes_signed_kept BEFORE UPDATE ON minutes_revision WHEN OLD.signed_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'signed minutes are never modified'); END;
    CREATE TRIGGER minutes_signed_not_deleted BEFORE DELETE ON minutes_revision WHEN OLD.signed_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'signed minutes are never deleted'); END;

    -- The window used to keep the edits as a draft under 'minutes:<session id>' (the whole
    -- document as JSON). Each becomes revision 1 of its session's minutes. A draft that is not
    -- a readable document is kept whole, as one paragraph, so no word the secretary typed is lost.
    INSERT INTO minutes_revision (session_id, revision, body, created_at, updated_at)
    SELECT s.id, 1,
           CASE WHEN NOT json_valid(d.value) THEN json_array(json_object('kind', 'text', 'text', d.value))
                WHEN json_type(d.value, '$.body') IS 'array' THEN json_extract(d.value, '$.body')
                ELSE json_array(json_object('kind', 'text', 'text', d.value)) END,
           d.updated_at, d.updated_at
      FROM draft d JOIN session s ON s.id = CAST(substr(d.key, 9) AS INTEGER)
     WHERE d.key LIKE 'minutes:%' AND length(d.value) > 0;
    DELETE FROM draft WHERE key LIKE 'minutes:%'
       AND CAST(substr(key, 9) AS INTEGER) IN (SELECT session_id FROM minutes_revision);

    -- Invited guests (often the committee above's representative), who may speak.
    CREATE TABLE session_guest (
        id         INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id),
        full_name  TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
        -- "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh", printed after the name
        title      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE INDEX session_guest_session ON session_guest (session_id);

    -- A comment is said by a member or by a guest. Rebuilt to let speaker_id be NULL when a
    -- guest spoke (SQLite cannot relax a column in place); ids are kept, so the search index
    -- still points at the right rows.
    CREATE TABLE comment_new (
        id                 INTEGER PRIMARY KEY,
        session_id         INTEGER NOT NULL REFERENCES session(id),
        topic_id           INTEGER REFERENCES topic(id),
        speaker_id         INTEGER REFERENCES member(id),
        guest_id           INTEGER REFERENCES session_guest(id),
        kind               TEXT NOT NULL CHECK (kind IN ('understanding', 'contribution', 'measure')),
        text               TEXT NOT NULL CHECK (length(trim(text)) > 0),
        anchor_version_id  INTEGER REFERENCES outline_version(id),
        anchor_block       INTEGER,
        anchor_heading     TEXT,
        created_at         TEXT NOT NULL,
        answer_kind        TEXT CHECK (answer_kind IN ('incorporated', 'explained')),
        answer_text        TEXT,
        answer_version_id  INTEGER REFERENCES outline_version(id),
        answered_by        TEXT,
        answered_at        TEXT,
        CHECK ((speaker_id IS NULL) <> (guest_id IS NULL)),
        CHECK ((answer_kind IS NULL) = (answered_at IS NULL)),
        CHECK (answer_kind IS NOT 'incorporated' OR answer_version_id IS NOT NULL)
    );
    INSERT INTO comment_new (id, session_id, topic_id, speaker_id, guest_id, kind, text, anchor_version_id,
                             anchor_block, anchor_heading, created_at, answer_kind, answer_text,
                             answer_version_id, answered_by, answered_at)
    SELECT id, session_id, topic_id, speaker_id, NULL, kind, text, anchor_version_id, anchor_block,
           anchor_heading, created_at, answer_kind, answer_text, answer_version_id, answered_by, answered_at
      FROM comment;
    DROP TABLE comment;
    ALTER TABLE comment_new RENAME TO comment;
    CREATE INDEX comment_session ON comment (session_id, id);
    CREATE INDEX comment_topic ON comment (topic_id);

    -- The vote on the chair's conclusion (usually a show of hands), recorded by the secretary.
    CREATE TABLE conclusion_vote (
        session_id  INTEGER PRIMARY KEY REFERENCES session(id),
        method      TEXT NOT NULL CHECK (method IN ('show_of_hands', 'secret_ballot')),
        agreed      INTEGER NOT NULL CHECK (agreed >= 0),
        disagreed   INTEGER NOT NULL CHECK (disagreed >= 0),
        abstained   INTEGER NOT NULL CHECK (abstained >= 0),
        recorded_at TEXT NOT NULL
    );
    "#,
    // 6: the cycle's guard. A topic's state changes only together with its audit row: the
    //    audit row is written first and carries the raw states (from_state, to_state); an
    //    insert of such a row leaves a ticket, and the topic's UPDATE must consume a ticket
    //    for exactly that change. A ticket cannot outlive its transaction: it holds a deferred
    //    reference to a row that never exists, so a COMMIT with a ticket left over fails.
    //    Submissions to the committee and their decisions, each naming the exact version.
    r#"
    ALTER TABLE audit_event ADD COLUMN from_state TEXT;
    ALTER TABLE audit_event ADD COLUMN to_state TEXT;

    -- stays empty: what an unconsumed ticket points at
    CREATE TABLE state_change_unconsumed (id INTEGER PRIMARY KEY);
    CREATE TABLE topic_state_ticket (
        audit_id   INTEGER PRIMARY KEY REFERENCES audit_event(id),
        topic_id   INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        to_state   TEXT NOT NULL,
        unconsumed INTEGER NOT NULL DEFAULT 0
                   REFERENCES state_change_unconsumed(id) DEFERRABLE INITIALLY DEFERRED
    );

    CREATE TRIGGER audit_state_change_ticket AFTER INSERT ON audit_event
    WHEN NEW.entity = 'topic' AND NEW.to_state IS NOT NULL
    BEGIN
        INSERT INTO topic_state_ticket (audit_id, topic_id, from_state, to_state)
        VALUES (NEW.id, NEW.entity_id, NEW.from_state, NEW.to_state);
    END;

    CREATE TRIGGER topic_state_needs_audit BEFORE UPDATE OF state ON topic
    WHEN OLD.state IS NOT NEW.state
     AND NOT EXISTS (SELECT 1 FROM topic_state_ticket
                      WHERE topic_id = NEW.id AND from_state = OLD.state AND to_state = NEW.state)
    BEGIN
        SELECT RAISE(ABORT, 'a topic state changes only with its audit row (cycle module)');
    END;

    CREATE TRIGGER topic_state_consumes_ticket AFTER UPDATE OF state ON topic
    WHEN OLD.state IS NOT NEW.state
    BEGIN
        DELETE FROM topic_state_ticket
         WHERE audit_id = (SELECT min(audit_id) FROM topic_state_ticket
                            WHERE topic_id = NEW.id AND from_state = OLD.state
                              AND to_state = NEW.state);
    END;

    CREATE TRIGGER topic_starts_planned BEFORE INSERT ON topic
    WHEN NEW.state IS NOT 'planned'
    BEGIN
        SELECT RAISE(ABORT, 'a topic starts planned; its state moves through the cycle module');
    END;

    -- The trail is append-only.
    CREATE TRIGGER audit_event_kept BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit rows are never deleted'); END;
    CREATE TRIGGER audit_event_immutable BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit rows are never modified'); END;

    -- trình cấp ủy duyệt: the version submitted, and the committee's decision on it
    CREATE TABLE submission (
        id           INTEGER PRIMARY KEY,
        topic_id     INTEGER NOT NULL REFERENCES topic(id),
        version_id   INTEGER NOT NULL REFERENCES outline_version(id),
        submitted_by TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        decision     TEXT CHECK (decision IN ('approved', 'returned')),
        reasons      TEXT,
        decided_by   TEXT,
        decided_at   TEXT,
        CHECK ((decision IS NULL) = (decided_at IS NULL)),
        CHECK (decision IS NOT 'returned' OR length(trim(reasons)) > 0)
    );
    CREATE INDEX submission_topic ON submission (topic_id, id);
    "#,
    // 7: the quorum as an exact fraction of the members called (2/3 by default): the 67 (%)
    //    stored so far meant two thirds; any other percentage is kept exactly, as pct/100
    //    reduced. Dated exemptions from meetings (miễn sinh hoạt) and temporary attachments
    //    (sinh hoạt tạm) on members.
    r#"
    ALTER TABLE organisation_setting ADD COLUMN quorum_numerator INTEGER NOT NULL DEFAULT 2
        CHECK (quorum_numerator BETWEEN 1 AND 100);
    ALTER TABLE organisation_setting ADD COLUMN quorum_denominator INTEGER NOT NULL DEFAULT 3
        CHECK (quorum_denominator BETWEEN 1 AND 100);
    UPDATE organisation_setting SET
        quorum_numerator = CASE WHEN attendance_threshold_pct = 67 THEN 2
            ELSE attendance_threshold_pct / (CASE
                WHEN attendance_threshold_pct % 100 = 0 THEN 100
                WHEN attendance_threshold_pct % 50 = 0 THEN 50
                WHEN attendance_threshold_pct % 25 = 0 THEN 25
                WHEN attendance_threshold_pct % 20 = 0 THEN 20
                WHEN attendance_threshold_pct % 10 = 0 THEN 10
                WHEN attendance_threshold_pct % 5 = 0 THEN 5
                WHEN attendance_threshold_pct % 4 = 0 THEN 4
                WHEN attendance_threshold_pct % 2 = 0 THEN 2
                ELSE 1 END) END,
        quorum_denominator = CASE WHEN attendance_threshold_pct = 67 THEN 3
            ELSE 100 / (CASE
                WHEN attendance_threshold_pct % 100 = 0 THEN 100
                WHEN attendance_threshold_pct % 50 = 0 THEN 50
                WHEN attendance_threshold_pct % 25 = 0 THEN 25
                WHEN attendance_threshold_pct % 20 = 0 THEN 20
                WHEN attendance_threshold_pct % 10 = 0 THEN 10
                WHEN attendance_threshold_pct % 5 = 0 THEN 5
                WHEN attendance_threshold_pct % 4 = 0 THEN 4
                WHEN attendance_threshold_pct % 2 = 0 THEN 2
                ELSE 1 END) END;
    ALTER TABLE organisation_setting DROP COLUMN attendance_threshold_pct;

    CREATE TABLE member_period (
        id         INTEGER PRIMARY KEY,
        member_id  INTEGER NOT NULL REFERENCES member(id),
        kind       TEXT NOT NULL CHECK (kind IN ('exempt', 'attached')),
        from_on    TEXT NOT NULL,
        -- NULL: until further notice
        to_on      TEXT,
        note       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        CHECK (to_on IS NULL OR to_on >= from_on)
    );
    CREATE INDEX member_period_member ON member_period (member_id, from_on);
    "#,
    // 8: the tamper-evident trail. Every audit entry carries the hash of the entry before it
    //    and its own hash over a canonical encoding of its fields (audit/chain.rs); `audit_head`
    //    remembers the newest entry, so entries removed at the end show too. Entries are about
    //    any subject now (organisations, members, sessions, …), not only plans and topics, and
    //    may carry the SHA-256 of what the change stored or wrote (`digest`). The entries kept so
    //    far are chained in the order they were written (numbered 1, 2, … again); the outline
    //    imports among them get their version's SHA-256. Needs `chuyende_audit_hash`, which
    //    the library registers on the connection that migrates.
    r#"
    CREATE TABLE audit_unchained (
        n          INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  INTEGER NOT NULL,
        action     TEXT NOT NULL,
        from_text  TEXT,
        to_text    TEXT,
        reason     TEXT,
        from_state TEXT,
        to_state   TEXT,
        digest     TEXT
    );
    INSERT INTO audit_unchained (at, actor, entity, entity_id, action, from_text, to_text, reason,
                                 from_state, to_state, digest)
    SELECT e.at, e.actor, e.entity, e.entity_id, e.action, e.from_text, e.to_text, e.reason,
           e.from_state, e.to_state,
           (SELECT v.sha256 FROM outline_version v
             WHERE e.entity = 'topic' AND e.action = 'Nhập đề cương' AND v.topic_id = e.entity_id
               AND substr(e.to_text, 1, length('Phiên bản ' || v.number || ':'))
                   = 'Phiên bản ' || v.number || ':')
      FROM audit_event e ORDER BY e.id;

    CREATE TABLE audit_chained (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        -- what the entry is about (audit::Subject): organisation, member, plan, topic, session,
        -- workstation
        entity     TEXT NOT NULL CHECK (length(entity) > 0),
        entity_id  INTEGER NOT NULL,
        action     TEXT NOT NULL,
        from_text  TEXT,
        to_text    TEXT,
        reason     TEXT,
        from_state TEXT,
        to_state   TEXT,
        -- SHA-256 of what the change stored or wrote (an outline's original, an exported file)
        digest     TEXT,
        prev_hash  TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash       TEXT NOT NULL CHECK (length(hash) = 64)
    );
    WITH RECURSIVE chained (n, prev_hash, hash) AS (
        SELECT 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000'
        UNION ALL
        SELECT u.n, c.hash,
               chuyende_audit_hash(u.n, c.hash, u.at, u.actor, u.entity, u.entity_id, u.action,
                                   u.from_text, u.to_text, u.reason, u.from_state, u.to_state,
                                   u.digest)
          FROM chained c JOIN audit_unchained u ON u.n = c.n + 1
    )
    INSERT INTO audit_chained (id, at, actor, entity, entity_id, action, from_text, to_text, reason,
                               from_state, to_state, digest, prev_hash, hash)
    SELECT u.n, u.at, u.actor, u.entity, u.entity_id, u.action, u.from_text, u.to_text, u.reason,
           u.from_state, u.to_state, u.digest, c.prev_hash, c.hash
      FROM chained c JOIN audit_unchained u ON u.n = c.n;
    DROP TABLE audit_unchained;

    DROP TABLE audit_event;
    ALTER TABLE audit_chained RENAME TO audit_event;
    CREATE INDEX audit_event_entity ON audit_event (entity, entity_id, id);
    CREATE INDEX audit_event_digest ON audit_event (digest) WHERE digest IS NOT NULL;

    CREATE TRIGGER audit_state_change_ticket AFTER INSERT ON audit_event
    WHEN NEW.entity = 'topic' AND NEW.to_state IS NOT NULL
    BEGIN
        INSERT INTO topic_state_ticket (audit_id, topic_id, from_state, to_state)
        VALUES (NEW.id, NEW.entity_id, NEW.from_state, NEW.to_state);
    END;

    -- The trail is append-only, each entry after the newest.
    CREATE TRIGGER audit_event_kept BEFORE DELETE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit rows are never deleted'); END;
    CREATE TRIGGER audit_event_immutable BEFORE UPDATE ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit rows are never modified'); END;
    CREATE TRIGGER audit_event_appended BEFORE INSERT ON audit_event
    WHEN NEW.id IS NOT (SELECT ifnull(max(id), 0) + 1 FROM audit_event)
      OR NEW.prev_hash IS NOT ifnull((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1),
                                     '0000000000000000000000000000000000000000000000000000000000000000')
    BEGIN SELECT RAISE(ABORT, 'an audit row follows the newest one and carries its hash'); END;

    -- The newest entry, moved only by the trigger below.
    CREATE TABLE audit_head (
        only    INTEGER PRIMARY KEY CHECK (only = 1),
        last_id INTEGER NOT NULL,
        hash    TEXT NOT NULL
    );
    INSERT INTO audit_head (only, last_id, hash)
    SELECT 1, ifnull(max(id), 0),
           ifnull((SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1),
                  '0000000000000000000000000000000000000000000000000000000000000000')
      FROM audit_event;
    CREATE TRIGGER audit_head_moves AFTER INSERT ON audit_event
    BEGIN UPDATE audit_head SET last_id = NEW.id, hash = NEW.hash; END;
    CREATE TRIGGER audit_head_follows BEFORE UPDATE ON audit_head
    WHEN NEW.last_id IS NOT (SELECT max(id) FROM audit_event)
      OR NEW.hash IS NOT (SELECT hash FROM audit_event WHERE id = NEW.last_id)
    BEGIN SELECT RAISE(ABORT, 'the audit head names the newest audit row'); END;
    CREATE TRIGGER audit_head_kept BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, 'the audit head is never deleted'); END;
    "#,
    // 9: comments corrected or withdrawn by the meeting secretary until the minutes are signed.
    //    Nothing is deleted: a withdrawn comment is marked (the minutes leave it out), and every
    //    correction keeps the comment as it was before.
    r#"
    ALTER TABLE comment ADD COLUMN withdrawn_at TEXT;
    ALTER TABLE comment ADD COLUMN withdrawn_by TEXT;
    ALTER TABLE comment ADD COLUMN withdrawn_reason TEXT;

    CREATE TABLE comment_correction (
        id         INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comment(id),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        -- 'corrected' or 'withdrawn'
        action     TEXT NOT NULL CHECK (action IN ('corrected', 'withdrawn')),
        -- JSON of the comment as it was before (speaker, kind, section, text)
        before     TEXT NOT NULL
    );
    CREATE INDEX comment_correction_comment ON comment_correction (comment_id, id);
    CREATE TRIGGER comment_correction_kept BEFORE UPDATE ON comment_correction
    BEGIN SELECT RAISE(ABORT, 'comment corrections are never modified'); END;
    CREATE TRIGGER comment_correction_not_deleted BEFORE DELETE ON comment_correction
    BEGIN SELECT RAISE(ABORT, 'comment corrections are never deleted'); END;
    CREATE TRIGGER comment_not_deleted BEFORE DELETE ON comment
    BEGIN SELECT RAISE(ABORT, 'comments are withdrawn, never deleted'); END;
    "#,
    // 10: the committee's approval (issue 12). A submission names its version by SHA-256 and
    //     says how the comments were taken in; a decision records the committee's meeting date,
    //     the committee members who took part and who signs on its behalf. An approval locks the
    //     approved topic's session record, its comments and answers, and the minutes signed by
    //     then: the triggers below refuse any UPDATE or DELETE of them, and the SHA-256 of their
    //     canonical encoding (approval::locked_digest) is kept to check them against later.
    //     Every message of these triggers starts "approval lock" (error.rs maps it to Vietnamese).
    r#"
    ALTER TABLE submission ADD COLUMN version_sha256 TEXT;
    UPDATE submission SET version_sha256 = (SELECT sha256 FROM outline_version v WHERE v.id = submission.version_id);
    -- how the comments were taken in, drawn from the answers when it was submitted
    ALTER TABLE submission ADD COLUMN summary TEXT NOT NULL DEFAULT '';
    -- the committee's meeting that decided
    ALTER TABLE submission ADD COLUMN meeting_on TEXT;
    -- who signs on the committee's behalf: "T/M CHI ỦY" / "T/M ĐẢNG ỦY", "BÍ THƯ", the name
    ALTER TABLE submission ADD COLUMN signer_id INTEGER REFERENCES member(id);
    ALTER TABLE submission ADD COLUMN signer_on_behalf TEXT;
    ALTER TABLE submission ADD COLUMN signer_title TEXT;
    ALTER TABLE submission ADD COLUMN signer_name TEXT;

    -- the committee members who took part in the decision, with their name and position then
    CREATE TABLE decision_participant (
        submission_id INTEGER NOT NULL REFERENCES submission(id),
        member_id     INTEGER NOT NULL REFERENCES member(id),
        full_name     TEXT NOT NULL,
        position      TEXT NOT NULL,
        PRIMARY KEY (submission_id, member_id)
    ) WITHOUT ROWID;

    -- an approval's lock: the digest of the locked records at decision time
    CREATE TABLE approval_lock (
        submission_id INTEGER PRIMARY KEY REFERENCES submission(id),
        digest        TEXT NOT NULL,
        locked_at     TEXT NOT NULL
    );
    -- the sessions it locks (where the topic was presented), and the minutes revisions that
    -- were signed then (JSON array of ids; those are immutable since migration 5)
    CREATE TABLE approval_lock_session (
        submission_id     INTEGER NOT NULL REFERENCES submission(id),
        session_id        INTEGER NOT NULL REFERENCES session(id),
        signed_minutes    TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (submission_id, session_id)
    ) WITHOUT ROWID;
    CREATE INDEX approval_lock_session_session ON approval_lock_session (session_id);

    CREATE TRIGGER submission_decided_kept BEFORE UPDATE ON submission WHEN OLD.decision IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decided submission is never modified'); END;
    CREATE TRIGGER submission_kept BEFORE DELETE ON submission
    BEGIN SELECT RAISE(ABORT, 'approval lock: a submission is never deleted'); END;
    CREATE TRIGGER session_approval_lock_update BEFORE UPDATE ON session
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never modified'); END;
    CREATE TRIGGER session_approval_lock_delete BEFORE DELETE ON session
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never deleted'); END;
    CREATE TRIGGER attendance_approval_lock_update BEFORE UPDATE ON attendance
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never modified'); END;
    CREATE TRIGGER attendance_approval_lock_delete BEFORE DELETE ON attendance
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never deleted'); END;
    CREATE TRIGGER session_topic_approval_lock_update BEFORE UPDATE ON session_topic
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never modified'); END;
    CREATE TRIGGER session_topic_approval_lock_delete BEFORE DELETE ON session_topic
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never deleted'); END;
    CREATE TRIGGER session_guest_approval_lock_update BEFORE UPDATE ON session_guest
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never modified'); END;
    CREATE TRIGGER session_guest_approval_lock_delete BEFORE DELETE ON session_guest
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never deleted'); END;
    CREATE TRIGGER conclusion_vote_approval_lock_update BEFORE UPDATE ON conclusion_vote
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never modified'); END;
    CREATE TRIGGER conclusion_vote_approval_lock_delete BEFORE DELETE ON conclusion_vote
    WHEN EXISTS (SELECT 1 FROM approval_lock_session WHERE session_id = OLD.session_id)
    BEGIN SELECT RAISE(ABORT, 'approval lock: the session record of an approved topic is never deleted'); END;
    CREATE TRIGGER comment_approval_lock_update BEFORE UPDATE ON comment
    WHEN EXISTS (SELECT 1 FROM approval_lock_session l JOIN submission s ON s.id = l.submission_id
                  WHERE l.session_id = OLD.session_id AND (OLD.topic_id IS NULL OR OLD.topic_id = s.topic_id))
    BEGIN SELECT RAISE(ABORT, 'approval lock: the comments and answers of an approved topic are never modified'); END;
    CREATE TRIGGER comment_approval_lock_delete BEFORE DELETE ON comment
    WHEN EXISTS (SELECT 1 FROM approval_lock_session l JOIN submission s ON s.id = l.submission_id
                  WHERE l.session_id = OLD.session_id AND (OLD.topic_id IS NULL OR OLD.topic_id = s.topic_id))
    BEGIN SELECT RAISE(ABORT, 'approval lock: the comments and answers of an approved topic are never deleted'); END;
    CREATE TRIGGER decision_participant_kept_update BEFORE UPDATE ON decision_participant
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never modified'); END;
    CREATE TRIGGER decision_participant_kept_delete BEFORE DELETE ON decision_participant
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never deleted'); END;
    CREATE TRIGGER approval_lock_kept_update BEFORE UPDATE ON approval_lock
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never modified'); END;
    CREATE TRIGGER approval_lock_kept_delete BEFORE DELETE ON approval_lock
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never deleted'); END;
    CREATE TRIGGER approval_lock_session_kept_update BEFORE UPDATE ON approval_lock_session
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never modified'); END;
    CREATE TRIGGER approval_lock_session_kept_delete BEFORE DELETE ON approval_lock_session
    BEGIN SELECT RAISE(ABORT, 'approval lock: a decision''s record is never deleted'); END;
    "#,
    // 11: what heads, signs and addresses an organisation's documents, as the organisation
    //     corrects it (empty: the library's default, derived from the organisation and its
    //     members). Recipients (Nơi nhận) are one line each.
    r#"
    ALTER TABLE organisation_setting ADD COLUMN header_parent TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN header_issuer TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN minutes_recipients TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN plan_recipients TEXT NOT NULL DEFAULT '';
    "#,
    // 12: the yearly plan as the committee approved it (issue 11, point 2): the document and
    //     its topics, taken by the approval in its transaction, never changed nor deleted.
    //     Plans approved before this step have none (they print as they stand, as before).
    r#"
    CREATE TABLE plan_snapshot (
        plan_id     INTEGER PRIMARY KEY REFERENCES plan(id),
        approved_on TEXT NOT NULL,
        -- the PartyDocument as approved (JSON)
        document    TEXT NOT NULL,
        -- the topics as approved (JSON: id, title, group, quarter, date, assignees)
        topics      TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TRIGGER plan_snapshot_kept BEFORE UPDATE ON plan_snapshot
    BEGIN SELECT RAISE(ABORT, 'an approved plan is kept as approved'); END;
    CREATE TRIGGER plan_snapshot_not_deleted BEFORE DELETE ON plan_snapshot
    BEGIN SELECT RAISE(ABORT, 'an approved plan is kept as approved'); END;
    "#,
    // 13: the yearly plan reported to the committee above (DOMAIN.md, "Rules from the
    //     guidance"): when, and who recorded it. One report a plan; kept as history.
    r#"
    CREATE TABLE plan_report (
        plan_id     INTEGER PRIMARY KEY REFERENCES plan(id),
        reported_on TEXT NOT NULL,
        reported_by TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TRIGGER plan_report_kept_update BEFORE UPDATE ON plan_report
    BEGIN SELECT RAISE(ABORT, 'a plan''s report upward is never modified'); END;
    CREATE TRIGGER plan_report_kept_delete BEFORE DELETE ON plan_report
    BEGIN SELECT RAISE(ABORT, 'a plan''s report upward is never deleted'); END;
    "#,
    // 14: the yearly plan's text blocks as the organisation words them (empty: the library's
    //     default): its Căn cứ, its purpose and requirements, how it is carried out.
    r#"
    ALTER TABLE organisation_setting ADD COLUMN plan_basis TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN plan_purpose TEXT NOT NULL DEFAULT '';
    ALTER TABLE organisation_setting ADD COLUMN plan_implementation TEXT NOT NULL DEFAULT '';
    "#,
    // 15: how many days before the session the draft must go out to the members (42-HD/BTCTW,
    //     2025: at least one), an organisation setting like the quorum and the minimum length.
    r#"
    ALTER TABLE organisation_setting ADD COLUMN draft_lead_days INTEGER NOT NULL DEFAULT 1
        CHECK (draft_lead_days BETWEEN 0 AND 30);
    "#,
    // 16: identity that survives merging (issue 15). Every record that can travel to another
    //     workstation gets a UUID v7 beside its local integer key, in a table of its own: the
    //     approval locks, the immutable versions and the append-only trail stay untouched (no
    //     UPDATE of any locked row), and ids are given in plain SQL (time in ms, then random
    //     bits), so a row inserted by any SQLite tool gets one too; a row that takes the key of
    //     one deleted before it (SQLite reuses the highest) gets a new id, not the old one's. Attendance, assignees, the
    //     vote and a decision's participants travel inside their session, topic or submission.
    //     Packages received from other workstations are kept as they came (records by UUID,
    //     original documents by SHA-256), with the keys a person confirmed and the conflicts
    //     found, each side kept until a person chooses.
    r#"
    CREATE TABLE record_uid (
        entity   TEXT NOT NULL,
        local_id INTEGER NOT NULL,
        uid      TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
        PRIMARY KEY (entity, local_id)
    ) WITHOUT ROWID;
    -- a new UUID v7 each time it is read: 48 bits of Unix time in ms, version 7, the variant,
    -- random bits (RFC 9562)
    CREATE VIEW new_uid AS SELECT
        substr(t, 1, 8) || '-' || substr(t, 9, 4) || '-7' || substr(lower(hex(randomblob(2))), 1, 3)
        || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 1, 3)
        || '-' || lower(hex(randomblob(6))) AS uid
      FROM (SELECT printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) AS t);
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'organisation', t.id, n.uid FROM organisation t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'member', t.id, n.uid FROM member t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'plan', t.id, n.uid FROM plan t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'topic', t.id, n.uid FROM topic t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'outline_version', t.id, n.uid FROM outline_version t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'session', t.id, n.uid FROM session t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'session_guest', t.id, n.uid FROM session_guest t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'comment', t.id, n.uid FROM comment t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'submission', t.id, n.uid FROM submission t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'minutes_revision', t.id, n.uid FROM minutes_revision t, new_uid n;
    INSERT INTO record_uid (entity, local_id, uid) SELECT 'audit_event', t.id, n.uid FROM audit_event t, new_uid n;
    CREATE TRIGGER organisation_uid AFTER INSERT ON organisation
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'organisation', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER member_uid AFTER INSERT ON member
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'member', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER plan_uid AFTER INSERT ON plan
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'plan', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER topic_uid AFTER INSERT ON topic
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'topic', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER outline_version_uid AFTER INSERT ON outline_version
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'outline_version', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER session_uid AFTER INSERT ON session
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'session', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER session_guest_uid AFTER INSERT ON session_guest
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'session_guest', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER comment_uid AFTER INSERT ON comment
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'comment', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER submission_uid AFTER INSERT ON submission
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'submission', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER minutes_revision_uid AFTER INSERT ON minutes_revision
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'minutes_revision', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER audit_event_uid AFTER INSERT ON audit_event
    BEGIN INSERT OR REPLACE INTO record_uid (entity, local_id, uid) SELECT 'audit_event', NEW.id, uid FROM new_uid; END;
    CREATE TRIGGER record_uid_kept_update BEFORE UPDATE ON record_uid
    BEGIN SELECT RAISE(ABORT, 'a record''s global id never changes'); END;

    -- the public keys of other workstations, each confirmed by a person (by phone, on paper)
    CREATE TABLE known_key (
        workstation_uid TEXT PRIMARY KEY,
        public_key      TEXT NOT NULL CHECK (length(public_key) = 64),
        label           TEXT NOT NULL,
        confirmed_by    TEXT NOT NULL,
        confirmed_at    TEXT NOT NULL
    );
    CREATE TABLE received_package (
        id                 INTEGER PRIMARY KEY,
        package_uid        TEXT NOT NULL UNIQUE,
        source_workstation TEXT NOT NULL,
        source_label       TEXT NOT NULL,
        created_at         TEXT NOT NULL,
        received_at        TEXT NOT NULL,
        received_by        TEXT NOT NULL,
        sha256             TEXT NOT NULL,
        -- the manifest as signed (JSON)
        manifest           TEXT NOT NULL
    );
    -- the records as they came, canonical JSON, the newest from their workstation
    CREATE TABLE received_record (
        uid                TEXT PRIMARY KEY,
        kind               TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        body               TEXT NOT NULL,
        digest             TEXT NOT NULL,
        package_id         INTEGER NOT NULL REFERENCES received_package(id),
        received_at        TEXT NOT NULL
    );
    CREATE INDEX received_record_kind ON received_record (kind, source_workstation);
    CREATE TABLE received_document (
        sha256 TEXT PRIMARY KEY,
        bytes  BLOB NOT NULL
    ) WITHOUT ROWID;
    -- a record changed here and differently there: both sides, until a person chooses
    CREATE TABLE exchange_conflict (
        id                 INTEGER PRIMARY KEY,
        uid                TEXT NOT NULL,
        kind               TEXT NOT NULL,
        -- where our side is: 'local' (this workstation's own record) or 'received'
        ours_from          TEXT NOT NULL CHECK (ours_from IN ('local', 'received')),
        ours_body          TEXT NOT NULL,
        theirs_body        TEXT NOT NULL,
        theirs_digest      TEXT NOT NULL,
        source_workstation TEXT NOT NULL,
        package_id         INTEGER NOT NULL REFERENCES received_package(id),
        found_at           TEXT NOT NULL,
        resolved_at        TEXT,
        resolved_by        TEXT,
        resolution         TEXT CHECK (resolution IN ('ours', 'theirs')),
        UNIQUE (uid, theirs_digest),
        CHECK ((resolved_at IS NULL) = (resolution IS NULL))
    );
    "#,
    // 17: accounts of the people who use the workstation (issue 13): each with its role, linked
    //     to a member or (an administrator, an office clerk) to none; the password as an Argon2id
    //     PHC string, never in clear; failed sign-ins counted with the time the account waits
    //     until. Deactivated, never deleted (the trail names them).
    r#"
    CREATE TABLE account (
        id                   INTEGER PRIMARY KEY,
        username             TEXT NOT NULL UNIQUE,
        display_name         TEXT NOT NULL,
        role                 TEXT NOT NULL CHECK (role IN
                                 ('administrator', 'secretary', 'committee_member', 'member', 'clerk')),
        member_id            INTEGER REFERENCES member(id),
        password_hash        TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        must_change_password INTEGER NOT NULL DEFAULT 0,
        failed_attempts      INTEGER NOT NULL DEFAULT 0,
        wait_until           TEXT,
        deactivated_on       TEXT,
        created_at           TEXT NOT NULL,
        CHECK (member_id IS NOT NULL OR role IN ('administrator', 'clerk'))
    );
    CREATE TRIGGER account_kept BEFORE DELETE ON account
    BEGIN SELECT RAISE(ABORT, 'an account is deactivated, never deleted'); END;
    "#,
    // 18: what a cell's member list in Excel carries besides the name (issue 17): date of birth,
    //     date of joining the Party (ngày vào Đảng) and the Party card number (số thẻ đảng viên),
    //     each unknown (NULL) until someone records it.
    r#"
    ALTER TABLE member ADD COLUMN born_on TEXT;
    ALTER TABLE member ADD COLUMN joined_on TEXT;
    ALTER TABLE member ADD COLUMN card_number TEXT CHECK (card_number IS NULL OR length(trim(card_number)) > 0);
    "#,
    // 19: reminders shown as the system's notifications (issue 16), each once: what was shown
    //     and when. Named by kind, topic and date (reminder.rs).
    r#"
    CREATE TABLE reminder_shown (
        key      TEXT PRIMARY KEY,
        shown_at TEXT NOT NULL
    );
    "#,
];

/// The schema version this build writes and reads.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
