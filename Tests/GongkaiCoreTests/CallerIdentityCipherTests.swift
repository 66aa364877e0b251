import Foundation
import GongkaiCore
import Testing

@Suite struct CallerIdentityCipherTests {
    let cipher: CallerIdentityCipher
    init() throws { cipher = try CallerIdentityCipher(secret: Data((0..<32).map { UInt8($0) })) }

    @Test func sealsAndOpensWithoutTheTextInClear() throws {
        let sealed = cipher.seal("欧阳春燕", .name)
        #expect(sealed.hasPrefix("gk1:") && !sealed.contains("欧阳"))
        #expect(try cipher.open(sealed, .name) == "欧阳春燕")
        // Synthetic nonce: the same text seals to the same bytes (re-imports change nothing) …
        #expect(cipher.seal("欧阳春燕", .name) == sealed)
        // … and different texts to different nonces.
        #expect(cipher.seal("欧阳春雨", .name).prefix(20) != sealed.prefix(20))
    }

    @Test func refusesAnotherFieldAnotherKeyAndAlteredBytes() throws {
        let phone = cipher.seal("13812345678", .phone)
        #expect(throws: CallerIdentityError.self) { try cipher.open(phone, .name) }
        let other = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        #expect(other.fingerprint != cipher.fingerprint)
        #expect(throws: CallerIdentityError.self) { try other.open(phone, .phone) }
        var bytes = try #require(Data(base64Encoded: String(phone.dropFirst(4))))
        bytes[bytes.count / 2] ^= 1
        #expect(throws: CallerIdentityError.self) { try cipher.open("gk1:" + bytes.base64EncodedString(), .phone) }
        #expect(throws: CallerIdentityError.self) { try cipher.open("13812345678", .phone) }
        #expect(throws: CallerIdentityError.self) { try CallerIdentityCipher(secret: Data(repeating: 1, count: 16)) }
    }

    @Test func phoneDigestIsKeyedAndIgnoresFormatting() throws {
        let digest = cipher.phoneDigest("13812345678")
        #expect(cipher.phoneDigest("+86 138 1234 5678") == digest)
        #expect(cipher.phoneDigest("8613812345678") == digest)
        #expect(cipher.phoneDigest("13812345679") != digest)
        #expect(try CallerIdentityCipher(secret: Data(repeating: 9, count: 32)).phoneDigest("13812345678") != digest)
        #expect(digest.count == 64 && !digest.contains("13812345678"))
    }

    /// Stores hold these digests: their form may not change (lower-case hex of HMAC-SHA-256 under the
    /// HKDF-derived key; the values were computed apart, with Python's hmac and hashlib).
    @Test func digestsKeepTheirStoredForm() {
        #expect(cipher.phoneDigest("138 1234 5678") == "7371b2aa061b66e87a25598f757b8cdbb2bfb1107235582df66100577c96932c")
        #expect(cipher.clientAddressDigest("192.0.2.1") == "eb8b32d64d1bd73e94830538")
    }

    @Test func keyFileIsPrivateAndNeverOverwritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("keys/caller-identity.key").path
        let made = try CallerIdentityKeyFile.create(at: path, forbidden: [])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try CallerIdentityKeyFile.read(path, forbidden: []).fingerprint == made.fingerprint)
        #expect(throws: FileSystemError.self) { try CallerIdentityKeyFile.create(at: path, forbidden: []) }
        #expect(throws: FileSystemError.self) { try CallerIdentityKeyFile.create(at: dir.appendingPathComponent("out/k").path, forbidden: [dir.appendingPathComponent("out").path]) }
        chmod(path, 0o644)
        #expect(throws: InputError.self) { try CallerIdentityKeyFile.read(path, forbidden: []) }
    }
}
