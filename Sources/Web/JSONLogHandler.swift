import Foundation
import Logging

/// `gongkai serve --log-format json`: one JSON object a line on standard error, for a log shipper.
///
/// Fields: `time` (UTC, milliseconds), `level`, `message`, `label`, and those of the metadata that
/// are named below — the request's id, route, method, status, duration, account id and listener, and the few
/// keys the application's own log lines use. Any other metadata key is dropped rather than
/// trusted: a line never carries a caller's name or phone, a form field or a password, whatever a
/// library later adds to its metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let write: @Sendable (String) -> Void

    /// Metadata keys written, under their JSON names.
    static let fields: [String: String] = [
        "hb.request.id": "request_id", "route": "route", "method": "method", "status": "status",
        "duration_ms": "duration_ms", "actor_id": "actor_id", "listener": "listener",
        // The application's own lines (login, CSRF, sessions, the sweep, failures).
        "path": "path", "reason": "reason", "source": "source", "user": "user", "action": "action",
        "complaints": "complaints", "error": "error",
    ]

    public init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [
            "time": Self.timestamp(Date()), "level": event.level.rawValue, "message": "\(event.message)", "label": label,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            if let name = Self.fields[key] { object[name] = "\(value)" }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    /// ISO 8601 in UTC with milliseconds, as log shippers parse it.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }

    /// Writes one line to standard error at once (a single write, so lines of concurrent requests
    /// never interleave).
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
