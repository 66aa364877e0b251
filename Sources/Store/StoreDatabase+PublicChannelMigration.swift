import GRDB

extension StoreDatabase {
    /// The public channel (群众反馈渠道 online, issue 24).
    ///
    /// `public_channel_hit` holds the recent requests the public listener counts: submissions and
    /// enquiries per client address (a keyed digest of it, never the address) and wrong PINs per
    /// complaint number (whatever the address, so that no one can try every PIN from many
    /// addresses). Rows older than the longest window are swept at each insert.
    ///
    /// `public_form_token` holds the one-time tokens of the public forms that were used: a token is
    /// accepted once, and forgotten when it could no longer be accepted anyway (its lifetime is over).
    ///
    /// `complaint.caller_rating` (满意 / 基本满意 / 不满意) and `caller_rating_comment`: the caller's own
    /// evaluation (来电人评价), given online once the complaint is 办结, beside the centre's 回访
    /// (`satisfaction`).
    static func migratePublicChannel(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE public_channel_hit (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            kind    TEXT NOT NULL CHECK (kind IN ('submission', 'enquiry', 'wrong_pin')),
            subject TEXT NOT NULL,                     -- an address digest, or a complaint number
            at      TEXT NOT NULL                      -- UTC ISO 8601
        );
        CREATE INDEX public_channel_hit_subject ON public_channel_hit(kind, subject, at);
        CREATE INDEX public_channel_hit_at ON public_channel_hit(at);

        CREATE TABLE public_form_token (
            nonce   TEXT PRIMARY KEY NOT NULL,
            used_at TEXT NOT NULL                      -- UTC ISO 8601
        );
        CREATE INDEX public_form_token_used ON public_form_token(used_at);

        ALTER TABLE complaint ADD COLUMN caller_rating TEXT CHECK (caller_rating IN ('满意', '基本满意', '不满意'));
        ALTER TABLE complaint ADD COLUMN caller_rating_comment TEXT;
        """)
    }
}
