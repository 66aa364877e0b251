import Foundation
import GongkaiCore
import Testing
@testable import Accounts

@Suite struct SecurityPolicyFileTests {
    @Test func shippedFileIsTheStandardPolicy() throws {
        #expect(try SecurityPolicy.load(templates: Fixture.templates) == .standard)
    }

    @Test func emptyFileMeansDefaults() throws {
        #expect(try SecurityPolicy.parse("", file: "security.toml") == .standard)
    }

    @Test func stricterValuesAreRead() throws {
        let p = try SecurityPolicy.parse("[password]\nmin_length = 12\nbcrypt_cost = 13\n[lockout]\nfailures = 3\n", file: "s.toml")
        #expect(p.passwordMinLength == 12 && p.bcryptCost == 13 && p.lockoutFailures == 3 && p.lockoutMinutes == 30)
    }

    /// Issue 22's settings: how many addresses lock an account, the per-address minute limit, the
    /// hourly duplicate checks at intake.
    @Test func theAbuseLimitsAreRead() throws {
        let p = try SecurityPolicy.parse("[lockout]\naddresses = 2\naddress_failures_per_minute = 5\n[intake]\nduplicate_checks_per_hour = 12\n",
                                         file: "s.toml")
        #expect(p.lockoutAddresses == 2 && p.addressFailuresPerMinute == 5 && p.duplicateChecksPerHour == 12)
        #expect(SecurityPolicy.standard.lockoutAddresses == 3 && SecurityPolicy.standard.addressFailuresPerMinute == 10
                && SecurityPolicy.standard.duplicateChecksPerHour == 30)
    }

    /// Issue 24: the public channel's limits, shipped as the standard ones, each read (unknown keys
    /// and values out of range: `errorsNameFileLineAndKey`).
    @Test func thePublicChannelLimitsAreRead() throws {
        #expect(PublicChannelLimits.standard == PublicChannelLimits(submissionsPerHour: 5, enquiriesPerHour: 30, pinFailures: 5,
                                                                    pinLockMinutes: 30, minimumFormSeconds: 3))
        #expect(try SecurityPolicy.load(templates: Fixture.templates).publicChannel == .standard)
        let p = try SecurityPolicy.parse("""
            [public]
            submissions_per_hour = 2
            enquiries_per_hour = 10
            pin_failures = 3
            pin_lock_minutes = 60
            minimum_form_seconds = 5
            """, file: "s.toml")
        #expect(p.publicChannel == PublicChannelLimits(submissionsPerHour: 2, enquiriesPerHour: 10, pinFailures: 3,
                                                        pinLockMinutes: 60, minimumFormSeconds: 5))
    }

    /// Each bad value is refused with the file, the line and the key.
    @Test func errorsNameFileLineAndKey() {
        let cases: [(String, Int, String)] = [
            ("[password]\nbcrypt_cost = 10\n", 2, "[password] bcrypt_cost must be from 12 to 31, found 10"),
            ("[audit]\nretention_days = 90\n", 2, "[audit] retention_days must be from 180"),
            ("[password]\n\nmin_length = \"8\"\n", 3, "[password] min_length must be a whole number"),
            ("[password]\nchange_on_first_login = 1\n", 2, "[password] change_on_first_login must be true or false"),
            ("[lockout]\nfailure = 5\n", 2, "[lockout] has no setting 'failure'"),
            ("[sessions]\nidle_minutes = 5\n", 1, "security.toml has no setting 'sessions'"),
            ("[session]\nidle_minutes = 600\nabsolute_hours = 8\n", 2, "idle_minutes (600) must not exceed absolute_hours"),
            ("[password\n", 1, "table header must end"),
            ("[lockout]\naddresses = 1\n", 2, "[lockout] addresses must be from 2 to 20, found 1"),
            ("[intake]\nduplicate_checks = 5\n", 2, "[intake] has no setting 'duplicate_checks'"),
            ("[public]\nsubmission_per_hour = 5\n", 2, "[public] has no setting 'submission_per_hour'"),
            ("[public]\n\npin_failures = 0\n", 3, "[public] pin_failures must be from 1 to 20, found 0"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try SecurityPolicy.parse(text, file: "templates/security.toml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.file == "templates/security.toml" && error.line == line, "\(error)")
                #expect(error.description.contains(message), "\(error)")
            }
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: InputError.self) { try SecurityPolicy.load(templates: "/nonexistent-templates") }
    }
}
