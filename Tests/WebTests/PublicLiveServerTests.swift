import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The public channel's abuse limits over a real socket (issue 24, "Done when": the limits hold
/// under a bounded loop on loopback): one address loops submissions and enquiries and is answered
/// 429 with Retry-After once over the hour's limit, while a second address (127.0.0.2) is not
/// affected; the audit log holds digests, never the addresses.
@Suite struct PublicLiveServerTests {
    /// A form's token, served to `client`'s address; the stopwatch then moves past the minimum age.
    static func token(_ client: RawHTTPClient, _ path: String, _ bed: PublicChannelTests.Bed) async throws -> String {
        let page = try await client.send("GET", path)
        let token = try #require(Browser.csrfToken(in: page.body))
        bed.stopwatch.advance(4)
        return token
    }

    static func submit(_ client: RawHTTPClient, _ bed: PublicChannelTests.Bed) async throws -> RawHTTPClient.Answer {
        let token = try await token(client, "/submit", bed)
        return try await client.send("POST", "/submit", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                     body: "csrf_token=\(token)&category=%E5%85%B6%E4%BB%96&township=%E5%8D%97%E5%85%B3%E8%A1%97%E9%81%93"
                                         + "&summary=test&anonymous=%E6%98%AF&consent=%E6%98%AF&website=")
    }

    @Test func submissionsAndEnquiriesFromOneAddressAreBoundedAndAnotherAddressIsNot() async throws {
        let bed = try PublicChannelTests.Bed()
        let limits = bed.web.environment.policy.publicChannel
        try await bed.application().test(.live) { client in
            let port = try #require(client.port)
            let first = RawHTTPClient(source: "127.0.0.1", port: port), second = RawHTTPClient(source: "127.0.0.2", port: port)
            var statuses: [Int] = []
            var retryAfter: String?
            for _ in 0..<(limits.submissionsPerHour + 3) {
                let answer = try await Self.submit(first, bed)
                statuses.append(answer.status)
                if answer.status == 429 { retryAfter = answer.header("Retry-After") }
            }
            #expect(statuses == Array(repeating: 200, count: limits.submissionsPerHour) + [429, 429, 429], "\(statuses)")
            #expect(Int(retryAfter ?? "").map { $0 > 0 && $0 <= 3600 } == true)
            #expect(try await Self.submit(second, bed).status == 200, "127.0.0.2 is not limited by 127.0.0.1's submissions")

            var enquiries: [Int] = []
            for _ in 0..<(limits.enquiriesPerHour + 2) {
                let token = try await Self.token(first, "/progress", bed)
                let answer = try await first.send("POST", "/progress", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                  body: "csrf_token=\(token)&number=TS-209901-0001&pin=0000")
                enquiries.append(answer.status)
                if answer.status == 429 { #expect(Int(answer.header("Retry-After") ?? "") != nil) }
            }
            // Wrong PINs for one number lock it after five (429 too), whatever the address; the
            // address's own limit then answers the last two.
            #expect(enquiries.prefix(limits.pinFailures - 1).allSatisfy { $0 == 200 }, "\(enquiries)")
            #expect(enquiries.dropFirst(limits.pinFailures - 1).allSatisfy { $0 == 429 }, "\(enquiries)")
            let token = try await Self.token(second, "/progress", bed)
            let other = try await second.send("POST", "/progress", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                              body: "csrf_token=\(token)&number=TS-209901-0002&pin=0000")
            #expect(other.status == 200, "127.0.0.2 still enquires")
        }
        let audit = bed.web.environment.audit
        let throttled = try audit.entries(AuditQuery(action: .publicThrottled))
        #expect(throttled.count == 3 + 2, "\(throttled.map(\.detail))")
        #expect(Set(throttled.map(\.source)).count == 1)
        let everything = try audit.entries(AuditQuery())
        #expect(everything.allSatisfy { !$0.source.contains("127.0.0") }, "an address in the audit log")
        #expect(Set(everything.map(\.source)).count == 2, "one digest per address")
    }

    /// Behind a `--trusted-proxy` the client is the last X-Forwarded-For entry: two clients behind
    /// the proxy have a limit each; a peer that is not the proxy is counted under its own address,
    /// whatever it writes in the header.
    @Test func theClientBehindATrustedProxyIsTheLastForwardedAddress() async throws {
        let bed = try PublicChannelTests.Bed(trustedProxies: ["127.0.0.1"])
        let limits = bed.web.environment.policy.publicChannel
        try await bed.application().test(.live) { client in
            let port = try #require(client.port)
            let proxy = RawHTTPClient(source: "127.0.0.1", port: port), stranger = RawHTTPClient(source: "127.0.0.2", port: port)
            func submit(_ from: RawHTTPClient, forwardedFor: String) async throws -> Int {
                let page = try await from.send("GET", "/submit", headers: ["X-Forwarded-For": forwardedFor])
                let token = try #require(Browser.csrfToken(in: page.body))
                bed.stopwatch.advance(4)
                return try await from.send("POST", "/submit", headers: ["Content-Type": "application/x-www-form-urlencoded",
                                                                        "X-Forwarded-For": forwardedFor],
                                           body: "csrf_token=\(token)&category=%E5%85%B6%E4%BB%96&township=%E5%8D%97%E5%85%B3%E8%A1%97%E9%81%93"
                                               + "&summary=test&anonymous=%E6%98%AF&consent=%E6%98%AF").status
            }
            for _ in 0..<limits.submissionsPerHour { #expect(try await submit(proxy, forwardedFor: "203.0.113.7") == 200) }
            #expect(try await submit(proxy, forwardedFor: "203.0.113.7") == 429)
            #expect(try await submit(proxy, forwardedFor: "203.0.113.7, 198.51.100.9") == 200, "another client behind the proxy")
            for n in 0..<limits.submissionsPerHour {
                #expect(try await submit(stranger, forwardedFor: "192.0.2.\(n)") == 200)
            }
            #expect(try await submit(stranger, forwardedFor: "192.0.2.99") == 429, "an untrusted peer's header is ignored")
        }
        let sources = Set(try bed.web.environment.audit.entries(AuditQuery()).map(\.source))
        #expect(sources.count == 3, "203.0.113.7, 198.51.100.9 and 127.0.0.2: \(sources)")
        #expect(sources.allSatisfy { $0.hasPrefix("网上:") })
    }
}
