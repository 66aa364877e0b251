import HummingbirdBcrypt

/// bcrypt through HummingbirdBcrypt, at the policy's cost.
///
/// BLOCKING: at cost 12 one hash or one check takes about a quarter of a second of CPU. The CLI calls
/// it directly; the web server must run every `AccountStore` call that hashes or verifies
/// (`authenticate`, `addUser`, `resetPassword`, `changeOwnPassword`) on a thread pool
/// (`NIOThreadPool.singleton.runIfActive`), never on the event loop.
struct PasswordHasher: Sendable {
    let cost: Int

    /// Passwords have been checked by `SecurityPolicy.problem(with:login:)` (no NUL, at most 72
    /// bytes), and the cost by the policy (4…31), so bcrypt's preconditions hold.
    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: UInt8(clamping: min(max(cost, 4), 31))) }

    /// A stored hash that is not a bcrypt hash (damaged) never matches.
    func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A well-formed bcrypt hash at this cost that no password is known to match: checked for a
    /// login that does not exist, so that an unknown login takes as long as a wrong password and the
    /// time taken does not tell whether a login exists.
    var dummyHash: String {
        let c = min(max(cost, 4), 31)
        return "$2b$\(c < 10 ? "0" : "")\(c)$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
    }
}
