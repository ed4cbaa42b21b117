import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random 64-bit words from the kernel's generator, read 4 KB at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per word; a request id needs two,
/// on every request, including cache hits answered in a few microseconds. One read here serves
/// 256 ids. The words are as random as the generator's (both come from the kernel); a request id is
/// an identifier, not a secret, but it is still unpredictable.
final class RandomWordPool: Sendable {
    private struct State {
        var words: [UInt64]
        var next: Int
        var source: Int32
    }

    private static let wordCount = 512
    private let state: Mutex<State>

    /// Reads words from `path`; where it cannot be read, they come from `SystemRandomNumberGenerator`.
    init(path: String = "/dev/urandom") {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        state = Mutex(State(words: [UInt64](repeating: 0, count: Self.wordCount), next: Self.wordCount, source: source))
    }

    deinit {
        state.withLock { state in
            if state.source >= 0 { close(state.source) }
        }
    }

    /// Two fresh random words.
    func nextPair() -> (UInt64, UInt64) {
        state.withLock { state in
            if state.next + 2 > state.words.count {
                Self.refill(&state)
            }
            defer { state.next += 2 }
            return (state.words[state.next], state.words[state.next + 1])
        }
    }

    private static func refill(_ state: inout State) {
        let source = state.source
        let byteCount = state.words.count * MemoryLayout<UInt64>.size
        let filled = source >= 0 && state.words.withUnsafeMutableBytes { read(source, $0.baseAddress, byteCount) } == byteCount
        if !filled {
            var generator = SystemRandomNumberGenerator()
            for index in state.words.indices { state.words[index] = generator.next() }
        }
        state.next = 0
    }
}
