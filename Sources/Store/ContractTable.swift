/// A kind of table read under a contract of named columns: the office's own exports (`ImportKind`)
/// and the lists other departments push for data matching (`DepartmentList`). Both go through the same
/// header resolution, cell checks and file collection, so a department's list is checked exactly as the
/// office's households are.
public protocol ContractTable: Hashable, CaseIterable, Sendable {
    /// The English name: the CSV file's stem, a sheet name, the kind the log records.
    var rawValue: String { get }
    /// The contract's CSV file name (`households.csv`, `deaths.csv`).
    var fileName: String { get }
    /// The Chinese name: a sheet (or, for department lists, a file) named this is this table.
    var chineseName: String { get }
    /// The contract's columns, each with its Chinese and English names.
    var columns: [ImportColumn] { get }
    /// The kind a sheet's name (or a workbook's stem) names, in English or Chinese.
    static func named(_ name: String) -> Self?
    /// The kind a CSV file's whole name gives, or nil when the name is none of the contract's.
    static func csvNamed(_ fileName: String) -> Self?
}

extension ContractTable {
    /// By default a CSV file carries its contract's English file name (`households.csv`).
    public static func csvNamed(_ fileName: String) -> Self? {
        allCases.first { $0.fileName == fileName.lowercased() }
    }
}
