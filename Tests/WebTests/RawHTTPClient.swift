import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 client whose socket is bound to a chosen source address (127.0.0.2) before it
/// connects, which URLSession and the test clients cannot do: the lockout test needs two client
/// addresses on one machine. One request per connection (Connection: close), read to the end. The
/// blocking socket calls run on NIO's thread pool, never on the cooperative pool.
struct RawHTTPClient {
    let source: String
    let port: Int

    struct Answer {
        let status: Int
        let head: String
        let body: String

        /// The first value of `name` (case-insensitive) in the head.
        func header(_ name: String) -> String? {
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
    }

    enum Failure: Error { case socket(String) }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async throws -> Answer {
        let request = ([ "\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close",
                         "Content-Length: \(body.utf8.count)"] + headers.map { "\($0.key): \($0.value)" })
            .joined(separator: "\r\n") + "\r\n\r\n" + body
        let (source, port) = (self.source, self.port)
        let raw = try await NIOThreadPool.singleton.runIfActive { try Self.exchange(Array(request.utf8), source: source, port: port) }
        let text = String(decoding: raw, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Answer(status: status, head: parts.first ?? "", body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    private static func exchange(_ request: [UInt8], source: String, port: Int) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket") }
        defer { close(fd) }
        func address(_ host: String, _ port: Int) -> sockaddr_in {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &a.sin_addr)
            return a
        }
        var local = address(source, 0), remote = address("127.0.0.1", port)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard withUnsafePointer(to: &local, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }) == 0 else {
            throw Failure.socket("bind \(source)")
        }
        guard withUnsafePointer(to: &remote, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, size) } }) == 0 else {
            throw Failure.socket("connect")
        }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.socket("write") }
            sent += n
        }
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { break }
            answer += buffer[..<n]
        }
        return answer
    }
}
