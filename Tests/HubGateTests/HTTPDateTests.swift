import Foundation
import HubGate
import Testing

/// `Date` header values for answers written outside Hummingbird.
struct HTTPDateTests {
    /// Known instants, checked against Python's `email.utils.formatdate(usegmt=True)`: the epoch, a
    /// leap day, today, the end of a century and a day before the epoch.
    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_795_448_488, "Mon, 23 Nov 2026 15:41:28 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-86_400, "Wed, 31 Dec 1969 00:00:00 GMT"),
    ])
    func formatsIMFFixdate(seconds: Int, expected: String) {
        #expect(HTTPDate.format(secondsSince1970: seconds) == expected)
    }

    /// Every day for 30 years agrees with Foundation's formatter.
    @Test func agreesWithFoundationEveryDay() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for day in stride(from: 0, to: 30 * 366, by: 1) {
            let seconds = 1_600_000_000 + day * 86_400 + day * 37 % 86_400
            #expect(HTTPDate.format(secondsSince1970: seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }

    /// The cached value is the current second's.
    @Test func nowIsTheCurrentSecond() {
        let dates = HTTPDate()
        let before = Int(Date().timeIntervalSince1970)
        let value = dates.now()
        let after = Int(Date().timeIntervalSince1970)
        #expect((before...after).map { HTTPDate.format(secondsSince1970: $0) }.contains(value))
    }
}
