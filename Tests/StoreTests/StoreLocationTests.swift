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

    /// libpq's parameters win over the URL's parts; a URL without a user means $PGUSER, then the
    /// login name, as psql and pg_dump read it; sslmode and sslrootcert choose TLS.
    @Test func libpqParametersUserDefaultsAndTLS() throws {
        #expect(try StoreLocation("postgresql://ignored/x?host=db2&port=6432&user=ops&dbname=yz&sslmode=verify-full&sslrootcert=/etc/gk/ca.pem",
                                  environment: [:])
                == .postgres(PostgresAddress(endpoint: .tcp(host: "db2", port: 6432), user: "ops", password: nil, database: "yz",
                                             tls: .verifyFull, rootCertificate: "/etc/gk/ca.pem")))
        #expect(try StoreLocation("postgres://db.example/yuanzhou?sslmode=require", environment: ["PGUSER": "gk"])
                == .postgres(PostgresAddress(endpoint: .tcp(host: "db.example", port: 5432), user: "gk", password: nil,
                                             database: "yuanzhou", tls: .require)))
        guard case .postgres(let address) = try StoreLocation("POSTGRESQL://db.example/yuanzhou", environment: [:]) else {
            Issue.record("not PostgreSQL"); return
        }
        #expect(!address.user.isEmpty && address.tls == .prefer)
    }

    @Test func badURLsAreRefusedWithoutThePassword() {
        let cases: [(String, StoreLocationError)] = [
            ("postgresql://gk:topsecret@db.example/", .missingDatabase("postgresql://gk:***@db.example/")),
            ("postgresql://gk:topsecret@/yuanzhou", .missingHost("postgresql://gk:***@/yuanzhou")),
            ("postgresql://gk@db/yz?sslmode=sometimes", .unsupportedOption("postgresql://gk@db/yz?sslmode=sometimes",
                                                                           "sslmode=sometimes（可用 disable、prefer、require、verify-ca、verify-full）")),
            ("postgresql://gk@db/yz?application_name=x", .unsupportedOption("postgresql://gk@db/yz?application_name=x", "application_name")),
            ("postgresql://gk:topsecret@db/yz?port=99999", .malformed("postgresql://gk:***@db/yz?port=99999")),
            ("postgresql://gk@/yz?sslrootcert=ca.pem&host=/run", .unsupportedOption("postgresql://gk@/yz?sslrootcert=ca.pem&host=/run",
                                                                                   "sslrootcert（须为证书文件的绝对路径）")),
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
