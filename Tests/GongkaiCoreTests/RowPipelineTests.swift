import Foundation
import GongkaiCore
import Testing

/// The two threads and the bounded queue behind a sheet's import (`RowPipeline`): rows in order
/// whatever the batches, failures from either side as in a serial read, the producer always
/// finished when `run` returns, and never more rows in flight than the bound.
@Suite struct RowPipelineTests {
    struct Refused: Error, Equatable { let row: Int }

    /// What the producer did, seen from the consumer's thread.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var produced = 0
        private var returned = false

        func didProduce() { lock.lock(); produced += 1; lock.unlock() }
        func didReturn() { lock.lock(); returned = true; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return produced }
        var hasReturned: Bool { lock.lock(); defer { lock.unlock() }; return returned }
    }

    @Test(arguments: [1, 7, 64, 2_048, 10_007, 20_000])
    func rowsArriveOnceInOrderWhateverTheBatchSize(_ batchSize: Int) throws {
        var seen: [Int] = []
        let outcome = try RowPipeline.run(batchSize: batchSize, batchesAhead: 2, produce: { emit in
            for i in 0..<10_007 { try emit(i) }
            return "done"
        }, consume: { seen.append($0) })
        #expect(outcome == "done")
        #expect(seen == Array(0..<10_007))
    }

    @Test func anEmptyProducerReturnsItsOutcome() throws {
        var seen = 0
        let outcome = try RowPipeline.run(produce: { (_: (Int) throws -> Void) in 42 }, consume: { _ in seen += 1 })
        #expect(outcome == 42 && seen == 0)
    }

    /// A reader that fails at row 5,000 (a damaged sheet): the rows before it all reach the import,
    /// in order, and then its own error, as when the import was called from inside the reader.
    @Test(arguments: [1, 100, 2_048])
    func theProducersErrorComesAfterEveryRowBeforeIt(_ batchSize: Int) {
        let tally = Tally()
        var seen: [Int] = []
        #expect(throws: Refused(row: 5_000)) {
            try RowPipeline.run(batchSize: batchSize, produce: { emit in
                defer { tally.didReturn() }
                for i in 1...10_000 {
                    if i == 5_000 { throw Refused(row: i) }
                    try emit(i)
                }
                return ()
            }, consume: { seen.append($0) })
        }
        #expect(seen == Array(1..<5_000))
        #expect(tally.hasReturned)
    }

    /// The import refusing row 5,000 stops a reader that would go on for ever: the consumer's error
    /// comes back, and the producer has returned by then, after at most the rows in flight.
    @Test func theConsumersErrorStopsAndWaitsForTheProducer() {
        let tally = Tally()
        let batchSize = 100, ahead = 2
        #expect(throws: Refused(row: 5_000)) {
            try RowPipeline.run(batchSize: batchSize, batchesAhead: ahead, produce: { emit in
                defer { tally.didReturn() }
                var i = 0
                while true {
                    i += 1
                    tally.didProduce()
                    try emit(i)
                }
            }, consume: { row in
                if row == 5_000 { throw Refused(row: row) }
            })
        }
        #expect(tally.hasReturned)
        #expect(tally.count <= 5_000 + batchSize * (ahead + 2))
    }

    /// However slow the consumer, the producer runs at most `batchSize × (batchesAhead + 2)` rows
    /// ahead of it: memory stays flat for a table of any length.
    @Test(arguments: [(1, 1), (10, 2), (256, 3)])
    func theProducerRunsAtMostTheBoundAhead(_ shape: (batchSize: Int, ahead: Int)) throws {
        let tally = Tally()
        var consumed = 0, widest = 0
        try RowPipeline.run(batchSize: shape.batchSize, batchesAhead: shape.ahead, produce: { emit in
            for i in 0..<20_000 {
                tally.didProduce()
                try emit(i)
            }
            return ()
        }, consume: { _ in
            consumed += 1
            widest = max(widest, tally.count - consumed)
        })
        #expect(consumed == 20_000)
        #expect(widest <= shape.batchSize * (shape.ahead + 2))
    }
}
