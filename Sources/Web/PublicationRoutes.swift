import Foundation
import Hummingbird

/// `GET /publications/…`: the published months from --output, read-only, for every role with
/// `viewPublications`.
///
/// Only files inside the output folder are served: each path segment is decoded and refused if it is
/// empty, "." or "..", starts with a dot, or holds a slash, a backslash or a NUL; the file's real path
/// (symbolic links resolved) must still lie inside the folder's real path; only regular files of the
/// kinds `publish` writes are sent. A folder is served as its index.html (the archive's, a month's),
/// never as a listing.
enum PublicationRoutes {
    static let prefix = "/publications"

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        let handler: @Sendable (Request, WebContext) async throws -> Response = { request, _ in
            try serve(request.uri.path, root: environment.configuration.outputDirectory)
        }
        return [
            WebRoute(.get, prefix, .permission(.viewPublications), summary: "the archive of published months (output/index.html)",
                     example: prefix + "/", handler: handler),
            WebRoute(.get, prefix + "/**", .permission(.viewPublications), summary: "a published file, read-only from --output",
                     example: prefix + "/index.html", handler: handler),
        ]
    }

    /// Media types of the files `publish` writes; anything else is not served.
    static let mediaTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "pdf": "application/pdf", "csv": "text/csv; charset=utf-8",
        "json": "application/json", "sig": "application/octet-stream", "pem": "application/x-pem-file",
        "svg": "image/svg+xml", "css": "text/css; charset=utf-8", "png": "image/png", "txt": "text/plain; charset=utf-8",
    ]

    /// Published HTML pages carry their stylesheet inline (they are self-contained files), so their
    /// policy allows inline styles; scripts stay forbidden.
    static let publishedPagePolicy =
        "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

    static func serve(_ path: String, root: String) throws -> Response {
        guard path == prefix || path.hasPrefix(prefix + "/") else { throw WebError.notFound }
        let rest = path.dropFirst(prefix.count)
        if rest.isEmpty { return .seeOther(prefix + "/") }
        var segments: [String] = []
        for raw in rest.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            if raw.isEmpty { continue }
            guard let segment = raw.removingPercentEncoding, isSafe(segment) else { throw WebError.notFound }
            segments.append(segment)
        }
        guard let rootReal = realPath(root) else { throw WebError(.notFound, "尚无已公布的月份。") }
        var candidate = ([rootReal] + segments).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { throw WebError.notFound }
        if isDirectory.boolValue {
            // A folder's relative links need its address to end with "/".
            guard path.hasSuffix("/") else { return .seeOther(path + "/") }
            candidate += "/index.html"
        }
        guard let real = realPath(candidate), real.hasPrefix(rootReal + "/") else { throw WebError.notFound }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { throw WebError.notFound }
        let ext = (real as NSString).pathExtension.lowercased()
        guard let type = mediaTypes[ext], let data = FileManager.default.contents(atPath: real) else { throw WebError.notFound }
        var headers: HTTPFields = [.contentType: type]
        if ext == "html" { headers[.contentSecurityPolicy] = publishedPagePolicy }
        if ext == "csv" || ext == "json" || ext == "sig" || ext == "pem" {
            headers[.contentDisposition] = "inline"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func isSafe(_ segment: String) -> Bool {
        !segment.isEmpty && segment != "." && segment != ".." && !segment.hasPrefix(".")
            && !segment.contains("/") && !segment.contains("\\") && !segment.contains("\0")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
