import Foundation
import Testing

@testable import HubGate

/// Request ids: lower-case version 4 UUIDs, unique.
struct RequestIDTests {
    /// Every id parses as a UUID, is lower case, has version 4 and the RFC variant.
    @Test func isLowerCaseVersion4UUID() throws {
        for _ in 0..<1000 {
            let id = RequestID.make()
            #expect(id.count == 36)
            #expect(id == id.lowercased())
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }

    /// The pool's words do not repeat across its refills, whether they come from the kernel's device
    /// or, where that cannot be opened, from the system generator.
    @Test(arguments: ["/dev/urandom", "/nonexistent/urandom"])
    func poolWordsDoNotRepeat(path: String) {
        let pool = RandomWordPool(path: path)
        var words = Set<UInt64>()
        for _ in 0..<3_000 {
            let (first, second) = pool.nextPair()
            words.insert(first)
            words.insert(second)
        }
        #expect(words.count == 6_000)
    }

    /// Ids do not repeat.
    @Test func isUnique() {
        let ids = Set((0..<10_000).map { _ in RequestID.make() })
        #expect(ids.count == 10_000)
    }
}
