import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

/// `--identity-key`, for the commands that store or open callers' names and phones: the key that
/// seals them, else `$GONGKAI_IDENTITY_KEY`, else `[identity] key_file` in templates/office.toml
/// (~/.config/gongkai/caller-identity.key).
struct IdentityKeyOptions: ParsableArguments {
    @Option(name: .customLong("identity-key"),
            help: ArgumentHelp("The key that seals callers' names and phones in the database (else $GONGKAI_IDENTITY_KEY, else [identity] key_file in templates/office.toml).",
                               valueName: "path"))
    var path: String?

    /// The cipher for `store`. `creating`: make the key if this store has sealed no caller yet (for
    /// commands that write callers), telling the user to back it up. `forbidden`: folders besides
    /// templates/ the key must not be in (the output folder).
    func cipher(for store: StoreDatabase, global: GlobalOptions, creating: Bool,
                forbidden: [String] = []) throws -> CallerIdentityCipher? {
        let office = try? OfficeSettings.load(templates: global.templatesPath)
        let location = CallerIdentityKeyLocation.resolve(flag: path, environment: ProcessInfo.processInfo.environment, office: office)
        return try location.cipher(for: store, creating: creating, forbidden: forbidden + [global.templatesPath]) { made in
            printError("note: made the caller-identity key \(location.path) (fingerprint \(made.fingerprint)); callers' names and phones are stored sealed with it. Back it up offline: without it they can never be read again.")
        }
    }
}
