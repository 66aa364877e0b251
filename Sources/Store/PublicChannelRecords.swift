/// The SQL of the public channel's abuse limits (tables of `StoreDatabase.migratePublicChannel`).
/// Times are UTC ISO 8601 text, which compares in time order.
extension StoreDatabase {
    /// What the public listener counts.
    public enum PublicHitKind: String, Sendable {
        /// A `POST /submit`, per address digest.
        case submission
        /// A `POST /progress` or `POST /rate`, per address digest.
        case enquiry
        /// A wrong PIN (or an unknown number), per complaint number as typed.
        case wrongPIN = "wrong_pin"
    }

    /// The times of `subject`'s newest `limit` hits of `kind`, newest first.
    public func newestPublicHits(_ kind: PublicHitKind, subject: String, limit: Int) throws -> [String] {
        try session(readOnly: true) { session in
            try session.column("""
                SELECT at FROM public_channel_hit WHERE kind = ? AND subject = ? ORDER BY at DESC, id DESC LIMIT ?
                """, kind.rawValue, subject, limit)
        }
    }

    /// Records a hit without a limit (a wrong PIN: the lock is decided from the newest hits), and
    /// sweeps hits older than `forgetBefore`.
    public func recordPublicHit(_ kind: PublicHitKind, subject: String, at time: String, forgetBefore: String) throws {
        try writeRetryingWhenBusy { session in
            try session.execute("DELETE FROM public_channel_hit WHERE at < ?", forgetBefore)
            try session.execute("INSERT INTO public_channel_hit (kind, subject, at) VALUES (?, ?, ?)", kind.rawValue, subject, time)
        }
    }

    /// Counts a hit, unless `subject` already has `limit` later than `after`: then nothing is written
    /// and the oldest of them is returned (the caller computes the wait). One transaction, so two
    /// requests at once cannot both take the last place: on SQLite the write lock orders them; on
    /// PostgreSQL, where they may come to two nodes, a lock on the subject's key
    /// (`SQLDialect.publicHitLock`) does. Hits older than `forgetBefore` are swept.
    public func countPublicHit(_ kind: PublicHitKind, subject: String, at time: String, after: String, limit: Int,
                               forgetBefore: String) throws -> (admitted: Bool, oldest: String?) {
        try writeRetryingWhenBusy { session in
            if let lock = session.dialect.publicHitLock(kind: kind.rawValue, subject: subject) { try session.execute(lock.sql, lock.arguments) }
            try session.execute("DELETE FROM public_channel_hit WHERE at < ?", forgetBefore)
            let row = try session.row("""
                SELECT COUNT(*) AS n, MIN(at) AS oldest FROM public_channel_hit WHERE kind = ? AND subject = ? AND at > ?
                """, kind.rawValue, subject, after)
            let count: Int = row?.optional("n") ?? 0
            if count >= limit { return (false, row?.optional("oldest")) }
            try session.execute("INSERT INTO public_channel_hit (kind, subject, at) VALUES (?, ?, ?)", kind.rawValue, subject, time)
            return (true, nil)
        }
    }

    /// Forgets `subject`'s hits of `kind` (a right PIN clears the number's wrong ones).
    public func forgetPublicHits(_ kind: PublicHitKind, subject: String) throws {
        try writeRetryingWhenBusy { session in
            try session.execute("DELETE FROM public_channel_hit WHERE kind = ? AND subject = ?", kind.rawValue, subject)
        }
    }

    /// Marks a public form's token used; false when it was used already. Used tokens older than
    /// `forgetBefore` (past their lifetime, refused anyway) are swept.
    public func usePublicFormToken(_ nonce: String, at time: String, forgetBefore: String) throws -> Bool {
        try writeRetryingWhenBusy { session in
            try session.execute("DELETE FROM public_form_token WHERE used_at < ?", forgetBefore)
            // The nonce's primary key decides between two nodes: the second insert waits for the
            // first's commit, then does nothing.
            return try session.execute("INSERT INTO public_form_token (nonce, used_at) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
                                       nonce, time) == 1
        }
    }
}
