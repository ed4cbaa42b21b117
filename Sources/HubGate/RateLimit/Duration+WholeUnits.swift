extension Duration {
    /// The duration in whole nanoseconds, rounded toward zero: integer arithmetic for counts.
    package var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in whole seconds, rounded up: what `Retry-After` and the IETF fields carry, so
    /// a client that waits as told never comes back too early.
    package var wholeSecondsRoundedUp: Int64 {
        let (seconds, attoseconds) = components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
