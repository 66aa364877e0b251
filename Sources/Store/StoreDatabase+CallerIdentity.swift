import GongkaiCore

extension StoreDatabase {
    /// Whether the store holds any caller's name or phone (sealed or, from an older gongkai, in clear).
    public func holdsCallerIdentities() throws -> Bool {
        try session(readOnly: true) { session in
            try session.row("SELECT complaint_id FROM complaint WHERE caller_name IS NOT NULL OR caller_phone IS NOT NULL LIMIT 1") != nil
        }
    }

    /// The fingerprint of the key that sealed the store's callers, if any has.
    public func callerIdentityFingerprint() throws -> String? {
        try session(readOnly: true) { session in try session.value("SELECT fingerprint FROM sealing_key WHERE purpose = 'caller_identity'") }
    }

    /// Ties the store to `cipher`'s key: records its fingerprint the first time, refuses a different
    /// key afterwards (callers sealed with two keys could never all be opened), and seals any caller
    /// still held in clear. One transaction; run by every command that writes callers. Two nodes
    /// binding a new database at once: the key's primary key lets one insert, the other then reads
    /// and compares its fingerprint.
    public func bindCallerIdentity(_ cipher: CallerIdentityCipher, keyPath: String) throws {
        try writeRetryingWhenBusy { session in
            try session.execute("INSERT INTO sealing_key (purpose, fingerprint) VALUES ('caller_identity', ?) ON CONFLICT (purpose) DO NOTHING",
                                cipher.fingerprint)
            let recorded: String? = try session.value("SELECT fingerprint FROM sealing_key WHERE purpose = 'caller_identity'")
            if let recorded, recorded != cipher.fingerprint {
                throw CallerIdentityKeyMismatch(recorded: recorded, given: cipher.fingerprint, keyPath: keyPath)
            }
            let clear = try session.rows("""
                SELECT complaint_id, caller_name, caller_phone FROM complaint
                WHERE (caller_name IS NOT NULL AND caller_name NOT LIKE 'gk1:%')
                   OR (caller_phone IS NOT NULL AND caller_phone NOT LIKE 'gk1:%')
                ORDER BY complaint_id
                """)
            for row in clear {
                let id: String? = row.optional("complaint_id"), name: String? = row.optional("caller_name"), phone: String? = row.optional("caller_phone")
                guard let id else { continue }
                let sealed = SealedCaller(name: name.map { CallerIdentityCipher.isSealed($0) ? $0 : cipher.seal($0, .name) },
                                          phone: phone.map { CallerIdentityCipher.isSealed($0) ? $0 : cipher.seal($0, .phone) },
                                          phoneDigest: phone.flatMap { CallerIdentityCipher.isSealed($0) ? nil : cipher.phoneDigest($0) })
                try session.execute("""
                    UPDATE complaint SET caller_name = ?, caller_phone = ?, caller_phone_digest = COALESCE(?, caller_phone_digest)
                    WHERE complaint_id = ?
                    """, sealed.name, sealed.phone, sealed.phoneDigest, id)
            }
        }
    }

    /// The names of every caller, opened with `cipher`; nil `cipher` is refused when any caller is
    /// sealed, so the publication guard never runs without the names it must keep out.
    public func callerNames(opening cipher: CallerIdentityCipher?) throws -> Set<String> {
        let stored: [String] = try session(readOnly: true) { session in
            try session.column("SELECT DISTINCT caller_name FROM complaint WHERE caller_name IS NOT NULL")
        }
        var names = Set<String>()
        for value in stored {
            guard CallerIdentityCipher.isSealed(value) else { names.insert(value); continue }
            guard let cipher else { throw CallerIdentityKeyMissing(purpose: "检查公开文件中没有来电人的姓名") }
            names.insert(try cipher.open(value, .name))
        }
        return names
    }
}

/// The store's callers were sealed with another key than the one given.
public struct CallerIdentityKeyMismatch: Error, CustomStringConvertible {
    public let recorded: String, given: String, keyPath: String
    public init(recorded: String, given: String, keyPath: String) { self.recorded = recorded; self.given = given; self.keyPath = keyPath }
    public var description: String {
        "\(keyPath) 的来电人身份密钥（指纹 \(given)）不是本数据库加密来电人时用的密钥（指纹 \(recorded)）：请用 --identity-key、环境变量 GONGKAI_IDENTITY_KEY 或 templates/office.toml 中的 [identity] key_file 指定正确的密钥（如已丢失，请从备份恢复该密钥文件）"
    }
}

/// A command needs callers' identities opened but has no key.
public struct CallerIdentityKeyMissing: Error, CustomStringConvertible {
    public let purpose: String
    public init(purpose: String) { self.purpose = purpose }
    public var description: String {
        "来电人的姓名和电话是加密保存的，\(purpose)需要来电人身份密钥：请用 --identity-key、环境变量 GONGKAI_IDENTITY_KEY 或 templates/office.toml 中的 [identity] key_file 指定"
    }
}
