import Foundation
import GongkaiCore
@testable import Store
import StoreTestSupport
import Testing

/// The sealing of callers' identities at the store (StoreDatabase+CallerIdentity), on both databases:
/// a store is bound to one key, callers an older gongkai left in clear are sealed once bound, and a
/// caller's other complaints are found by the phone's keyed digest.
@Suite struct CallerIdentityStoreTests {
    static let key = try! CallerIdentityCipher(secret: Data(repeating: 7, count: 32))
    static let other = try! CallerIdentityCipher(secret: Data(repeating: 9, count: 32))

    static func complaint(_ store: StoreDatabase, caller: SealedCaller, day: String = "2026-11-05") throws -> String {
        let date = try #require(CivilDate(parsing: day))
        return try store.insertComplaint(
            ComplaintRecord(receivedAt: "\(day) 10:00", receivedOn: date, channel: "监督电话", type: "投诉", category: "其他",
                            programme: nil, householdId: nil, township: nil, summary: "来电", caller: caller, anonymous: false, status: "登记"),
            event: ComplaintEventRecord(at: "2026-11-05T02:00:00Z", handler: "test", action: "add", fromState: nil, toState: "登记", note: nil))
    }

    @Test(arguments: TestBackend.allCases) func aStoreIsBoundToOneKeyAndSealsCallersLeftInClear(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        #expect(try !store.holdsCallerIdentities() && (try store.callerIdentityFingerprint()) == nil)
        // As an older gongkai stored them: in clear, without a digest.
        let clear = try Self.complaint(store, caller: SealedCaller(name: "王小二", phone: "13909541234", phoneDigest: nil))
        let sealed = try Self.complaint(store, caller: SealedCaller(name: "李四", phone: "13800000000", cipher: Self.key))
        #expect(try store.holdsCallerIdentities())
        #expect(throws: CallerIdentityKeyMissing.self) { try store.callerNames(opening: nil) }
        let sealedBefore = try #require(try store.complaint(id: sealed))

        try store.bindCallerIdentity(Self.key, keyPath: "key")
        #expect(try store.callerIdentityFingerprint() == Self.key.fingerprint)
        let record = try #require(try store.complaint(id: clear))
        #expect(record.callerName.map(CallerIdentityCipher.isSealed) == true && record.callerPhone.map(CallerIdentityCipher.isSealed) == true)
        #expect(try record.callerName.map { try Self.key.open($0, .name) } == "王小二")
        #expect(record.callerPhoneDigest == Self.key.phoneDigest("13909541234"))
        #expect(try store.complaint(id: sealed) == sealedBefore, "a caller sealed already is left as it is")
        #expect(try store.callerNames(opening: Self.key) == ["王小二", "李四"])

        // Bound again with the same key: nothing changes; with another: refused, nothing written.
        try store.bindCallerIdentity(Self.key, keyPath: "key")
        #expect(try store.complaint(id: clear) == record)
        #expect(throws: CallerIdentityKeyMismatch.self) { try store.bindCallerIdentity(Self.other, keyPath: "other") }
        #expect(try store.callerIdentityFingerprint() == Self.key.fingerprint)

        // The caller's other complaints, by the digest, within the window and category.
        let again = try Self.complaint(store, caller: SealedCaller(name: "王小二", phone: "13909541234", cipher: Self.key), day: "2026-11-20")
        let found = try store.complaintsLike(category: "其他", householdId: nil, phoneDigest: Self.key.phoneDigest("13909541234"),
                                             fromDay: CivilDate(parsing: "2026-11-01")!.dayNumber, throughDay: CivilDate(parsing: "2026-11-30")!.dayNumber)
        #expect(found.map(\.complaintId) == [clear, again])
        #expect(try store.complaintsLike(category: "其他", householdId: nil, phoneDigest: nil, fromDay: 0, throughDay: 100_000).isEmpty)
    }
}
