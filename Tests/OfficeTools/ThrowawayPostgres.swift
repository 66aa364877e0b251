import Foundation

/// A PostgreSQL cluster for the tests, and a new empty database on it for each test that asks.
///
/// `make test` starts the cluster (tools/postgres-cluster.sh) and names its socket folder in
/// `$GONGKAI_TEST_POSTGRES`; a test run started otherwise (`swift test --filter …`) starts its own
/// with the same script and stops it when the process exits. Without PostgreSQL installed the tests
/// that need it fail, saying so: `make deps` installs it.
public actor ThrowawayPostgres {
    public static let shared = ThrowawayPostgres()

    private var cluster: Task<String, any Error>?
    private var databases = 0

    /// The URL (`postgresql://postgres@/NAME?host=DIR`) of a new, empty database, created with
    /// byte-order collation and a UTF-8 character type as production databases must be.
    public func newDatabaseURL() async throws -> String {
        let directory = try await socketDirectory()
        databases += 1
        let name = "gongkai_test_\(getpid())_\(databases)"
        let created = try await ExternalTool.run("/usr/bin/psql", [
            "-h", directory, "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc",
            "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'",
        ], standardError: .merged)
        guard created.status == 0 else { throw OfficeTools.Failed(command: "psql", output: created.output) }
        return "postgresql://postgres@/\(name)?host=\(directory)"
    }

    /// A second cluster, started once per process on first use and stopped at exit, that takes TCP
    /// connections on loopback with TLS only and SCRAM passwords (`postgres-cluster.sh start-tls`):
    /// its port, the password of `postgres`, and the PEM file of its self-signed certificate.
    public func tlsCluster() async throws -> (port: Int, password: String, certificate: String) {
        if let tls { return try await tls.value }
        let task = Task<(port: Int, password: String, certificate: String), any Error> {
            let directory = "/tmp/gongkai-test-postgres-tls-\(getpid())"
            let port = try LoopbackPort.free(), password = "Tls-\(UUID().uuidString.prefix(8))"
            let started = try await ExternalTool.run("/bin/bash", [clusterScript, "start-tls", directory, String(port), password],
                                                     standardError: .merged)
            guard started.status == 0 else { throw OfficeTools.Failed(command: "tools/postgres-cluster.sh start-tls", output: started.output) }
            stopAtExit(directory)
            return (port, password, directory + "/server.crt")
        }
        tls = task
        return try await task.value
    }

    private var tls: Task<(port: Int, password: String, certificate: String), any Error>?

    private func socketDirectory() async throws -> String {
        if let cluster { return try await cluster.value }
        let task = Task<String, any Error> {
            if let given = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"], !given.isEmpty { return given }
            let directory = "/tmp/gongkai-test-postgres-\(getpid())"
            let script = clusterScript
            let started = try await ExternalTool.run("/bin/bash", [script, "start", directory], standardError: .merged)
            guard started.status == 0 else { throw OfficeTools.Failed(command: "tools/postgres-cluster.sh", output: started.output) }
            stopAtExit(directory)
            return directory
        }
        cluster = task
        return try await task.value
    }
}

/// The repository's script that starts and stops a throwaway cluster.
private let clusterScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("tools/postgres-cluster.sh").path

/// The clusters this process started, stopped at exit.
nonisolated(unsafe) private var ownClusters: [String] = []
private let ownClustersLock = NSLock()

private func stopAtExit(_ directory: String) {
    let first = ownClustersLock.withLock { ownClusters.append(directory); return ownClusters.count == 1 }
    guard first else { return }
    atexit {
        for directory in ownClustersLock.withLock({ ownClusters }) {
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: "/bin/bash")
            stop.arguments = [clusterScript, "stop", directory]
            try? stop.run()
            stop.waitUntilExit()
        }
    }
}
