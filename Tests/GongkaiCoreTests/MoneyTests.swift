import Testing
@testable import GongkaiCore
@Test func placeholder() { #expect(Money(fen: 150).yuan == "1.50") }
