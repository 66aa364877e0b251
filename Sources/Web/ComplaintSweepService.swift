import Accounts
import Desk
import Foundation
import Logging
import ServiceLifecycle

/// The automatic 督办 while `gongkai serve` runs: `ComplaintDesk.superviseOverdue` at start and
/// every ten minutes, each complaint supervised audited as `complaint.autoSupervise` by the system.
/// A ServiceLifecycle service beside the server, so SIGTERM stops it with the server. A failed
/// sweep (a locked or damaged database) is logged and tried again next time, never fatal. Several
/// nodes on one PostgreSQL database sweep one at a time (`SingleNodeJob.complaintSweep`): a node
/// that finds another sweeping skips its turn. The sweep blocks on the database, so it runs on
/// `StoreWorkExecutor`'s threads, never the cooperative pool's.
struct ComplaintSweepService: Service {
    let environment: WebEnvironment
    let logger: Logger
    static let interval = Duration.seconds(600)
    static let actor = AuditActor(login: "system", source: "serve")

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    do {
                        let supervised = try await withTaskExecutorPreference(StoreWorkExecutor.shared) {
                            try environment.store.alone(.complaintSweep) { try Self.sweep(environment) } ?? []
                        }
                        if !supervised.isEmpty {
                            logger.info("automatic supervision", metadata: ["complaints": .string(supervised.joined(separator: " "))])
                        }
                    } catch {
                        logger.error("automatic supervision failed", metadata: ["error": .string("\(error)")])
                    }
                    try await Task.sleep(for: Self.interval)
                }
            }
        } catch is CancellationError {
            // Shutting down: the sweep between two runs has nothing to finish.
        }
    }

    /// One sweep, as of the environment's clock: provisional deadlines counted again (a year's
    /// calendar may have been added), then the automatic 督办; returns the numbers supervised.
    static func sweep(_ environment: WebEnvironment) throws -> [String] {
        let now = environment.clock.now()
        let desk = ComplaintRoutes.desk(environment)
        _ = try desk.settleDeadlines(now: now)
        let supervised = try desk.superviseOverdue(now: now)
        try environment.audit.record(contentsOf: supervised.map { id in
            AuditEvent(time: now, actor: actor, action: .complaintAutoSupervise, object: id, outcome: .success, detail: "supervise: overdue")
        })
        return supervised
    }
}
