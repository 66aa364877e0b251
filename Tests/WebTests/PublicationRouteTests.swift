import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite struct PublicationRouteTests {
    /// output/ with an archive index, one month, a dotfile, and outside it a secret and symbolic
    /// links that point at it.
    static func makeOutput() throws -> (root: URL, output: URL) {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("gongkai-pub-\(UUID().uuidString)")
        let output = root.appendingPathComponent("output")
        let month = output.appendingPathComponent("2026-10")
        try fm.createDirectory(at: month, withIntermediateDirectories: true)
        try fm.createDirectory(at: output.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try "<!DOCTYPE html><title>archive</title><a href=\"2026-10/\">2026-10</a>".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><title>month</title>".write(to: month.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "指标,值\n".write(to: month.appendingPathComponent("indicators.csv"), atomically: true, encoding: .utf8)
        try "hidden".write(to: output.appendingPathComponent(".hidden.html"), atomically: true, encoding: .utf8)
        try "SECRET".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try "SECRET".write(to: root.appendingPathComponent("secret.html"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: output.appendingPathComponent("escape.html").path, withDestinationPath: root.appendingPathComponent("secret.html").path)
        try fm.createSymbolicLink(atPath: output.appendingPathComponent("up").path, withDestinationPath: root.path)
        return (root, output)
    }

    @Test func theArchiveAndItsFilesAreServedToRolesThatMayReadThem() async throws {
        let (root, output) = try Self.makeOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let bed = try WebTestBed(output: output.path)
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let bare = try await browser.get(client, "/publications")
            #expect(bare.status == .seeOther)
            #expect(bare.headers[.location] == "/publications/")
            let archive = try await browser.get(client, "/publications/")
            #expect(archive.status == .ok)
            #expect(String(buffer: archive.body).contains("archive"))
            #expect(archive.headers[.contentSecurityPolicy]?.contains("script-src 'none'") == true)
            #expect(try await browser.get(client, "/publications/2026-10").headers[.location] == "/publications/2026-10/")
            #expect(String(buffer: try await browser.get(client, "/publications/2026-10/").body).contains("month"))
            let csv = try await browser.get(client, "/publications/2026-10/indicators.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
        }
    }

    @Test func nothingOutsideTheOutputFolderIsServed() async throws {
        let (root, output) = try Self.makeOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let bed = try WebTestBed(output: output.path)
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let attempts = [
                "/publications/../secret.txt", "/publications/..%2fsecret.txt", "/publications/%2e%2e/secret.txt",
                "/publications/%2E%2E%2Fsecret.html", "/publications/2026-10/../../secret.html", "/publications/escape.html",
                "/publications/up/secret.html", "/publications/up/", "/publications/.hidden.html",
                "/publications/%00", "/publications/2026-10%5C..%5C..%5Csecret.html", "/publications/empty/",
                "/publications/nonexistent.html", "/publications/2026-10/indicators.csv%00.html",
            ]
            for path in attempts {
                let response = try await browser.get(client, path)
                #expect(response.status != .ok, "\(path) must not be served")
                #expect(!String(buffer: response.body).contains("SECRET"), "\(path) leaked the file outside")
            }
        }
    }

    @Test func rolesWithoutThePermissionAreRefused() async throws {
        let (root, output) = try Self.makeOutput()
        defer { try? FileManager.default.removeItem(at: root) }
        let bed = try WebTestBed(output: output.path)
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .auditAdministrator))
            #expect(try await browser.get(client, "/publications/").status == .forbidden)
        }
    }
}
