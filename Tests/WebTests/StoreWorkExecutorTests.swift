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

    /// More requests blocked in the store at once than the cooperative pool has threads: another
    /// request still gets its answer, since none of them holds a cooperative thread. (Were they on
    /// the cooperative pool, nothing would answer until a plain thread releases them after 20 s.)
    @Test func blockedRequestsLeaveTheCooperativePoolFree() async throws {
        let blocked = ProcessInfo.processInfo.activeProcessorCount + 2
        let release = DispatchSemaphore(value: 0)
        let releasedByWatchdog = ManagedAtomicFlag()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 20)
            guard releasedByWatchdog.set() else { return }
            for _ in 0..<blocked { release.signal() }
        }
        let router = Router()
        router.addMiddleware { StoreWorkMiddleware<BasicRequestContext>() }
        router.get("/block") { _, _ -> String in release.wait(); return "released" }
        router.get("/ping") { _, _ -> String in "pong" }
        try await Application(router: router).test(.router) { client in
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<blocked {
                    group.addTask { try await client.execute(uri: "/block", method: .get) { String(buffer: $0.body) } }
                }
                try await Task.sleep(for: .milliseconds(200))
                let pong = try await client.execute(uri: "/ping", method: .get) { String(buffer: $0.body) }
                #expect(pong == "pong")
                #expect(releasedByWatchdog.set(), "the other request was answered while the blocked ones waited")
                for _ in 0..<blocked { release.signal() }
                for try await answer in group { #expect(answer == "released") }
            }
        }
    }
}

/// A flag set once, from any thread: `set()` is true for the caller that set it.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() -> Bool { lock.withLock { defer { isSet = true }; return !isSet } }
}
