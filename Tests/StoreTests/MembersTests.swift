import DemoData
import Foundation
import GRDB
import GongkaiCore
import Testing
@testable import Store

/// Household members (家庭成员, issue 29): members.csv in the import contract, keyed by ID number;
/// 家庭人口 checked against the members given (reported, never refused).
@Suite struct MembersTests {
    static let households = MatchingDistrict.officeFiles["households.csv"] ?? ""
    static let header = "户编号,身份证号,姓名,与户主关系,出生日期"

    func run(_ files: [String: String], into store: StoreDatabase) throws -> Result<ImportSummary, InputErrors> {
        let dir = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        do { return .success(try Fixtures.importer(store).run(paths: [dir.path])) } catch let refusal as InputErrors {
            return .failure(refusal)
        }
    }

    @Test func theDistrictsMembersAreImportedAndKnownToTheGuard() throws {
        let store = try StoreDatabase()
        guard case .success(let summary) = try run(MatchingDistrict.officeFiles, into: store) else {
            Issue.record("the district was refused"); return
        }
        #expect(summary.files.first { $0.kind == .members }?.inserted == 13)
        // Every household with members lists as many as its 家庭人口; H7 lists none: nothing to report.
        #expect(!summary.warnings.contains { $0.contains("家庭人口") })
        let people = try PersonNames.people(in: store, identity: nil)
        #expect(people.members.contains("杨老汉") && people.members.contains("马小军"))
        #expect(try StoreSummary.read(from: store).counts.first { $0.kind == "members" }?.rows == 13)
    }

    @Test func aDifferenceFromTheHouseholdSizeIsReportedNotRefused() throws {
        let store = try StoreDatabase()
        // H1 says 3 persons; only two members are given. H6 says 2; three are given.
        let members = """
            \(Self.header)
            H1,\(MatchingDistrict.maJianguo),马建国,户主,1980-01-01
            H1,\(MatchingDistrict.liMei),李梅,配偶,1982-02-02
            H6,\(MatchingDistrict.yangFan),杨帆,户主,1975-10-10
            H6,\(MatchingDistrict.yangLao),杨老汉,父母,1940-11-11
            H6,\(MatchingDistrict.zhangXiao),张晓,子女,2006-01-10
            """
        guard case .success(let summary) = try run(["households.csv": Self.households, "members.csv": members], into: store) else {
            Issue.record("members were refused"); return
        }
        #expect(summary.warnings.contains("members.csv：2 户的家庭人口与家庭成员表的人数不符（户 H1 家庭人口 3、成员 2 人；户 H6 家庭人口 2、成员 3 人）；已照常导入，请核对"))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household_member") } == 5)
    }

    @Test func wrongMembersAreRefusedAtTheirLine() throws {
        let store = try StoreDatabase()
        let members = """
            \(Self.header)
            H1,\(MatchingDistrict.maJianguo),马建国,户主,1980-01-02
            H9,\(MatchingDistrict.liMei),李梅,配偶,1982-02-02
            H1,\(MatchingDistrict.maXiaojun.lowercased()),马 小军,子女,2012-03-05
            H1,\(MatchingDistrict.fullWidth(MatchingDistrict.liMei)),李梅,表亲,1982-02-02
            """
        guard case .failure(let refusal) = try run(["households.csv": Self.households, "members.csv": members], into: store) else {
            Issue.record("wrong members were imported"); return
        }
        #expect(refusal.errors.map(\.description) == [
            "members.csv:2: 出生日期: 出生日期 1980-01-02 与身份证号中的出生日期不一致：请核对这一行",
            "members.csv:3: 户编号: 户 'H9' 既不在数据库中，也不在 households.csv 中",
            "members.csv:4: 姓名: 姓名中间含有空格：请去掉后重新导入",
            "members.csv:5: 与户主关系: '表亲' 不在可用值之列：户主、本人、配偶、子女、儿媳、女婿、孙子女、父母、公婆、岳父母、祖父母、兄弟姐妹、其他",
        ])
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household") } == 0)
    }

    @Test func onePersonIsAMemberOfOneHousehold() throws {
        let store = try StoreDatabase()
        // The same number, once in full-width digits: one person given twice.
        let members = """
            \(Self.header)
            H1,\(MatchingDistrict.liMei),李梅,配偶,1982-02-02
            H2,\(MatchingDistrict.fullWidth(MatchingDistrict.liMei)),李梅,配偶,1982-02-02
            """
        guard case .failure(let refusal) = try run(["households.csv": Self.households, "members.csv": members], into: store) else {
            Issue.record("one person in two households was imported"); return
        }
        #expect(refusal.errors.map(\.description) == ["members.csv:3: 身份证号与第 2 行重复"])
    }
}
