import Foundation
import GRDB
import GongkaiCore
import Testing
@testable import Store

/// Files shaped unlike a clean export: each is read as the clerk meant it, or refused with the
/// file, the line and (where there is one) the column, and never by a trap.
@Suite struct ImportRefusalTests {
    /// The errors of importing `files` (bytes by name) into a fresh store, in the order printed.
    func refusal(_ files: [String: [UInt8]], into store: StoreDatabase? = nil) throws -> [String] {
        let dir = try Fixtures.folder(bytes: files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try Fixtures.refusal(dir, into: store ?? StoreDatabase()).map(\.description)
    }

    func refusal(_ files: [String: String], into store: StoreDatabase? = nil) throws -> [String] {
        try refusal(files.mapValues { Array($0.utf8) }, into: store)
    }

    /// The store after importing `files`, dumped; fails the test when the import is refused.
    func imported(_ files: [String: String]) throws -> [String] {
        let store = try StoreDatabase()
        #expect(try refusal(files, into: store) == [])
        return try Fixtures.dump(store)
    }

    // MARK: line endings

    @Test func crOnlyAndCRLFLineEndingsReadLikeLF() throws {
        let lf = try imported(Fixtures.contract)
        #expect(lf.count == 15)
        #expect(try imported(Fixtures.contract.mapValues { $0.replacingOccurrences(of: "\n", with: "\r") }) == lf)
        #expect(try imported(Fixtures.contract.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") }) == lf)
    }

    @Test func aLoneCRInsideALineEndsIt() throws {
        let split = Fixtures.households.replacingOccurrences(of: "H003,开城镇,", with: "H003,开城镇\r,")
        #expect(try refusal(["households.csv": split]) == [
            "households.csv:4: 应与表头一样有 8 个字段，实际有 2 个",
            "households.csv:5: 应与表头一样有 8 个字段，实际有 7 个",
        ])
    }

    @Test func lineBreaksInsideAQuotedSummaryAreKeptAsLF() throws {
        let complaints = Fixtures.complaints.replacingOccurrences(of: "咨询低保申请条件", with: "\"咨询低保\r申请条件\r\n和材料\"")
        let store = try StoreDatabase()
        #expect(try refusal(["households.csv": Fixtures.households, "complaints.csv": complaints], into: store) == [])
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT summary FROM complaint WHERE complaint_id = 'TS-202603-0002'") }
                == "咨询低保\n申请条件\n和材料")
    }

    // MARK: encodings

    @Test(arguments: [WideEncoding.utf16LE, .utf16BE, .utf32LE, .utf32BE], [true, false])
    func wideUnicodeIsNamedWithOrWithoutItsBOM(encoding: WideEncoding, bom: Bool) throws {
        let errors = try refusal(["households.csv": Fixtures.wide(Fixtures.households, encoding, bom: bom)])
        #expect(errors == ["households.csv:1: 该文件是 \(encoding.rawValue)（Unicode）文本，导入程序不读取这种编码："
                           + "请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”，再重新导入"])
    }

    @Test func aBadByteInUTF8IsLocatedByLineAndOffset() throws {
        var bytes = Array(Fixtures.households.utf8)
        let line3 = try #require(bytes.indices.filter { bytes[$0] == 0x0A }.dropFirst().first) + 1
        bytes.insert(0xFF, at: line3 + 5)
        #expect(try refusal(["households.csv": bytes]) == [
            "households.csv:3: 第 \(line3 + 5) 字节处的 FF 不是有效的 UTF-8（文件已损坏或混用了多种编码）："
                + "请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”，再重新导入",
        ])
        // After a BOM too: the offset counts the BOM's three bytes.
        #expect(try refusal(["households.csv": [0xEF, 0xBB, 0xBF] + bytes]).first?
            .hasPrefix("households.csv:3: 第 \(line3 + 8) 字节处的 FF 不是有效的 UTF-8") == true)
    }

    @Test func aBadSequenceInGB18030IsLocatedByLineAndOffset() throws {
        var bytes = try #require(TextDecoding.gb18030(Fixtures.households))
        let line3 = try #require(bytes.indices.filter { bytes[$0] == 0x0A }.dropFirst().first) + 1
        bytes.insert(contentsOf: [0x81, 0x20], at: line3 + 5)
        #expect(try refusal(["households.csv": bytes]).first?.hasPrefix(
            "households.csv:3: 第 \(line3 + 5) 字节处的 81 20 既不是 UTF-8 也不是 GB18030/GBK 文本") == true)
    }

    // MARK: structure

    @Test func anUnclosedQuoteIsLocatedWhereItOpens() throws {
        let households = Fixtures.households.replacingOccurrences(of: "H002,南关街道", with: "H002,\"南关街道")
        #expect(try refusal(["households.csv": households]) == [
            "households.csv:3: 引号字段（\"）从这一行开始却没有结束：请补上结尾的引号，或把文字中的引号写成两个（\"\"）",
        ])
    }

    @Test(arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n  \r\n".utf8), [0xEF, 0xBB, 0xBF, 0x0D, 0x0A]] as [[UInt8]])
    func anEmptyFileIsSaidSo(bytes: [UInt8]) throws {
        #expect(try refusal(["households.csv": bytes]) == [
            "households.csv:1: 文件是空的（没有表头，没有数据：0 字节，或只有空行或字节顺序标记）：请连同表头重新导出",
        ])
    }

    @Test func aFileThatCannotBeReadIsNamedByItsPath() throws {
        let dir = try Fixtures.folder(["households.csv": Fixtures.households])
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("payments.csv")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try Fixtures.refusal(dir, into: StoreDatabase()).map(\.description) == [
            "\(folder.path): 无法读取：请检查它是当前账号可以读取的文件（不是文件夹或失效的链接）",
        ])
    }

    // MARK: characters

    @Test func controlCharactersAreRefusedWithLineColumnAndPosition() throws {
        let households = """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H001,三营\u{0}镇,三营村,张三,640402198001010017,,3,农村
        H002,三营镇,三\u{85}营村,李四,640402198001010017,,3,农村
        H003,三营镇,三营村,王\u{2028}五,640402198001010017,,3,农村
        H004,三营镇,三营村,"赵\t六",640402198001010017,,3,农村
        H005,三营镇,三营村,"钱
        七",640402198001010017,,3,农村
        \u{FEFF}H006,三营镇,三营村,孙八,640402198001010017,,3,农村
        """
        #expect(try refusal(["households.csv": households]) == [
            "households.csv:2: 乡镇: 第 3 个字符是控制字符 U+0000（NUL）：请删除它（重新输入该单元格）后重新导入",
            "households.csv:3: 村: 第 2 个字符是控制字符 U+0085：请删除它（重新输入该单元格）后重新导入",
            "households.csv:4: 户主姓名: 第 2 个字符是不可见分隔符 U+2028：请删除它（重新输入该单元格）后重新导入",
            "households.csv:5: 户主姓名: 第 2 个字符是制表符（U+0009）：请删除它（重新输入该单元格）后重新导入",
            "households.csv:6: 户主姓名: 第 2 个字符是换行符（U+000A）：请删除它（重新输入该单元格）后重新导入",
            "households.csv:8: 户编号: 第 1 个字符是字节顺序标记（U+FEFF，两个文件拼接处留下的）：请删除它（重新输入该单元格）后重新导入",
        ])
    }

    @Test func aControlCharacterInTheHeaderNamesTheColumn() throws {
        let households = Fixtures.households.replacingOccurrences(of: "户编号,乡镇,", with: "户编号,乡\u{0}镇,")
        #expect(try refusal(["households.csv": households]) == [
            "households.csv:1: 表头第 2 列第 2 个字符是控制字符 U+0000（NUL）：请删除它（重新输入该单元格）后重新导入",
        ])
    }

    @Test func fullWidthDigitsAreWhatTheClerkMeant() throws {
        let fullWidth = Fixtures.households
            .replacingOccurrences(of: "640402198001010017,13912345678,3", with: "６４０４０２１９８００１０１００１７,１３９１２３４５６７８,３")
            .replacingOccurrences(of: "11010519491231002x", with: "１１０１０５１９４９１２３１００２ｘ")
            .replacingOccurrences(of: "0954-2031234", with: "０９５４－２０３１２３４")
        #expect(try imported(["households.csv": fullWidth]) == imported(["households.csv": Fixtures.households]))
        let payments = Fixtures.payments.replacingOccurrences(of: "2026-03,1635.00,2026-03-15", with: "２０２６－０３,１６３５．００,２０２６／３／１５")
        #expect(try imported(["households.csv": Fixtures.households, "payments.csv": payments])
                == imported(["households.csv": Fixtures.households, "payments.csv": Fixtures.payments]))
    }

    @Test func idNumberMessagesCountCharacters() throws {
        let households = """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H001,三营镇,三营村,张三,6404零2198001010017,,3,农村
        H002,三营镇,三营村,李四,６４０４０２１９８００１０１００１７１,,3,农村
        H003,三营镇,三营村,王五,4.10182E+17,,3,农村
        """
        #expect(try refusal(["households.csv": households]) == [
            "households.csv:2: 户主身份证号: 身份证号须为 17 位数字加 1 位数字或 X，但 '6404零2198001010017' 的第 5 个字符是 '零'",
            "households.csv:3: 户主身份证号: 身份证号须为 18 位，实际为 19 位",
            "households.csv:4: 户主身份证号: '4.10182E+17' 是被 Excel 四舍五入的数字，身份证号已经丢失：请在源系统中把该列设为文本后重新导出",
        ])
    }

    /// What a spreadsheet leaves of an ID it kept as a number is refused in CSV too: 18 digits ending in
    /// 000 that fail the check (the digits after the 15th zeroed), 15 such digits, E-notation in a phone.
    /// A real ID ending in 000 with its right check digit is accepted.
    @Test func idsCutTo15DigitsAreRefusedAsDamaged() throws {
        let realEndingIn000 = "640402198001018000"
        #expect((try? IDNumber(validating: realEndingIn000)) != nil)
        let households = """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H001,三营镇,三营村,张三,410182199001011000,,3,农村
        H002,三营镇,三营村,李四,410182199001000,,3,农村
        H003,三营镇,三营村,王五,\(realEndingIn000),1.3912E+10,3,农村
        """
        let errors = try refusal(["households.csv": households])
        #expect(errors.count == 3, "\(errors)")
        #expect(errors[0].hasPrefix("households.csv:2: 户主身份证号: '410182199001011000' 以 000 结尾，不是有效的身份证号"))
        #expect(errors[0].contains("设置单元格格式 → 文本"))
        #expect(errors[1].hasPrefix("households.csv:3: 户主身份证号: '410182199001000' 以 000 结尾"))
        #expect(errors[2] == "households.csv:4: 联系电话: '1.3912E+10' 是被 Excel 四舍五入的数字，电话号码已经丢失：请在源系统中把该列设为文本后重新导出")
    }

    // MARK: headers

    @Test func aHeaderProblemSaysWhatIsWrongWithTheHeader() throws {
        let semicolons = Fixtures.households.replacingOccurrences(of: ",", with: ";")
        let tabs = Fixtures.households.replacingOccurrences(of: ",", with: "\t")
        let headless = Fixtures.households.split(separator: "\n").dropFirst().joined(separator: "\n")
        let garbled = "æˆ·ç¼–å·,ä¹¡é•‡\nH001,三营镇\n"  // UTF-8 read as Windows-1252 and saved again
        let bomInside = Fixtures.households.replacingOccurrences(of: "户编号,乡镇,", with: "户编号,\u{FEFF}乡镇,")
        #expect(try refusal(["households.csv": semicolons]) == [
            "households.csv:1: 表头用分号（;）而不是逗号分隔：请另存为“CSV UTF-8（逗号分隔）”后重新导入",
        ])
        #expect(try refusal(["households.csv": tabs]).first?.hasPrefix("households.csv:1: 表头用制表符而不是逗号分隔") == true)
        #expect(try refusal(["households.csv": headless]) == [
            "households.csv:1: 第一行不是 households.csv 的表头：没有一个单元格是约定的列名"
                + "（应为 户编号、乡镇、村、户主姓名、户主身份证号、家庭人口、城乡，或它们的英文名）；请把表头放在第一行",
        ])
        #expect(try refusal(["households.csv": garbled]).first?.hasPrefix("households.csv:1: 表头是乱码（'æˆ·ç¼–å·,ä¹¡é•‡'）：文件被以错误的编码转换过") == true)
        #expect(try refusal(["households.csv": bomInside]) == [
            "households.csv:1: 表头第 2 列第 1 个字符是字节顺序标记（U+FEFF，两个文件拼接处留下的）：请删除它（重新输入该单元格）后重新导入",
        ])
        // A doubled BOM at the very start is only an artefact of saving twice.
        #expect(try refusal(["households.csv": [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array(Fixtures.households.utf8)]) == [])
    }

    // MARK: bounds (each of these trapped or overflowed before)

    @Test func yearsOutsideTheSupportedRangeAreRefusedWithTheReason() throws {
        let payments = """
        户编号,救助项目,所属月份,金额,发放日期
        H001,dibao,0999-03,1635.00,2026-03-15
        H002,tekun,2026-01,980.00,2101-01-01
        H003,tekun,2026-13,980.00,2026-02-30
        """
        let complaints = Fixtures.complaints.replacingOccurrences(of: "2026-03-03 10:00", with: "0999-03-03 10:00")
        #expect(try refusal(["households.csv": Fixtures.households, "payments.csv": payments, "complaints.csv": complaints]) == [
            "payments.csv:2: 所属月份: '0999-03' 的年份 999 超出 1949–2100",
            "payments.csv:3: 发放日期: '2101-01-01' 的年份 2101 超出 1949–2100",
            "payments.csv:4: 所属月份: '2026-13' 不是月份（YYYY-MM）",
            "payments.csv:4: 发放日期: '2026-02-30' 不是真实存在的日期",
            "complaints.csv:3: 受理时间: '0999-03-03 10:00' 的年份 999 超出 1949–2100",
        ])
    }

    @Test func numbersThatWouldOverflowAreRefused() throws {
        let complaints = Fixtures.complaints.replacingOccurrences(of: "TS-202603-0002", with: "TS-202603-99999999999999999999")
        let enrolments = Fixtures.enrolments
            .replacingOccurrences(of: "\"1,635.00\"", with: "99999999999999999999")
            .replacingOccurrences(of: "分散供养,1,980", with: "分散供养,99999999999999999999,10000000.01")
        #expect(try refusal(["households.csv": Fixtures.households, "enrolments.csv": enrolments, "complaints.csv": complaints]) == [
            "enrolments.csv:2: 金额: '99999999999999999999': 金额过大",
            "enrolments.csv:3: 保障人数: '99999999999999999999' 不是 1 至 30 之间的整数",
            "enrolments.csv:3: 金额: '10000000.01' 超过 10,000,000.00 元，远高于任何救助金额：请核对数字",
            "complaints.csv:3: 编号: 'TS-202603-99999999999999999999' 形如受理台的 TS-YYYYMM-NNNN，但月份之后的序号不是 1 至 8 位数字：请在源系统中更正",
        ])
    }

    @Test func householdIDsMayHoldAnyPrintableCharacter() throws {
        let households = Fixtures.households.replacingOccurrences(of: "H003,", with: "|,")
        let enrolments = """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        |,dibao,一类,2,900,按月,2026-01-05,2026-02-10,2026-03,,,
        |,dibao,一类,2,900,按月,2026-01-05,2026-02-10,2026-05,,,
        """
        #expect(try refusal(["households.csv": households, "enrolments.csv": enrolments]) == [
            "enrolments.csv:3: 起始月份: 户 | 在 2026-05 已有 dibao 保障记录（第 2 行）",
        ])
    }

    @Test func enrolmentsOfAnyShapeInTheStoreCannotTrapTheOverlapCheck() throws {
        let store = try StoreDatabase()
        #expect(try refusal(Fixtures.all, into: store) == [])
        try store.write { db in
            // An edited database: a stop before the start, a one-off at the last month index.
            try db.execute(sql: "UPDATE enrolment SET stop_month_index = start_month_index - 5 WHERE household_id = 'H001'")
            try db.execute(sql: "UPDATE enrolment SET start_month_index = 9223372036854775807 WHERE household_id = 'H003'")
        }
        let enrolments = """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        H001,dibao,一类,3,900,按月,2026-01-05,2026-02-10,2026-01,,,
        H003,临时救助,支出型,2,1500.5,一次性,2026-03-01,2026-03-05,2026-07,,,因病
        """
        #expect(try refusal(["enrolments.csv": enrolments], into: store) == [])
    }

    // MARK: the store's side

    @Test func textIsBoundWithItsByteLength() throws {
        let store = try StoreDatabase()
        let lengths = try store.write { db in
            try db.execute(sql: "CREATE TEMP TABLE t (x TEXT)")
            let insert = try DirectStatement(db, sql: "INSERT INTO t (x) VALUES (?)")
            try insert.run([.text("a\u{0}b")])
            try insert.run([.text("")])
            return try Int?.fetchAll(db, sql: "SELECT length(CAST(x AS BLOB)) FROM t ORDER BY rowid")
        }
        #expect(lengths == [3, 0])
    }

    @Test func theDeskNumberAfterTheLargestIntegerIsAnErrorNotATrap() throws {
        let store = try StoreDatabase()
        #expect(try refusal(Fixtures.all, into: store) == [])
        try store.write { db in
            try db.execute(sql: "UPDATE complaint SET complaint_id = 'TS-202603-99999999999999999999' WHERE complaint_id = 'TS-202603-0002'")
        }
        let day = try #require(CivilDate(year: 2026, month: 3, day: 9))
        let complaint = ComplaintRecord(receivedAt: "2026-03-09 10:00", receivedOn: day, channel: "网上", type: "咨询",
                                        category: "政策咨询", programme: nil, householdId: nil, township: nil, summary: "咨询",
                                        caller: .none, anonymous: true, status: "受理")
        let event = ComplaintEventRecord(at: "2026-03-09 10:00", handler: "desk", action: "受理", fromState: nil, toState: "受理", note: nil)
        #expect(throws: ComplaintNumbersExhausted.self) { try store.insertComplaint(complaint, event: event) }
    }

    @Test func errorsAreListedInFileAndLineOrderAndCappedAt100() throws {
        let rows = (1...150).map { "H\($0),三营镇,三营村,张三,640402198001010018,,3,农村" }
        let households = "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡\n" + rows.joined(separator: "\n")
        let dir = try Fixtures.folder(["households.csv": households, "payments.csv": "户编号,救助项目\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        var refusal: InputErrors?
        do { _ = try Fixtures.importer(StoreDatabase()).run(paths: [dir.path]) } catch let e as InputErrors { refusal = e }
        let errors = try #require(refusal)
        #expect(errors.totalCount == 150 + 3)
        #expect(errors.errors.count == Importer.errorLimit)
        #expect(errors.errors.map { $0.line ?? 0 } == (2...101).map { $0 })
        #expect(errors.description.hasSuffix("……另有 53 个错误"))
    }
}
