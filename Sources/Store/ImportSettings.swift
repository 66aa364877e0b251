import GongkaiCore

/// The office's rules for the files it imports: templates/office.toml's optional `[import]` table.
///
/// Read here rather than through Publish's `OfficeSettings`, which reads the same file for the
/// publication: the importer must not depend on publication code (Store sits below Publish).
public struct ImportSettings: Sendable {
    public let householdKeyPattern: HouseholdKeyPattern

    public init(householdKeyPattern: HouseholdKeyPattern = .standard) {
        self.householdKeyPattern = householdKeyPattern
    }

    /// The rules when office.toml sets none.
    public static let standard = ImportSettings()

    public static func load(templates: String) throws(InputError) -> ImportSettings {
        let file = try TemplateFile.read("office.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> ImportSettings {
        do throws(TOMLError) {
            guard let table = try TOML.parse(text).optionalTable("import"),
                  let source = try table.optionalString("household_key_pattern") else { return .standard }
            do {
                return ImportSettings(householdKeyPattern: try HouseholdKeyPattern(source))
            } catch {
                throw TOMLError(line: table.line(of: "household_key_pattern"),
                                message: "household_key_pattern 不是有效的正则表达式（\(source)）：\(error)")
            }
        } catch {
            throw error.located(in: file)
        }
    }
}
