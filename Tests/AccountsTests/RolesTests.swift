import Foundation
import Testing
@testable import Accounts

@Suite struct RolesTests {
    @Test func administratorRolesAreHeldAlone() throws {
        for admin in Role.allCases where admin.isAdministrator {
            try Role.validate([admin])
            for other in Role.allCases where other != admin {
                #expect(throws: AccountError.self, "\(admin) + \(other)") { try Role.validate([admin, other]) }
            }
        }
        try Role.validate([.intake, .supervisor])
        #expect(try Role.named(" 督办") == .supervisor)
        #expect(throws: AccountError.unknownRole("admin\u{FFFD}")) { try Role.named("admin\u{7}") }
        #expect(throws: AccountError.noRoles) { try Role.validate([]) }
    }

    @Test func leastPrivilege() {
        for role in Role.allCases {
            #expect(role.permissions.contains(.changeOwnPassword))
            if role != .auditAdministrator { #expect(!role.permissions.contains(.readAuditLog)) }
            if role.isAdministrator {
                #expect(!role.permissions.contains(.revealCallerIdentity) && !role.permissions.contains(.viewComplaints))
            }
        }
        #expect(Role.leader.permissions.isDisjoint(with: [.recordComplaint, .handleComplaint, .superviseComplaint, .revealCallerIdentity, .exportComplaints]))
        #expect(Set(Role.allCases.map(\.rawValue)) == ["登记员", "承办人", "督办", "领导", "系统管理员", "安全管理员", "审计管理员"])
    }
}

/// docs/roles.md shows the matrix; this parses its table and compares every cell with the code.
@Suite struct RolesDocumentTests {
    @Test func matrixInDocsMatchesTheCode() throws {
        let text = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("docs/roles.md"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        guard let headerIndex = lines.firstIndex(where: { $0.hasPrefix("| permission |") }) else {
            Issue.record("docs/roles.md has no '| permission |' table"); return
        }
        let header = cells(lines[headerIndex]).dropFirst()
        let roles = header.map { cell in Role(rawValue: String(cell.split(separator: "<").first ?? "")) }
        #expect(roles == Role.allCases.map { Optional($0) }, "columns: \(header)")
        var seen: [Permission] = []
        for line in lines[(headerIndex + 2)...] {
            guard line.hasPrefix("|") else { break }
            let row = cells(line)
            let id = row[0].split(separator: "`", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
            guard let permission = Permission(rawValue: id) else { Issue.record("unknown permission in docs: \(row[0])"); continue }
            seen.append(permission)
            #expect(row.count == Role.allCases.count + 1, "\(line)")
            for (role, cell) in zip(Role.allCases, row.dropFirst()) {
                #expect((cell == "✓") == role.permissions.contains(permission), "\(role.rawValue) × \(permission.rawValue): docs say '\(cell)'")
                #expect(cell == "✓" || cell.isEmpty, "\(line)")
            }
        }
        #expect(seen == Permission.allCases, "docs/roles.md must list every permission once, in the code's order")
    }

    private func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
