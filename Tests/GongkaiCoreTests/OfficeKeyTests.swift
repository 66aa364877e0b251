import Foundation
import Testing
@testable import GongkaiCore

/// The office's Ed25519 key: PEM forms byte for byte as OpenSSL writes them, RFC 8032 signatures,
/// and the key files' modes and refusals.
struct OfficeKeyTests {
    static func bytes(_ hex: String) -> Data {
        Data(stride(from: 0, to: hex.count, by: 2).compactMap {
            UInt8(hex[hex.index(hex.startIndex, offsetBy: $0)..<hex.index(hex.startIndex, offsetBy: $0 + 2)], radix: 16)
        })
    }

    /// RFC 8032 §7.1 TEST 1's secret key, as `openssl pkey` writes it (PKCS#8), and its public key
    /// as `openssl pkey -pubout` writes it (SubjectPublicKeyInfo).
    static let openSSLPrivatePEM = """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
    -----END PRIVATE KEY-----

    """
    static let openSSLPublicPEM = """
    -----BEGIN PUBLIC KEY-----
    MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
    -----END PUBLIC KEY-----

    """

    @Test func pemFormsAreOpenSSLs() throws {
        let key = try OfficeSigningKey(pem: Self.openSSLPrivatePEM, file: "k.pem")
        #expect(key.seed == Self.bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(key.pem == Self.openSSLPrivatePEM)
        #expect(key.publicKey.pem == Self.openSSLPublicPEM)
        #expect(key.publicKey.der.count == 44)
        // `openssl pkey -in k.pem -pubout -outform DER | sha256sum`
        #expect(key.publicKey.fingerprint == "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9")
        #expect(try OfficePublicKey(pem: Self.openSSLPublicPEM, file: "k.pub.pem") == key.publicKey)
    }

    @Test func signaturesAreRFC8032sAndDeterministic() throws {
        // RFC 8032 §7.1 TEST 2: one byte, 0x72.
        let pem = PEM.encode(Data(OfficeSigningKey.derPrefix) + Self.bytes("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
                             label: OfficeSigningKey.pemLabel)
        let key = try OfficeSigningKey(pem: pem, file: "k.pem")
        #expect(key.publicKey.raw == Self.bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
        let message = Data([0x72])
        let signature = try key.signature(for: message)
        #expect(signature == Self.bytes("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"))
        #expect(try key.signature(for: message) == signature)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Data([0x73])))
        #expect(!OfficeSigningKey.generate().publicKey.isValidSignature(signature, for: message))
    }

    @Test func refusesWhatIsNotAnEd25519Key() {
        #expect(throws: InputError.self) { try OfficeSigningKey(pem: Self.openSSLPublicPEM, file: "k.pem") }
        #expect(throws: InputError.self) { try OfficePublicKey(pem: Self.openSSLPrivatePEM, file: "k.pub.pem") }
        #expect(throws: InputError.self) { try OfficePublicKey(pem: "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n", file: "k") }
        // An RSA-sized or otherwise different DER under the right label.
        let other = PEM.encode(Data(repeating: 0x30, count: 44), label: "PUBLIC KEY")
        #expect(throws: InputError.self) { try OfficePublicKey(pem: other, file: "k") }
    }

    @Test func keyFilesAreMadeOwnerOnlyAndNeverOverwritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("conf/office-ed25519.pem").path
        let key = try OfficeKeyFile.create(at: path, forbidden: [])
        func mode(_ p: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode(path) == 0o600)
        #expect(try mode(dir.appendingPathComponent("conf").path) == 0o700)
        #expect(OfficeKeyFile.publicPath(for: path) == dir.appendingPathComponent("conf/office-ed25519.pub.pem").path)
        #expect(try mode(OfficeKeyFile.publicPath(for: path)) == 0o644)
        #expect(try OfficeKeyFile.readPrivate(path, forbidden: []).publicKey == key.publicKey)
        #expect(try OfficeKeyFile.readPublic(OfficeKeyFile.publicPath(for: path)) == key.publicKey)
        #expect(try OfficeKeyFile.readPublic(path) == key.publicKey)

        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: FileSystemError.self) { try OfficeKeyFile.create(at: path, forbidden: []) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        chmod(path, 0o644)
        #expect(throws: InputError.self) { try OfficeKeyFile.readPrivate(path, forbidden: []) }

        let output = dir.appendingPathComponent("output").path
        #expect(throws: FileSystemError.self) { try OfficeKeyFile.create(at: output + "/2026-10/k.pem", forbidden: [output]) }
        #expect(throws: FileSystemError.self) { try OfficeKeyFile.create(at: output + "/../output/k.pem", forbidden: [output]) }
        #expect(!FileManager.default.fileExists(atPath: output))
        // A sibling whose name merely starts like the output folder's is not inside it.
        _ = try OfficeKeyFile.create(at: dir.appendingPathComponent("output-keys/k.pem").path, forbidden: [output])
    }
}
