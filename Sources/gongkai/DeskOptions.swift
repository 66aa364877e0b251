import ArgumentParser
import Desk
import Foundation
import GongkaiCore
import Store

/// What every complaint command needs: where the data is, and who is at the desk.
struct DeskOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(help: ArgumentHelp("Who takes the step (else $GONGKAI_HANDLER, else the login name); must be a [[handler]] in templates/desk.toml.", valueName: "name"))
    var handler: String?

    var handlerName: String {
        handler ?? ProcessInfo.processInfo.environment["GONGKAI_HANDLER"] ?? ProcessInfo.processInfo.userName
    }

    func openDesk(_ access: StoreDatabase.Access = .readWrite) throws -> ComplaintDesk {
        try global.openDesk(access)
    }

    /// The desk with the caller-identity key, for intake (`creating` the key on first need) and reveals.
    func openDeskWithIdentity(creating: Bool) throws -> ComplaintDesk {
        let desk = try global.openDesk(.readWrite)
        return ComplaintDesk(store: desk.store, schedule: desk.schedule, clock: desk.clock,
                             identity: try identity.cipher(for: desk.store, global: global, creating: creating))
    }
}

extension GlobalOptions {
    /// The desk over an existing store: `.readOnly` for list, show (without --reveal), lookup and
    /// stats, `.readWrite` for the steps that record something.
    func openDesk(_ access: StoreDatabase.Access) throws -> ComplaintDesk {
        ComplaintDesk(store: try openStore(access), schedule: try ComplaintSchedule.load(templates: templatesPath), clock: clock)
    }
}

/// Text output helpers shared by the complaint commands.
enum TextTable {
    /// Columns padded to the widest cell, counting CJK characters as two columns as terminals do. A row
    /// shorter or longer than the others is printed as it is, never read past its end.
    static func render(header: [String]?, rows: [[String]]) -> String {
        let all = (header.map { [$0] } ?? []) + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { i in all.map { i < $0.count ? width($0[i]) : 0 }.max() ?? 0 }
        return all.map { row in
            row.indices.map { i in row[i] + String(repeating: " ", count: widths[i] - width(row[i])) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0x3000...0xFFEF).contains($1.value) ? 2 : 1) }
    }

    /// CSV through the one writer (formula cells neutralised), without the final line break
    /// `print` adds.
    static func csv(header: [String], rows: [[String]]) -> String {
        var writer = CSVWriter(header: header)
        for row in rows { writer.append(row) }
        return String(writer.text.dropLast())
    }
}
