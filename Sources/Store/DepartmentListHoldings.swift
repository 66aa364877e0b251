import GRDB
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
        try store.read { db in try read(db) }
    }

    static func read(_ db: Database) throws -> DepartmentListHoldings {
        let rows = try Row.fetchAll(db, sql: """
            SELECT f.batch, f.list, f.file_name, f.rows, f.imported_at, f.used_at, f.keep_until_day, f.deleted_at,
                   (SELECT COUNT(*) FROM department_list_row r WHERE r.batch = f.batch AND r.list = f.list) AS held
            FROM department_list_file f ORDER BY f.batch, f.list
            """)
        return DepartmentListHoldings(lists: try rows.map { r in
            let list: String = try r.decode(atIndex: 1)
            return List(batch: try r.decode(atIndex: 0), list: DepartmentList(rawValue: list)?.chineseName ?? list,
                        fileName: try r.decode(atIndex: 2), rows: try r.decode(atIndex: 3), importedAt: try r.decode(atIndex: 4),
                        usedAt: try r.decode(atIndex: 5),
                        keptUntil: try r.decode(Int?.self, atIndex: 6).map { CivilDate(dayNumber: $0).description },
                        deletedAt: try r.decode(atIndex: 7), rowsHeld: try r.decode(atIndex: 8))
        })
    }
}
