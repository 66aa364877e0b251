import Foundation

/// Reads rows on a thread of their own while the caller consumes them: a spreadsheet's sheet is
/// inflated, scanned and turned into typed cells on one core while the import checks the rows
/// before on the other (the office PCs have two).
///
/// Rows travel in batches (`batchSize` rows) through a queue of at most `batchesAhead` batches, so
/// memory stays flat whatever the table's length: at most `batchSize × (batchesAhead + 2)` rows are
/// between the producer and the consumer at any time (the batches queued, the one being filled and
/// the one being consumed). The batches are invisible to the consumer: it sees every row once, in
/// the order produced, as if it were called from inside the producer.
///
/// Failures keep the serial order too. When the producer throws, the consumer first gets every row
/// produced before, then the producer's error is thrown as it was thrown (a located `InputErrors`
/// stays that error). When the consumer throws, the producer is stopped at its next row and waited
/// for, and the consumer's error is thrown. Either way `run` returns only after the producer's
/// thread is done with its source: nothing is left reading, and nothing waits forever.
public enum RowPipeline {
    public static let defaultBatchSize = 2_048
    public static let defaultBatchesAhead = 2

    /// Calls `produce` on a new thread with an `emit` function and `consume` on the calling thread
    /// with each emitted row; returns what `produce` returned.
    public static func run<Row: Sendable, Outcome: Sendable>(
        batchSize: Int = defaultBatchSize, batchesAhead: Int = defaultBatchesAhead,
        produce: @escaping @Sendable (_ emit: (Row) throws -> Void) throws -> Outcome,
        consume: (Row) throws -> Void
    ) throws -> Outcome {
        let channel = Channel<Row, Outcome>(capacity: max(1, batchesAhead))
        let size = max(1, batchSize)
        let thread = Thread {
            var batch: [Row] = []
            batch.reserveCapacity(size)
            let outcome = Result {
                try produce { row in
                    batch.append(row)
                    if batch.count >= size {
                        try channel.put(batch)
                        batch = []
                        batch.reserveCapacity(size)
                    }
                }
            }
            channel.finish(last: batch, outcome)
        }
        // The reader keeps little on its stack, but a secondary thread's default is small on Linux.
        thread.stackSize = 8 << 20
        thread.start()
        defer { channel.stopAndWait() }
        while true {
            switch channel.take() {
            case .rows(let rows):
                for row in rows { try consume(row) }
            case .done(let outcome):
                return try outcome.get()
            }
        }
    }

    /// Thrown inside the producer when the consumer has stopped; never reaches the caller.
    struct Stopped: Error {}

    /// The bounded queue between the two threads, and the producer's outcome.
    private final class Channel<Row: Sendable, Outcome: Sendable>: @unchecked Sendable {
        enum Item { case rows([Row]), done(Result<Outcome, any Error>) }

        private let condition = NSCondition()
        private let capacity: Int
        private var queue: [[Row]] = []
        private var outcome: Result<Outcome, any Error>?
        private var stopped = false
        private var exited = false

        init(capacity: Int) { self.capacity = capacity }

        /// Producer: hands over a full batch, waiting while the queue is full; throws `Stopped` once
        /// the consumer has gone.
        func put(_ rows: [Row]) throws {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= capacity && !stopped { condition.wait() }
            if stopped { throw Stopped() }
            queue.append(rows)
            condition.broadcast()
        }

        /// Producer, last: the rows of the partial batch (when it succeeded or failed on its own),
        /// then how it ended.
        func finish(last rows: [Row], _ result: Result<Outcome, any Error>) {
            condition.lock()
            defer { condition.unlock() }
            if !rows.isEmpty && !stopped { queue.append(rows) }
            outcome = result
            exited = true
            condition.broadcast()
        }

        /// Consumer: the next batch, or the producer's outcome once every batch before it is taken.
        func take() -> Item {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && outcome == nil { condition.wait() }
            if !queue.isEmpty {
                let rows = queue.removeFirst()
                condition.broadcast()
                return .rows(rows)
            }
            return .done(outcome ?? .failure(Stopped()))
        }

        /// Consumer, on the way out however it leaves: stops the producer if it still runs, drops
        /// what is queued, and waits until the producer has returned.
        func stopAndWait() {
            condition.lock()
            defer { condition.unlock() }
            stopped = true
            queue = []
            condition.broadcast()
            while !exited { condition.wait() }
        }
    }
}
