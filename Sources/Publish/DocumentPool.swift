import Foundation
import GongkaiCore

/// The documents of a release being written on a bounded pool of threads (one per core: Cairo, Pango
/// and fontconfig work in each job on that job's own font map and surface, see `FontSet`), while the
/// caller goes on. `drain` waits for them and gives their files back in the order the jobs were
/// submitted, and the first failure in that order, so nothing depends on which thread ran first.
final class DocumentPool: @unchecked Sendable {
    private let queue = OperationQueue()
    private let lock = NSLock()
    private var results: [Result<[Manifest.File], Error>?] = []

    init(threads: Int) {
        queue.maxConcurrentOperationCount = max(1, threads)
        queue.qualityOfService = .userInitiated
    }

    func submit(_ job: @escaping @Sendable () throws -> [Manifest.File]) {
        lock.lock()
        let slot = results.count
        results.append(nil)
        lock.unlock()
        queue.addOperation { [self] in
            let result = Result { try job() }
            lock.lock()
            results[slot] = result
            lock.unlock()
        }
    }

    /// Every file written by the jobs submitted so far, in submission order.
    func drain() throws -> [Manifest.File] {
        queue.waitUntilAllOperationsAreFinished()
        lock.lock()
        let done = results
        results = []
        lock.unlock()
        var files: [Manifest.File] = []
        for result in done {
            guard let result else { throw PoolError.unfinished }
            files += try result.get()
        }
        return files
    }

    /// A job the queue reported finished without a result: never expected, said rather than trapped on.
    enum PoolError: Error, CustomStringConvertible {
        case unfinished
        var description: String { "内部错误：一个文件的排版任务未完成" }
    }
}
