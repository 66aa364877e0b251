import GongkaiCore

/// What the store holds of the departments' lists (PIPL §19: `gongkai status` says it): per batch
/// and list, the file, its rows, when it was imported and used, and whether its rows are still held
/// (not yet matched, or sealed until a day) or deleted.
public struct DepartmentListHoldings: Sendable, Codable, Equatable {
    public struct List: Sendable, Codable, Equatable {
        public let batch: String
        /// The list's Chinese name (死亡, 车辆 …).
        public let list: String
        public let fileName: String
        public let rows: Int
        public let importedAt: String
        public let usedAt: String?
        /// The day the sealed rows are deleted, when office.toml keeps them.
        public let keptUntil: String?
        public let deletedAt: String?
        /// Rows of the list still in the store.
        public let rowsHeld: Int
    }
    public let lists: [List]
    public var rowsHeld: Int { lists.reduce(0) { $0 + $1.rowsHeld } }

    public static func read(from store: StoreDatabase) throws -> DepartmentListHoldings {
        try store.session(readOnly: true) { try read($0) }
    }

    static func read(_ session: any SQLSession) throws -> DepartmentListHoldings {
        let rows = try session.rows("""
            SELECT f.batch, f.list, f.file_name, f.rows, f.imported_at, f.used_at, f.keep_until_day, f.deleted_at,
                   (SELECT COUNT(*) FROM department_list_row r WHERE r.batch = f.batch AND r.list = f.list) AS held
            FROM department_list_file f ORDER BY f.batch, f.list
            """)
        return DepartmentListHoldings(lists: try rows.map { r in
            func field<T: SQLColumnValue>(_ column: String) throws -> T? { try r.checked(column, key: "department_list_file") }
            let list: String = try field("list") ?? ""
            return List(batch: try field("batch") ?? "", list: DepartmentList(rawValue: list)?.chineseName ?? list,
                        fileName: try field("file_name") ?? "", rows: try field("rows") ?? 0, importedAt: try field("imported_at") ?? "",
                        usedAt: try field("used_at"),
                        keptUntil: (try field("keep_until_day") as Int?).map { CivilDate(dayNumber: $0).description },
                        deletedAt: try field("deleted_at"), rowsHeld: try field("held") ?? 0)
        })
    }
}
