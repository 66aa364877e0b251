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

    private func socketDirectory() async throws -> String {
        if let cluster { return try await cluster.value }
        let task = Task<String, any Error> {
            if let given = ProcessInfo.processInfo.environment["GONGKAI_TEST_POSTGRES"], !given.isEmpty { return given }
            let directory = "/tmp/gongkai-test-postgres-\(getpid())"
            let script = clusterScript
            let started = try await ExternalTool.run("/bin/bash", [script, "start", directory], standardError: .merged)
            guard started.status == 0 else { throw OfficeTools.Failed(command: "tools/postgres-cluster.sh", output: started.output) }
            ownCluster = directory
            atexit {
                guard let directory = ownCluster else { return }
                let stop = Process()
                stop.executableURL = URL(fileURLWithPath: "/bin/bash")
                stop.arguments = [clusterScript, "stop", directory]
                try? stop.run()
                stop.waitUntilExit()
            }
            return directory
        }
        cluster = task
        return try await task.value
    }
}

/// The repository's script that starts and stops a throwaway cluster.
private let clusterScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("tools/postgres-cluster.sh").path

/// The cluster this process started, stopped at exit.
nonisolated(unsafe) private var ownCluster: String?
