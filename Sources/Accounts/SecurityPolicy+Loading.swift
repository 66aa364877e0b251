import Foundation
import GongkaiCore

extension SecurityPolicy {
    /// Reads templates/security.toml. The file ships with gongkai; a missing or unreadable file is an
    /// error, never a silent fallback to defaults (the office may have made the rules stricter).
    public static func load(templates: String) throws(InputError) -> SecurityPolicy {
        let file = try TemplateFile.read("security.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    /// Every key is optional (its default applies) but every key present is checked, with its table,
    /// key and line: "templates/security.toml:14: [password] bcrypt_cost must be from 12 to 31, found 10".
    /// Unknown tables and keys are refused, so a misspelt key cannot silently leave a default in force.
    public static func parse(_ text: String, file: String) throws(InputError) -> SecurityPolicy {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            try refuseUnknown(root, allowed: ["password", "lockout", "session", "audit", "intake", "public"], table: nil)
            let s = standard
            let password = try root.optionalTable("password") ?? TOMLTable(line: 1)
            try refuseUnknown(password, allowed: ["min_length", "required_classes", "change_on_first_login",
                                                  "max_age_days", "history", "bcrypt_cost"], table: "password")
            let lockout = try root.optionalTable("lockout") ?? TOMLTable(line: 1)
            try refuseUnknown(lockout, allowed: ["failures", "minutes", "addresses", "address_failures_per_minute"], table: "lockout")
            let session = try root.optionalTable("session") ?? TOMLTable(line: 1)
            try refuseUnknown(session, allowed: ["idle_minutes", "absolute_hours"], table: "session")
            let audit = try root.optionalTable("audit") ?? TOMLTable(line: 1)
            try refuseUnknown(audit, allowed: ["retention_days"], table: "audit")
            let intake = try root.optionalTable("intake") ?? TOMLTable(line: 1)
            try refuseUnknown(intake, allowed: ["duplicate_checks_per_hour"], table: "intake")
            let idle = try int(session, "session", "idle_minutes", 1...1440) ?? s.sessionIdleMinutes
            let absolute = try int(session, "session", "absolute_hours", 1...24) ?? s.sessionAbsoluteHours
            guard idle <= absolute * 60 else {
                throw TOMLError(line: session.line(of: "idle_minutes"),
                                message: "[session] idle_minutes (\(idle)) must not exceed absolute_hours (\(absolute) h)")
            }
            let publicTable = try root.optionalTable("public") ?? TOMLTable(line: 1)
            try refuseUnknown(publicTable, allowed: ["submissions_per_hour", "enquiries_per_hour", "pin_failures",
                                                     "pin_lock_minutes", "minimum_form_seconds"], table: "public")
            let p = PublicChannelLimits.standard
            let publicChannel = PublicChannelLimits(
                submissionsPerHour: try int(publicTable, "public", "submissions_per_hour", 1...100) ?? p.submissionsPerHour,
                enquiriesPerHour: try int(publicTable, "public", "enquiries_per_hour", 1...1000) ?? p.enquiriesPerHour,
                pinFailures: try int(publicTable, "public", "pin_failures", 1...20) ?? p.pinFailures,
                pinLockMinutes: try int(publicTable, "public", "pin_lock_minutes", 1...1440) ?? p.pinLockMinutes,
                minimumFormSeconds: try int(publicTable, "public", "minimum_form_seconds", 0...600) ?? p.minimumFormSeconds)
            var policy = SecurityPolicy(
                passwordMinLength: try int(password, "password", "min_length", 8...64) ?? s.passwordMinLength,
                passwordRequiredClasses: try int(password, "password", "required_classes", 1...4) ?? s.passwordRequiredClasses,
                changeOnFirstLogin: try bool(password, "password", "change_on_first_login") ?? s.changeOnFirstLogin,
                passwordMaxAgeDays: try int(password, "password", "max_age_days", 1...3650) ?? s.passwordMaxAgeDays,
                passwordHistory: try int(password, "password", "history", 1...24) ?? s.passwordHistory,
                bcryptCost: try int(password, "password", "bcrypt_cost", minimumBcryptCost...31) ?? s.bcryptCost,
                lockoutFailures: try int(lockout, "lockout", "failures", 1...20) ?? s.lockoutFailures,
                lockoutMinutes: try int(lockout, "lockout", "minutes", 1...1440) ?? s.lockoutMinutes,
                lockoutAddresses: try int(lockout, "lockout", "addresses", 2...20) ?? s.lockoutAddresses,
                addressFailuresPerMinute: try int(lockout, "lockout", "address_failures_per_minute", 3...100) ?? s.addressFailuresPerMinute,
                duplicateChecksPerHour: try int(intake, "intake", "duplicate_checks_per_hour", 1...1000) ?? s.duplicateChecksPerHour,
                sessionIdleMinutes: idle, sessionAbsoluteHours: absolute,
                auditRetentionDays: try int(audit, "audit", "retention_days", minimumAuditRetentionDays...36500) ?? s.auditRetentionDays)
            policy.publicChannel = publicChannel
            return policy
        } catch {
            throw error.located(in: file)
        }
    }

    private static func int(_ t: TOMLTable, _ table: String, _ key: String, _ range: ClosedRange<Int>) throws(TOMLError) -> Int? {
        guard t[key] != nil else { return nil }
        guard case .integer(let n)? = t[key] else {
            throw TOMLError(line: t.line(of: key), message: "[\(table)] \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        guard n >= Int64(range.lowerBound), n <= Int64(range.upperBound) else {
            throw TOMLError(line: t.line(of: key), message: "[\(table)] \(key) must be from \(range.lowerBound) to \(range.upperBound), found \(n)")
        }
        return Int(n)
    }

    private static func bool(_ t: TOMLTable, _ table: String, _ key: String) throws(TOMLError) -> Bool? {
        guard t[key] != nil else { return nil }
        guard case .bool(let b)? = t[key] else {
            throw TOMLError(line: t.line(of: key), message: "[\(table)] \(key) must be true or false")
        }
        return b
    }

    private static func refuseUnknown(_ t: TOMLTable, allowed: Set<String>, table: String?) throws(TOMLError) {
        for key in t.keys where !allowed.contains(key) {
            let place = table.map { "[\($0)]" } ?? "security.toml"
            throw TOMLError(line: t.line(of: key),
                            message: "\(place) has no setting '\(key)' (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}
