import Foundation
import Testing
@testable import Web

/// The small multipart/form-data parser behind attachments (issue 13, item 4).
@Suite struct MultipartFormTests {
    static func body(_ parts: [(String, String?, [UInt8])], boundary: String = "XyZ", end: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, filename, content) in parts {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"".utf8)
            if let filename { bytes += Array("; filename=\"\(filename)\"\r\nContent-Type: text/plain".utf8) }
            bytes += Array("\r\n\r\n".utf8) + content + Array("\r\n".utf8)
        }
        if end { bytes += Array("--\(boundary)--\r\n".utf8) }
        return bytes
    }

    @Test func fieldsAndFilesAreRead() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x0D, 0x0A, 0x2D, 0x2D]  // CRLF-- inside the file
        let form = try #require(MultipartForm(Self.body([("csrf_token", nil, Array("abc".utf8)), ("file", "照片;1.png", png)]), boundary: "XyZ"))
        #expect(form.text("csrf_token") == "abc")
        #expect(form.part("file")?.filename == "照片;1.png" && form.part("file")?.content == png)
        #expect(form.part("csrf_token")?.filename == nil)
    }

    @Test func theBoundaryComesFromTheContentType() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=----WebKit123") == "----WebKit123")
        #expect(MultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(MultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
    }

    @Test func malformedBodiesAreRefusedNotTrapped() {
        let good = Self.body([("file", "a.pdf", Array("%PDF-1.4".utf8))])
        #expect(MultipartForm(good, boundary: "XyZ") != nil)
        #expect(MultipartForm(Self.body([("file", "a.pdf", [1, 2])], end: false), boundary: "XyZ") == nil, "no closing delimiter")
        #expect(MultipartForm(Array(good.dropFirst()), boundary: "XyZ") == nil)
        #expect(MultipartForm(good, boundary: "Other") == nil)
        #expect(MultipartForm([], boundary: "XyZ") == nil)
        #expect(MultipartForm(Array("--XyZ".utf8), boundary: "XyZ") == nil)
        #expect(MultipartForm(Array("--XyZ\r\n\r\n\r\nx\r\n--XyZ--".utf8), boundary: "XyZ") == nil, "no Content-Disposition")
        let many = Self.body((0...MultipartForm.maximumParts).map { ("f\($0)", nil, [0x41]) })
        #expect(MultipartForm(many, boundary: "XyZ") == nil, "too many parts")
        let longHeader = Array("--XyZ\r\nContent-Disposition: form-data; name=\"\(String(repeating: "n", count: 3000))\"\r\n\r\nx\r\n--XyZ--".utf8)
        #expect(MultipartForm(longHeader, boundary: "XyZ") == nil, "headers over the limit")
        for cut in stride(from: 0, to: good.count, by: 3) {
            _ = MultipartForm(Array(good.prefix(cut)), boundary: "XyZ")  // every truncation parses or is refused
        }
    }

    @Test func quotedParametersKeepTheirSemicolonsAndEscapes() {
        let parameters = MultipartForm.parameters(#" form-data; name="file"; filename="a\"b;c.pdf""#)
        #expect(parameters.map(\.key) == ["form-data", "name", "filename"])
        #expect(parameters.last?.value == "a\"b;c.pdf")
    }
}
