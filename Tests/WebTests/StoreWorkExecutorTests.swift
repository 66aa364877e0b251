import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Requests run on the store work threads, never Swift's cooperative pool: the store blocks.
@Suite struct StoreWorkExecutorTests {
    @Test func handlersRunOnTheStoreWorkThreads() async throws {
        let router = Router()
        router.addMiddleware { StoreWorkMiddleware<BasicRequestContext>() }
        router.get("/where") { _, _ -> String in StoreWorkExecutor.isCurrentThread ? "store-work" : "elsewhere" }
        #expect(!StoreWorkExecutor.isCurrentThread)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/where", method: .get) { response in
                #expect(String(buffer: response.body) == "store-work")
            }
        }
    }

    /// More requests blocked in the store at once than the cooperative pool has threads: all of them
    /// are inside their handlers at the same time, since none holds a cooperative thread (on the
    /// cooperative pool at most one per core could be, and the count would stay there until a plain
    /// thread releases them after 60 s). Other tests of the run may keep the cooperative pool busy
    /// for a while, which only delays when the requests start, so the test waits for the count, not
    /// for a time.
    @Test func blockedRequestsLeaveTheCooperativePoolFree() async throws {
        let blocked = ProcessInfo.processInfo.activeProcessorCount + 2
        let release = DispatchSemaphore(value: 0)
        let inside = Counter()
        let releasedByWatchdog = ManagedAtomicFlag()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 60)
            guard releasedByWatchdog.set() else { return }
            for _ in 0..<blocked { release.signal() }
        }
        let router = Router()
        router.addMiddleware { StoreWorkMiddleware<BasicRequestContext>() }
        router.get("/block") { _, _ -> String in inside.add(); release.wait(); return "released" }
        try await Application(router: router).test(.router) { client in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<blocked {
                    group.addTask { try await client.execute(uri: "/block", method: .get) { String(buffer: $0.body) } }
                }
                while inside.value < blocked, !releasedByWatchdog.isSet { try await Task.sleep(for: .milliseconds(20)) }
                #expect(releasedByWatchdog.set(), "all \(blocked) requests were inside their handlers at once (\(inside.value) were)")
                for _ in 0..<blocked { release.signal() }
                for try await answer in group { #expect(answer == "released") }
            }
        }
    }
}

/// A count raised from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// A flag set once, from any thread: `set()` is true for the caller that set it.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() -> Bool { lock.withLock { defer { flag = true }; return !flag } }
    var isSet: Bool { lock.withLock { flag } }
}
