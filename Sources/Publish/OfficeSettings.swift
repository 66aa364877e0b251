import Foundation
import GongkaiCore
import HTML

/// templates/office.toml: who publishes, how to reach them, and the publication's settings.
public struct OfficeSettings: Sendable, Equatable {
    public var name: String
    public var district: String
    public var hotline: String
    public var supervisionPhone: String
    public var petitionAddress: String
    /// When the hotline answers (`[office] hotline_hours`), for the public channel's home page.
    public var hotlineHours = "工作日 8:30—12:00，14:30—18:00"
    /// Whether the print channel (village boards) may show full names (S1 §24 requires names there).
    public var printFullNames: Bool
    /// Complaint-statistics cells with a count from 1 to threshold − 1 are suppressed.
    public var suppressionThreshold: Int
    /// Indicators whose counts are protected like the complaint tables' (`Disclosure`), and which
    /// count: the numerator's or the denominator's.
    public var sensitiveIndicators: [String: Disclosure.Part]

    /// The complaint indicators: what was received (numerator) and, for the rates, what was concluded
    /// or rated (denominator, the count of complainants the rate is about).
    public static let defaultSensitiveIndicators: [String: Disclosure.Part] = [
        "complaints_received": .numerator, "complaints_per_1000_households": .numerator,
        "complaints_closed_on_time_rate": .denominator, "complaint_satisfaction_rate": .denominator,
    ]
    /// Mustache text templates for a notice's opening and closing paragraphs.
    public var preamble: String
    /// The 公示期 paragraph: the period and until when and where objections are taken.
    public var publicity: String
    public var closing: String
    public var legalBasis: [Programme: String]
    public var titleNames: [Programme: String]
    /// Where the office's Ed25519 private key is (`[signing] private_key`, "~/" for the home folder),
    /// or nil when office.toml names none. `--key` and `$GONGKAI_KEY` take precedence (`SigningKeyLocation`).
    public var signingKeyPath: String?
    /// The licence of the open data (`[open_data]`), written into datapackage.json.
    public var license: OpenDataLicense
    /// Where the caller-identity key is (`[identity] key_file`), or nil for the default
    /// (`CallerIdentityKeyLocation`).
    public var identityKeyPath: String? = nil
    /// How documents are numbered and filed in the 政府信息公开目录 (`[catalogue]`).
    public var catalogue: CatalogueSettings
    /// The header and footer of every HTML page (`[site]`).
    public var site: SiteChrome
    /// 公示期 in calendar days from the publication date (`[publication] publicity_days`).
    public var publicityDays: Int

    public func titleName(_ p: Programme) -> String { titleNames[p] ?? p.chineseName }

    public static func load(templates: String) throws(InputError) -> OfficeSettings {
        let file = try TemplateFile.read("office.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> OfficeSettings {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            let office = try root.table("office"), publication = try root.table("publication"), notice = try root.table("notice")
            func perProgramme(_ key: String) throws(TOMLError) -> [Programme: String] {
                guard let table = try notice.optionalTable(key) else { return [:] }
                var out: [Programme: String] = [:]
                for k in table.keys {
                    guard let p = Programme(rawValue: k) else {
                        throw TOMLError(line: table.line(of: k), message: "'\(k)' is not a programme code (dibao, tekun, …)")
                    }
                    out[p] = try table.string(k)
                }
                return out
            }
            let threshold = try publication.optionalInteger("suppression_threshold") ?? 3
            let publicityDays = try publication.optionalInteger("publicity_days") ?? 7
            guard (1...90).contains(publicityDays) else {
                throw TOMLError(line: publication.line(of: "publicity_days"), message: "publicity_days must be from 1 to 90 (calendar days)")
            }
            let district = try office.string("district"), name = try office.string("name")
            let hotline = try office.string("hotline"), petitionAddress = try office.string("petition_address")
            let site = try root.optionalTable("site")
            func record(_ key: String) throws(TOMLError) -> String? {
                try site?.optionalString(key).flatMap { $0.isEmpty ? nil : $0 }
            }
            guard threshold >= 1 else {
                throw TOMLError(line: publication.line(of: "suppression_threshold"), message: "suppression_threshold must be at least 1")
            }
            var sensitive = Self.defaultSensitiveIndicators
            if let disclosure = try root.optionalTable("disclosure"), let table = try disclosure.optionalTable("sensitive") {
                sensitive = [:]
                for id in table.keys {
                    let text = try table.string(id)
                    guard let part = Disclosure.Part(rawValue: text) else {
                        throw TOMLError(line: table.line(of: id), message: "'\(id)' must be \"numerator\" or \"denominator\", found \"\(text)\"")
                    }
                    sensitive[id] = part
                }
            }
            let signing = try root.optionalTable("signing")
            let openData = try root.optionalTable("open_data")
            let defaultLicense = OpenDataLicense.ccBy4
            let license = OpenDataLicense(
                name: try openData?.optionalString("license_name") ?? defaultLicense.name,
                title: try openData?.optionalString("license_title") ?? defaultLicense.title,
                path: try openData?.optionalString("license_path") ?? defaultLicense.path)
            var settings = OfficeSettings(
                name: name, district: district,
                hotline: hotline, supervisionPhone: try office.string("supervision_phone"),
                petitionAddress: petitionAddress,
                printFullNames: try publication.bool("print_full_names", default: false),
                suppressionThreshold: Int(threshold), sensitiveIndicators: sensitive,
                preamble: try notice.string("preamble"), publicity: try notice.string("publicity"), closing: try notice.string("closing"),
                legalBasis: try perProgramme("legal_basis"), titleNames: try perProgramme("title_names"),
                signingKeyPath: try signing?.optionalString("private_key").flatMap { $0.isEmpty ? nil : $0 },
                license: license,
                identityKeyPath: try root.optionalTable("identity")?.optionalString("key_file").flatMap { $0.isEmpty ? nil : $0 },
                catalogue: try CatalogueSettings.parse(try root.optionalTable("catalogue"), district: district),
                site: SiteChrome(office: name, banner: try record("banner") ?? "政府信息公开", hotline: hotline,
                                 address: try record("address") ?? petitionAddress, siteCode: try record("site_code"),
                                 icp: try record("icp"), publicSecurityRecord: try record("public_security_record")),
                publicityDays: Int(publicityDays))
            if let hours = try office.optionalString("hotline_hours"), !hours.isEmpty { settings.hotlineHours = hours }
            return settings
        } catch {
            throw error.located(in: file)
        }
    }
}

/// The licence of a release's open data, as a Frictionless package names it.
public struct OpenDataLicense: Sendable, Equatable {
    /// An SPDX identifier ("CC-BY-4.0").
    public var name: String
    public var title: String
    public var path: String

    /// Creative Commons Attribution 4.0: reuse with attribution, the usual licence of government open data.
    public static let ccBy4 = OpenDataLicense(name: "CC-BY-4.0", title: "Creative Commons Attribution 4.0",
                                              path: "https://creativecommons.org/licenses/by/4.0/")
}
