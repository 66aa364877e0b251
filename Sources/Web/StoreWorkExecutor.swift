import Foundation
import Hummingbird
import NIOPosix

/// The threads every request runs on, apart from Swift's cooperative pool.
///
/// The store's API is synchronous: GRDB's calls, and on PostgreSQL each statement waits for the
/// server's answer on the calling thread. On the cooperative pool (one thread per core: two here)
/// two requests waiting for the database would leave no thread for any other task of the server.
/// `StoreWorkMiddleware` gives each request this executor as its preference, so the middleware and
/// handlers — and the database work inside them — run on these threads, which may block; the
/// cooperative pool and the event loops stay free.
final class StoreWorkExecutor: TaskExecutor {
    /// Enough for the requests a desk serves at once while some wait on the database (a region's
    /// PostgreSQL allows 100 connections by default: two nodes use at most 32 of them here).
    static let shared = StoreWorkExecutor(threads: 16)

    private let pool: NIOThreadPool

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        pool.submit { _ in
            Thread.current.threadDictionary[Self.threadMark] = true
            job.runSynchronously(on: executor)
        }
    }

    private static let threadMark = "gongkai.store-work"

    /// Whether the calling thread is one of the store work threads.
    static var isCurrentThread: Bool { Thread.current.threadDictionary[threadMark] != nil }
}

/// Runs the rest of the chain with `StoreWorkExecutor` as the task's executor preference: placed
/// outermost, so session loading, the gates, the handler and the session's save all run there.
struct StoreWorkMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        try await withTaskExecutorPreference(StoreWorkExecutor.shared) { try await next(request, context) }
    }
}
