import Testing

@testable import HubGate

/// The memo believes a missing definitions list for a while, not for the life of the process.
struct CatalogMemoTests {
    @Test func aMissingDefinitionsListIsAskedForAgainLater() {
        let clock = ManualWallClock(start: 1_000_000)
        let memo = CatalogMemo(clock: clock)
        #expect(!memo.isDefinitionsListMissing)

        memo.noteDefinitionsListMissing()
        #expect(memo.isDefinitionsListMissing)
        clock.advance(byMilliseconds: CatalogMemo.definitionsListMissingFor - 1)
        #expect(memo.isDefinitionsListMissing)
        clock.advance(byMilliseconds: 1)
        #expect(!memo.isDefinitionsListMissing, "a 404 may have been a passing fault")

        memo.noteDefinitionsListMissing()
        #expect(memo.isDefinitionsListMissing)
    }
}
