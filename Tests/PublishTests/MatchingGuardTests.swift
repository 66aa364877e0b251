import Foundation
import GongkaiCore
import Testing
@testable import Publish
@testable import Store

/// Issue 29: members are never in a public file (the guard knows their names on every channel, and
/// finds their ID numbers by form), and the verifiers' staff documents are refused whatever they hold.
@Suite struct MatchingGuardTests {
    @Test func aMembersNameIsRefusedOnEveryChannel() {
        let people = PersonNames.People(heads: ["马建国"], members: ["李梅"], callers: [], staff: [])
        for headsInFull in [true, false] {
            let guardian = PublicationGuard(people: people, places: [], publicNumbers: [], showsHeadsInFull: headsInFull)
            #expect(guardian.findLeak(in: "三营村 李梅 3 人") == .name(.member))
            #expect(guardian.findLeak(in: "三营村 李*梅 3 人") == nil)
        }
        // A head who is also listed as a member (户主 in members.csv) keeps the head's treatment.
        let both = PersonNames.People(heads: ["马建国"], members: ["马建国"], callers: [], staff: [])
        #expect(PublicationGuard(people: both, places: [], publicNumbers: [], showsHeadsInFull: true).findLeak(in: "马建国 3 人") == nil)
    }

    @Test func aStaffDocumentIsRefusedWhateverItHolds() throws {
        let guardian = PublicationGuard(people: .init(heads: [], callers: [], staff: []), places: [], publicNumbers: [],
                                        showsHeadsInFull: true)
        #expect(guardian.findLeak(in: "数据比对核查表\n内部核查\n材料·不得公开\n合计 3") == .staffDocument)
        #expect(guardian.findLeak(in: "本报告不得公开的内容已删除") == nil)
        #expect { try guardian.check(text: "内部核查材料·不得公开", label: "核查表.xlsx") } throws: { error in
            "\(error)".hasPrefix("核查表.xlsx：全文检查发现内部核查材料")
        }
    }
}
