import ArgumentParser
import Foundation
import GongkaiCore
import Publish

/// `--key`, shared by keys, publish and verify: the office key's path, else `$GONGKAI_KEY`, else
/// `[signing] private_key` in templates/office.toml.
struct KeyOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The office's Ed25519 private key (else $GONGKAI_KEY, else [signing] private_key in templates/office.toml).",
                               valueName: "path"))
    var key: String?

    /// The key's location, reading office.toml from `templates`; nil when none is configured.
    func location(templates: String) throws -> SigningKeyLocation? {
        SigningKeyLocation.resolve(flag: key, environment: ProcessInfo.processInfo.environment,
                                   office: try OfficeSettings.load(templates: templates))
    }

    /// The key's location for `keys`, which needs one.
    func configuredLocation(templates: String) throws -> SigningKeyLocation {
        guard let location = try location(templates: templates) else {
            throw ValidationError("no key path is configured: give --key PATH, set $GONGKAI_KEY, or set [signing] private_key in templates/office.toml")
        }
        return location
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "The office's signing key: make it, show its fingerprint.",
        discussion: """
        Every release's manifest.json is signed with the office's Ed25519 key (manifest.json.sig), and \
        the release publishes the public key (office-key.pub.pem), so anyone can check with OpenSSL that \
        the files come from the office (see the README). The key is found at --key, else $GONGKAI_KEY, \
        else [signing] private_key in templates/office.toml (~/.config/gongkai/office-ed25519.pem).

        Keep the private key secret and backed up (offline): whoever has it can sign releases in the \
        office's name, and a lost key means later releases carry a new fingerprint. Publish the \
        fingerprint where readers can compare it (the office's website, the notice board).

        Examples:
          gongkai keys init
          gongkai keys show
        """,
        subcommands: [KeysInitCommand.self, KeysShowCommand.self]
    )
}

struct KeysInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make the office's Ed25519 key pair (private key mode 0600; never overwrites).",
        discussion: """
        Writes the private key (PKCS#8 PEM) and its public key (<name>.pub.pem, SubjectPublicKeyInfo \
        PEM), both as OpenSSL reads them. Refuses an existing key, and a path inside the output folder \
        (which is published) or templates/ (which is shared).
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var keyOptions: KeyOptions

    @Option(help: ArgumentHelp("The output folder publish writes to, which the key must stay out of.", valueName: "dir"))
    var out = "output"

    func run() async throws {
        let location = try keyOptions.configuredLocation(templates: global.templatesPath)
        let key = try OfficeKeyFile.create(at: location.path, forbidden: [out, global.templatesPath])
        print("Made the office key \(location.path) (private, mode 600) and \(OfficeKeyFile.publicPath(for: location.path)) (public).")
        print("Fingerprint (SHA-256 of the public key): \(key.publicKey.fingerprint)")
        print("Publish this fingerprint where readers can compare it, and keep a copy of the private key offline.")
    }
}

struct KeysShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the office key's path, fingerprint and public key (PEM)."
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var keyOptions: KeyOptions

    func run() async throws {
        let location = try keyOptions.configuredLocation(templates: global.templatesPath)
        guard let key = try location.publicKey() else {
            throw CommandFailure("there is no office key at \(location.path) yet: make it with gongkai keys init")
        }
        print("Key: \(location.path)")
        print("Fingerprint (SHA-256 of the public key): \(key.fingerprint)")
        print(key.pem, terminator: "")
    }
}
