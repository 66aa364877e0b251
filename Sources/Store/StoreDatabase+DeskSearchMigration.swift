import GRDB

extension StoreDatabase {
    /// Intake's "link as repeat" and the queues' full-text search (issue 13).
    ///
    /// - `complaint.repeat_of`: the earlier complaint a repeat call was linked to at intake.
    /// - `complaint_search`: an FTS5 index with the `trigram` tokenizer (SQLite ≥ 3.34; CJK text has
    ///   no spaces, so a word tokenizer would index whole sentences as one word) over the two texts
    ///   the desk searches: each complaint's summary (`kind` 'summary') and the note of each reply
    ///   event ('reply'). Caller identity is never indexed. Rows are found by `complaint_id`, not
    ///   by rowid: `complaint` has no INTEGER PRIMARY KEY, so VACUUM may renumber its rowids.
    ///   Triggers keep the index in step with every insert, every real change of a summary (an
    ///   import's upsert rewrites unchanged ones too: the WHEN clause skips those) and every delete;
    ///   events are append-only, so only their insert needs one. The migration indexes the rows
    ///   that exist when it runs.
    static func migrateDeskSearch(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE complaint ADD COLUMN repeat_of TEXT REFERENCES complaint(complaint_id);
        CREATE INDEX complaint_repeat_of ON complaint(repeat_of);

        CREATE VIRTUAL TABLE complaint_search USING fts5(complaint_id UNINDEXED, kind UNINDEXED, body, tokenize = 'trigram');

        CREATE TRIGGER complaint_search_insert AFTER INSERT ON complaint
        BEGIN INSERT INTO complaint_search (complaint_id, kind, body) VALUES (NEW.complaint_id, 'summary', NEW.summary); END;
        CREATE TRIGGER complaint_search_update AFTER UPDATE OF complaint_id, summary ON complaint
        WHEN OLD.summary IS NOT NEW.summary OR OLD.complaint_id IS NOT NEW.complaint_id
        BEGIN
            DELETE FROM complaint_search WHERE complaint_id = OLD.complaint_id AND kind = 'summary';
            INSERT INTO complaint_search (complaint_id, kind, body) VALUES (NEW.complaint_id, 'summary', NEW.summary);
        END;
        CREATE TRIGGER complaint_search_delete AFTER DELETE ON complaint
        BEGIN DELETE FROM complaint_search WHERE complaint_id = OLD.complaint_id; END;
        CREATE TRIGGER complaint_search_reply AFTER INSERT ON complaint_event
        WHEN NEW.action = 'reply' AND NEW.note IS NOT NULL
        BEGIN INSERT INTO complaint_search (complaint_id, kind, body) VALUES (NEW.complaint_id, 'reply', NEW.note); END;

        INSERT INTO complaint_search (complaint_id, kind, body) SELECT complaint_id, 'summary', summary FROM complaint;
        INSERT INTO complaint_search (complaint_id, kind, body)
            SELECT complaint_id, 'reply', note FROM complaint_event WHERE action = 'reply' AND note IS NOT NULL;
        """)
    }
}
