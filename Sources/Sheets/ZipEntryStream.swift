import Foundation
import ZIPFoundation

/// One ZIP entry as an `InputStream`, inflated by ZIPFoundation on a worker thread in chunks, so
/// `XMLParser` reads a sheet of any size with a few chunks in memory (never the whole XML, never a tree).
///
/// ZIPFoundation's `extract` pushes chunks into a closure and `XMLParser(stream:)` pulls them with
/// `read`; the worker and the parser meet at a `ChunkQueue` of at most a few chunks.
final class ZipEntryStream: InputStream {
    private let queue: ChunkQueue
    private var current = Data()
    private var offset = 0

    init(archiveURL: URL, entryPath: String) {
        queue = ChunkQueue(archiveURL: archiveURL, entryPath: entryPath)
        super.init(data: Data())
    }

    /// What stopped the inflation early (a damaged entry), once the stream has ended.
    var error: (any Error)? { queue.error }

    override func open() { queue.start() }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
        if offset >= current.count {
            switch queue.next() {
            case .chunk(let data): current = data; offset = 0
            case .end: return 0
            case .failed: return -1
            }
        }
        let n = min(len, current.count - offset)
        current.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            buffer.update(from: base.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: n)
        }
        offset += n
        return n
    }

    /// The entry's bytes chunk by chunk, nil at its end, as `XMLScanner` takes them; throws what
    /// stopped the inflation (a damaged entry).
    var chunks: XMLScanner.Source {
        { [self] in
            queue.start()
            switch queue.next() {
            case .chunk(let data): return [UInt8](data)
            case .end: return nil
            case .failed: throw queue.error ?? CocoaError(.fileReadCorruptFile)
            }
        }
    }

    override var hasBytesAvailable: Bool { offset < current.count || !queue.isDrained }

    /// Stops the worker (when the parser stopped early) and waits for it: no thread outlives the read.
    override func close() { queue.cancel() }
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
            _ = try archive.extract(entry, bufferSize: Self.chunkSize) { chunk in
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
