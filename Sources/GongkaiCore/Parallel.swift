import Foundation

/// Work spread over the machine's cores (two on the office PCs): independent statements, files to
/// check. Results come back in order; when several fail, the first failure in order is thrown, so
/// errors do not depend on timing.
public enum Parallel {
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, Result { try body(i) }) }
        return try slots.values()
    }

    private final class Slots<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<T, Error>?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ result: Result<T, Error>) {
            lock.lock(); results[i] = result; lock.unlock()
        }

        func values() throws -> [T] {
            lock.lock(); defer { lock.unlock() }
            return try results.map { try $0!.get() }
        }
    }
}
