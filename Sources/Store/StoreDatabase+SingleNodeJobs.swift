/// A job of the server that one node at a time does, whatever the number of `serve` processes on
/// one database: each has its own PostgreSQL advisory lock key.
public enum SingleNodeJob: Int64, Sendable {
    /// The automatic 督办 sweep (Web's ComplaintSweepService): two nodes sweeping at once would
    /// supervise a complaint twice and audit it twice.
    case complaintSweep = 0x676F_6E67_6B61_6902
}

extension StoreDatabase {
    /// Runs `body` unless another node is running the same job; nil when it is. On PostgreSQL the
    /// job holds an advisory lock for its duration (freed by the server if the node dies). An SQLite
    /// file is served by one process, whose service runs the job alone: `body` always runs.
    public func alone<T>(_ job: SingleNodeJob, _ body: () throws -> T) throws -> T? {
        switch backend {
        case .sqlite: try body()
        case .postgres(let connections): try connections.whileHolding(lock: job.rawValue, body)
        }
    }
}
