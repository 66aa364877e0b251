import Foundation
@testable import Store
import Testing

/// `--db`: a path is an SQLite file, a postgresql:// URL a PostgreSQL database; a bad URL or a
/// server that cannot be reached is one Chinese sentence naming host and database, never the password.
@Suite struct StoreLocationTests {
    @Test func aPathIsAnSQLiteFile() throws {
        #expect(try StoreLocation("demo.sqlite", environment: [:]) == .sqlite(path: "demo.sqlite"))
        #expect(try StoreLocation("/srv/gongkai/postgres.sqlite", environment: [:]) == .sqlite(path: "/srv/gongkai/postgres.sqlite"))
    }

    @Test func urlsOfBothSchemesAndBothEndpoints() throws {
        #expect(try StoreLocation("postgresql://gongkai:s3cret@db.yz.gov.cn:5433/yuanzhou", environment: [:])
                == .postgres(PostgresAddress(endpoint: .tcp(host: "db.yz.gov.cn", port: 5433), user: "gongkai", password: "s3cret",
                                             database: "yuanzhou")))
        #expect(try StoreLocation("postgres://gongkai@db/yuanzhou", environment: ["PGPASSWORD": "from-env"])
                == .postgres(PostgresAddress(endpoint: .tcp(host: "db", port: 5432), user: "gongkai", password: "from-env",
                                             database: "yuanzhou")))
        #expect(try StoreLocation("postgresql://postgres@/gongkai?host=/run/postgresql", environment: [:])
                == .postgres(PostgresAddress(endpoint: .socket(directory: "/run/postgresql", port: 5432), user: "postgres",
                                             password: nil, database: "gongkai")))
        // A password in the URL wins over $PGPASSWORD; percent-encoding is undone.
        #expect(try StoreLocation("postgresql://gk:p%40ss@h/d", environment: ["PGPASSWORD": "other"])
                == .postgres(PostgresAddress(endpoint: .tcp(host: "h", port: 5432), user: "gk", password: "p@ss", database: "d")))
    }

    @Test func badURLsAreRefusedWithoutThePassword() {
        let cases: [(String, StoreLocationError)] = [
            ("postgresql://db.example/yuanzhou", .missingUser("postgresql://db.example/yuanzhou")),
            ("postgresql://gk:topsecret@db.example/", .missingDatabase("postgresql://gk:***@db.example/")),
            ("postgresql://gk:topsecret@/yuanzhou", .missingHost("postgresql://gk:***@/yuanzhou")),
            ("postgresql://gk@db/yz?sslmode=require", .unsupportedOption("postgresql://gk@db/yz?sslmode=require", "sslmode")),
            ("postgresql://gk@/yz?host=relative/dir", .unsupportedOption("postgresql://gk@/yz?host=relative/dir",
                                                                         "host（须为套接字所在文件夹的绝对路径）")),
        ]
        for (url, expected) in cases {
            #expect(throws: expected, "\(url)") { try StoreLocation(url, environment: [:]) }
            #expect(!expected.description.contains("topsecret"))
            #expect(expected.description.contains("postgresql://用户"))
        }
    }

    /// No server behind the socket: the sentence names the database and where it was looked for.
    @Test func anUnreachableServerIsOneSentence() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-postgres-\(getpid())").path
        let address = PostgresAddress(endpoint: .socket(directory: folder, port: 5432), user: "gk", password: "topsecret", database: "yuanzhou")
        do {
            _ = try StoreDatabase(postgres: address)
            Issue.record("opened a database that does not exist")
        } catch let error as StoreError {
            guard case .postgres(_, let failure) = error else { Issue.record("\(error)"); return }
            #expect(failure.kind == .unreachable)
            let sentence = error.description
            #expect(sentence.hasPrefix("无法连接 PostgreSQL 数据库 yuanzhou（套接字 \(folder)/.s.PGSQL.5432，用户 gk）"))
            #expect(!sentence.contains("topsecret") && !sentence.contains("\n"))
        }
    }
}
