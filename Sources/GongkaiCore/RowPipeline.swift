import Foundation

/// Reads rows while another thread consumes them: a spreadsheet's sheet is inflated, scanned and
/// turned into typed cells on one core while the import checks the rows before on the other (the
/// office PCs have two).
///
/// Rows travel in batches (`batchSize` rows) through a queue of at most `batchesAhead` batches, so
/// memory stays flat whatever the table's length: at most `batchSize × (batchesAhead + 2)` rows are
/// between the producer and the consumer at any time (the batches queued, the one being filled and
/// the one being consumed). The batches are invisible to the consumer: it sees every row once, in
/// the order produced, as if it were called from inside the producer.
///
/// Failures keep the serial order too. When the producer throws, the consumer first gets every row
/// produced before, then the producer's error is thrown as it was thrown (a located `InputErrors`
/// stays that error). When the consumer throws, the producer is stopped at its next full batch, and
/// the consumer's error is thrown. Either way `run` returns only after both have returned: nothing
/// is left reading or consuming, and nothing waits forever.
///
/// The producer runs on the calling thread and the consumer on a new one, not the other way round:
/// glibc gives each thread its own malloc arena, and the rows are allocated by the producer and
/// freed by the consumer. This way their memory goes back to the calling thread's arena, where the
/// import's transaction (its page cache) reuses it after the read, as when the import read in line;
/// the other way round, an import of 100,000 households as .xlsx peaked 30 MiB higher, above the
/// same tables as CSV.
public enum RowPipeline {
    public static let defaultBatchSize = 512
    public static let defaultBatchesAhead = 2

    /// Calls `produce` on the calling thread with an `emit` function, and `consume` on a new thread
    /// with each emitted row; returns what `produce` returned. `produce` is `@Sendable` so that it
    /// shares no mutable state with `consume`; `consume` may touch the caller's state, which the
    /// caller cannot touch while `run` waits for it.
    public static func run<Row: Sendable, Outcome>(
        batchSize: Int = defaultBatchSize, batchesAhead: Int = defaultBatchesAhead,
        produce: @Sendable (_ emit: (Row) throws -> Void) throws -> Outcome,
        consume: (Row) throws -> Void
    ) throws -> Outcome {
        let channel = Channel<Row>(capacity: max(1, batchesAhead))
        let size = max(1, batchSize)
        return try withoutActuallyEscaping(consume) { consume in
            let consumer = Consumer(consume)
            let thread = Thread {
                var failure: (any Error)?
                rows: while let rows = channel.take() {
                    for row in rows {
                        do { try consumer.consume?(row) } catch {
                            failure = error
                            break rows
                        }
                    }
                }
                // Dropped before the thread says it is done: `withoutActuallyEscaping` checks that
                // nothing holds the closure when `run` returns.
                consumer.consume = nil
                channel.consumerDone(failure)
            }
            // The import's checks run on this thread: give it a main thread's stack.
            thread.stackSize = 8 << 20
            thread.start()
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
            let failure = channel.finish(last: batch)
            if let failure { throw failure }
            return try outcome.get()
        }
    }

    /// The consumer's closure, handed to its thread; the thread drops it when done.
    private final class Consumer<Row>: @unchecked Sendable {
        var consume: ((Row) throws -> Void)?
        init(_ consume: @escaping (Row) throws -> Void) { self.consume = consume }
    }

    /// Thrown inside the producer when the consumer has stopped; never reaches the caller.
    struct Stopped: Error {}

    /// The bounded queue between the two threads, and how the consumer ended.
    private final class Channel<Row: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let capacity: Int
        private var queue: [[Row]] = []
        private var ended = false
        private var stopped = false
        private var consumerExited = false
        private var failure: (any Error)?

        init(capacity: Int) { self.capacity = capacity }

        /// Producer: hands over a full batch, waiting while the queue is full; throws `Stopped` once
        /// the consumer has failed.
        func put(_ rows: [Row]) throws {
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= capacity && !stopped { condition.wait() }
            if stopped { throw Stopped() }
            queue.append(rows)
            condition.broadcast()
        }

        /// Producer, last, however it ended: the rows of the partial batch, then the end; waits
        /// until the consumer has returned, and gives its error if it failed.
        func finish(last rows: [Row]) -> (any Error)? {
            condition.lock()
            defer { condition.unlock() }
            if !rows.isEmpty && !stopped { queue.append(rows) }
            ended = true
            condition.broadcast()
            while !consumerExited { condition.wait() }
            return failure
        }

        /// Consumer: the next batch, or nil once the producer has ended and every batch is taken.
        func take() -> [Row]? {
            condition.lock()
            defer { condition.unlock() }
            while queue.isEmpty && !ended { condition.wait() }
            guard !queue.isEmpty else { return nil }
            let rows = queue.removeFirst()
            condition.broadcast()
            return rows
        }

        /// Consumer, last: how it ended. A failure stops the producer and drops what is queued.
        func consumerDone(_ error: (any Error)?) {
            condition.lock()
            defer { condition.unlock() }
            if let error {
                failure = error
                stopped = true
                queue = []
            }
            consumerExited = true
            condition.broadcast()
        }
    }
}
