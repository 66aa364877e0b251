import Foundation
import ZIPFoundation

/// One ZIP entry's bytes, inflated by ZIPFoundation on a worker thread in chunks, so a sheet of any
/// size is read with a few chunks in memory (never the whole XML, never a tree), and inflating one
/// chunk overlaps reading the one before.
///
/// ZIPFoundation's `extract` pushes chunks into a closure; the reader pulls them (`chunks`). The
/// worker and the reader meet at a `ChunkQueue` of at most a few chunks.
final class ZipEntryStream {
    private let queue: ChunkQueue

    init(archiveURL: URL, entryPath: String) {
        queue = ChunkQueue(archiveURL: archiveURL, entryPath: entryPath)
    }

    /// The entry's bytes chunk by chunk, nil at its end, as `XMLScanner` takes them; throws what
    /// stopped the inflation (a damaged entry).
    var chunks: XMLScanner.Source {
        { [queue] in
            queue.start()
            switch queue.next() {
            case .chunk(let data): return [UInt8](data)
            case .end: return nil
            case .failed: throw queue.error ?? CocoaError(.fileReadCorruptFile)
            }
        }
    }

    /// Stops the worker (when the reader stopped early) and waits for it: no thread outlives the read.
    func close() { queue.cancel() }
}

/// The bounded hand-over between the inflating worker and the reading parser. The worker opens its
/// own `Archive`: an archive's file position cannot be shared between threads.
final class ChunkQueue: @unchecked Sendable {
    enum Next { case chunk(Data), end, failed }

    private let archiveURL: URL
    private let entryPath: String
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var finished = false
    private var cancelled = false
    private var started = false
    private var failure: (any Error)?
    private static let depth = 4
    private static let chunkSize = 64 * 1024

    init(archiveURL: URL, entryPath: String) { self.archiveURL = archiveURL; self.entryPath = entryPath }

    var error: (any Error)? { condition.withLock { failure } }
    var isDrained: Bool { condition.withLock { chunks.isEmpty && finished } }

    private struct Cancelled: Error {}
    private struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "文件包中没有 \(path)" }
    }

    func start() {
        let go = condition.withLock { () -> Bool in
            defer { started = true }
            return !started
        }
        guard go else { return }
        let thread = Thread { [self] in inflate() }
        thread.start()
    }

    private func inflate() {
        do {
            let archive = try Archive(url: archiveURL, accessMode: .read)
            guard let entry = archive[entryPath] else { throw Missing(path: entryPath) }
            // skipCRC32: ZIPFoundation's consumer-style extract returns the checksum without comparing
            // it to the entry's, and its byte-at-a-time CRC took a tenth of an import's CPU time.
            _ = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: true) { chunk in
                condition.lock()
                defer { condition.unlock() }
                while chunks.count >= Self.depth && !cancelled { condition.wait() }
                if cancelled { throw Cancelled() }
                chunks.append(chunk)
                condition.broadcast()
            }
        } catch is Cancelled {
        } catch {
            condition.withLock { failure = error }
        }
        condition.withLock { finished = true; condition.broadcast() }
    }

    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if chunks.isEmpty { return failure == nil ? .end : .failed }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return .chunk(chunk)
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while started && !finished { condition.wait() }
        condition.unlock()
    }
}
