/// Everything wrong with a configuration, reported at once so an operator can fix it in one pass.
package struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// One line per problem, each naming the key (`server.port: …`). Never contains secret values.
    package var problems: [String]

    /// Creates an error from its problems.
    package init(problems: [String]) {
        self.problems = problems
    }

    package var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
