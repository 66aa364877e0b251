import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresNIO

/// The PostgreSQL store's import sink: a table's records are streamed with `COPY … FROM STDIN` into
/// a staging table of the transaction (no constraints, the table's column types), then
///
///     INSERT INTO t SELECT … FROM stage ON CONFLICT (key) DO NOTHING     -- inserted
///     UPDATE t SET … FROM stage WHERE key matches AND a value IS DISTINCT FROM   -- updated
///
/// which counts what SQLite's row-by-row INSERT OR IGNORE / UPDATE … IS NOT counts: the import log
/// holds the same numbers from either database. The staging table is dropped at once (and at the
/// end of the transaction in any case); it has its own name, so it shadows nothing.
struct PostgresImportSink: ImportSink {
    let session: PostgresSession
    /// Bytes per COPY message: large enough that the messages cost nothing, small enough to stream.
    static let chunk = 1 << 20
    static let stage = "gongkai_import_stage"

    func upsert<R: ImportRecord>(_ records: [R]) throws -> (inserted: Int, updated: Int) {
        let all = R.keyColumns + R.valueColumns
        let columns = all.joined(separator: ", ")
        try session.execute("CREATE TEMP TABLE \(Self.stage) ON COMMIT DROP AS SELECT \(columns) FROM \(R.table) WITH NO DATA", [])
        try copy(records, columns: all)
        let inserted = try session.execute("""
            INSERT INTO \(R.table) (\(columns)) SELECT \(columns) FROM \(Self.stage)
            ON CONFLICT (\(R.keyColumns.joined(separator: ", "))) DO NOTHING
            """, [])
        let updated = try session.execute("""
            UPDATE \(R.table) AS t SET \(R.valueColumns.map { "\($0) = s.\($0)" }.joined(separator: ", "))
            FROM \(Self.stage) AS s
            WHERE \(R.keyColumns.map { "t.\($0) = s.\($0)" }.joined(separator: " AND "))
              AND (\(R.valueColumns.map { "t.\($0) IS DISTINCT FROM s.\($0)" }.joined(separator: " OR ")))
            """, [])
        try session.execute("DROP TABLE \(Self.stage)", [])
        return (inserted, updated)
    }

    /// Sends the records in COPY's text format, in chunks encoded before the copy starts (the copy
    /// runs as a task on the connection's event loop, which must not wait on this thread).
    private func copy<R: ImportRecord>(_ records: [R], columns: [String]) throws {
        var chunks: [ByteBuffer] = []
        var buffer = ByteBuffer()
        buffer.reserveCapacity(Self.chunk + 4096)
        for r in records {
            var first = true
            for value in r.keyValues + r.otherValues {
                if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
                first = false
                Self.write(value, to: &buffer)
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            if buffer.readableBytes >= Self.chunk {
                chunks.append(buffer)
                buffer = ByteBuffer()
                buffer.reserveCapacity(Self.chunk + 4096)
            }
        }
        if buffer.readableBytes > 0 { chunks.append(buffer) }
        let connection = session.connection, logger = session.logger
        let stage = Self.stage
        let loop = connection.eventLoop
        let done = loop.makePromise(of: Void.self)
        let sendable = chunks
        Task(executorPreference: EventLoopTaskExecutor(loop)) {
            do {
                try await connection.copyFrom(table: stage, columns: columns, logger: logger) { writer in
                    for chunk in sendable { try await writer.write(chunk) }
                }
                done.succeed(())
            } catch {
                done.fail(error)
            }
        }
        do { try done.futureResult.wait() } catch {
            throw StoreError.postgres(session.address, PostgresFailure(error))
        }
    }

    /// One value in COPY's text format: `\N` for NULL; in text, backslash, tab, line feed and carriage
    /// return escaped (the import refuses other control characters); bytes as `\\x` and hex digits.
    static func write(_ value: SQLValue, to buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let n): buffer.writeString(String(n))
        case .real(let d): buffer.writeString(String(d))
        case .text(let s):
            var s = s
            s.withUTF8 { bytes in
                for b in bytes {
                    switch b {
                    case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                    case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                    case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                    default: buffer.writeInteger(b)
                    }
                }
            }
        case .blob(let d):
            buffer.writeStaticString("\\\\x")
            let hex = Array("0123456789abcdef".utf8)
            for b in d { buffer.writeInteger(hex[Int(b >> 4)]); buffer.writeInteger(hex[Int(b & 15)]) }
        }
    }
}

/// Runs a task's jobs on one NIO event loop, so a synchronous caller may wait for an async
/// postgres-nio call (`copyFrom`) without needing a thread of Swift's cooperative pool, which that
/// caller may itself be occupying.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop
    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
