import Foundation
import Testing
@testable import GongkaiCore

@Suite struct TownshipsTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path

    @Test func theShippedListIsTheDistrictsFourteenInOrder() throws {
        let t = try Townships.load(templates: Self.templates)
        #expect(t.districtCode == "640402")
        #expect(t.names == Codelist.yuanzhouTownships)
        #expect(t.township("三营镇")?.code == "640402101")
        #expect(t.township("640402101")?.name == "三营镇")
        #expect(t.township("三营") == nil)
    }

    @Test(arguments: ["../../escape", "a/b", "a\u{0}b", "南关 街道", "..", "a\u{200B}b"])
    func namesThatCouldMakeAPathOrHideAreRefused(name: String) {
        let text = "[district]\ncode = \"640402\"\nname = \"原州区\"\n[[township]]\ncode = \"640402001\"\nname = \"\(name)\"\n"
        #expect(throws: InputError.self) { try Townships.parse(text, file: "townships.toml") }
    }

    @Test func codesAreDigitsAndEntriesUnique() {
        let bad = "[district]\ncode = \"640402\"\nname = \"原州区\"\n[[township]]\ncode = \"../x\"\nname = \"甲\"\n"
        #expect(throws: InputError.self) { try Townships.parse(bad, file: "townships.toml") }
        let twice = "[district]\ncode = \"640402\"\nname = \"原州区\"\n[[township]]\ncode = \"640402001\"\nname = \"甲\"\n[[township]]\ncode = \"640402002\"\nname = \"甲\"\n"
        #expect(throws: InputError.self) { try Townships.parse(twice, file: "townships.toml") }
    }
}
