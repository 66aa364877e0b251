import Foundation
import OfficeTools
@testable import Store
import Testing

/// A database across a network: TCP with TLS only and SCRAM passwords (the throwaway TLS cluster).
/// `sslmode=require` encrypts; `verify-full` with the CA in `sslrootcert` verifies the certificate
/// and the host name; `verify-full` without it is refused in one sentence that says what to do;
/// a wrong password is a refused login; `disable` meets the server's TLS-only rule.
@Suite struct PostgresTLSTests {
    @Test func sslModesOverTCP() async throws {
        let (port, password, certificate) = try await ThrowawayPostgres.shared.tlsCluster()
        func open(_ query: String, password: String? = nil) throws -> StoreDatabase {
            guard case .postgres(let address) = try StoreLocation("postgresql://postgres@localhost:\(port)/postgres?\(query)",
                                                                  environment: ["PGPASSWORD": password ?? ""]) else {
                throw StoreLocationError.malformed(query)
            }
            return try StoreDatabase(postgres: address)
        }
        for mode in ["sslmode=require", "sslmode=verify-full&sslrootcert=\(certificate)", "sslmode=verify-ca&sslrootcert=\(certificate)"] {
            let store = try open(mode, password: password)
            let encrypted: Int64? = try store.session(readOnly: true) {
                try $0.value("SELECT CASE WHEN ssl THEN 1 ELSE 0 END FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            }
            #expect(encrypted == 1, "\(mode) encrypts")
        }
        #expect { try open("sslmode=verify-full", password: password) } throws: { error in
            guard case StoreError.postgres(_, let failure) = error else { return false }
            return failure.kind == .tls && "\(error)".contains("sslrootcert") && !"\(error)".contains(password)
        }
        #expect { try open("sslmode=require", password: "wrong-password") } throws: { error in
            guard case StoreError.postgres(_, let failure) = error else { return false }
            return failure.kind == .authentication
        }
        #expect { try open("sslmode=disable", password: password) } throws: { error in
            guard case StoreError.postgres(_, let failure) = error else { return false }
            return failure.kind == .authentication && !"\(error)".contains(password)
        }
    }
}
