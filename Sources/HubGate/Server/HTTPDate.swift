import Foundation
import Synchronization

/// `Date` header values (RFC 9110's IMF-fixdate, `Mon, 23 Nov 2026 15:41:28 GMT`) for answers written
/// outside Hummingbird, which dates its own; formatted at most once a second and shared by every
/// event loop.
package final class HTTPDate: Sendable {
    private let cached = Mutex<(second: Int, value: String)>((-1, ""))

    /// Creates an empty cache.
    package init() {}

    /// The value for now.
    package func now() -> String {
        let second = Int(Date().timeIntervalSince1970)
        return cached.withLock { cached in
            if cached.second != second {
                cached = (second, Self.format(secondsSince1970: second))
            }
            return cached.value
        }
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate for a Unix time, by calendar arithmetic rather than a locale-aware formatter (which
    /// costs more than a cache hit's whole answer).
    package static func format(secondsSince1970 seconds: Int) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        // Days to civil date in the proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`).
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = weekdays[days - days.floorDivided(by: 7) * 7]
        return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) "
            + "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay / 60 % 60)):\(twoDigits(secondOfDay % 60)) GMT"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}

extension Int {
    /// Division rounding towards negative infinity (dates before 1970 stay on the right day).
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
