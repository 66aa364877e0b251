import Foundation
import OfficeTools
import Testing

/// The same month's work on both databases with the built binary: the demo month and odd districts
/// imported into an SQLite file and into a PostgreSQL database, then status, indicators, the payment
/// check, the desk's listing and the publication, each compared. The release — every file,
/// manifest.json included — must be byte-identical whichever store published it (issue 26), and
/// both must verify. The PostgreSQL database is a new one on the throwaway cluster (`ThrowawayPostgres`).
@Suite struct PostgresParityTests {
    enum Shape: CustomTestStringConvertible, Sendable {
        case yuanzhou
        case odd(seed: Int)
        var demoArguments: [String] {
            switch self {
            case .yuanzhou: ["--households", "300"]
            case .odd(let seed): ["--shape", "odd", "--seed", String(seed)]
            }
        }
        var testDescription: String {
            switch self {
            case .yuanzhou: "the 原州区 demo"
            case .odd(let seed): "odd district \(seed)"
            }
        }
    }

    static let now = ["GONGKAI_NOW": "2026-11-05T10:00:00+08:00"]

    @Test(arguments: [Shape.yuanzhou, .odd(seed: 3), .odd(seed: 11)])
    func aMonthGivesTheSameFiguresAndReleaseOnBothDatabases(_ shape: Shape) async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try await Binary.run(["demo", "--out", "data", "--no-import"] + shape.demoArguments, in: dir, environment: Self.now)
        try #require(made.status == 0, "\(made.stderr)")
        let stores = [("sqlite", "s.sqlite"), ("postgres", try await ThrowawayPostgres.shared.newDatabaseURL())]

        /// `gongkai args… --db STORE` on each store: their results, which must succeed alike.
        func onBoth(_ args: [String], allowing statuses: Set<Int32> = [0]) async throws -> [Binary.Result] {
            var results: [Binary.Result] = []
            for (label, db) in stores {
                let result = try await Binary.run(args + ["--db", db], in: dir, environment: Self.now)
                #expect(statuses.contains(result.status), "\(label): gongkai \(args.joined(separator: " ")): \(result.stderr)")
                results.append(result)
            }
            #expect(results[0].status == results[1].status, "gongkai \(args.joined(separator: " ")) exits alike")
            return results
        }
        func same(_ args: [String], allowing statuses: Set<Int32> = [0]) async throws {
            let results = try await onBoth(args, allowing: statuses)
            #expect(results[0].stdout == results[1].stdout, "gongkai \(args.joined(separator: " ")) prints the same on both")
        }

        _ = try await onBoth(["import", "data"])
        let status = try await onBoth(["status", "--format", "json"])
        #expect(status[0].stdout == status[1].stdout)
        struct Summary: Decodable { let lastMonth: String? }
        let month = try JSONDecoder().decode(Summary.self, from: Data(status[0].stdout.utf8)).lastMonth
        let published = try #require(month, "the district has a month with payments")

        try await same(["indicators", "--month", published, "--format", "json"])
        try await same(["check", "--month", published], allowing: [0, 3])
        try await same(["complaint", "list", "--format", "csv"])

        for (label, db) in stores {
            let result = try await Binary.run(["publish", "--month", published, "--db", db, "--out", "out-\(label)"], in: dir,
                                              environment: Self.now)
            #expect(result.status == 0, "\(label): \(result.stderr)")
            let verify = try await Binary.run(["verify", "out-\(label)/\(published)", "--db", db], in: dir, environment: Self.now)
            #expect(verify.status == 0, "\(label): \(verify.stdout)\(verify.stderr)")
        }
        let sqlite = PublishCommandTests.files(in: dir.appendingPathComponent("out-sqlite/\(published)"))
        let postgres = PublishCommandTests.files(in: dir.appendingPathComponent("out-postgres/\(published)"))
        #expect(sqlite.keys.contains("/manifest.json") && sqlite.count > 5)
        #expect(sqlite.keys.sorted() == postgres.keys.sorted(), "the same files")
        for (path, data) in sqlite.sorted(by: { $0.key < $1.key }) {
            #expect(postgres[path] == data, "\(path) differs between the SQLite and the PostgreSQL release")
        }
    }
}
