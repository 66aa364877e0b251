import Dispatch
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

extension PostgresSession {
    /// Appends `rows` to `table` with `COPY … FROM STDIN` (text format) inside the session's
    /// transaction: one statement however many rows, streamed in 64 KiB messages, so a department's
    /// list of a million rows loads in seconds and rolls back with the transaction if anything fails.
    ///
    /// `table` and `columns` are the store's own names, never input. Values are written as COPY's
    /// text format reads them back: `\N` for NULL, integers in decimal, text with backslash, tab,
    /// newline and carriage return escaped, bytes as `\\x` and hex.
    @discardableResult
    func append<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws -> Int where Rows.Element == [SQLValue] {
        let source = UncheckedBox(rows.makeIterator())
        let connection = self.connection, logger = self.logger
        do {
            return try CallingThreadExecutor.run {
                var count = 0
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(Self.copyMessage + 4096)
                    while let row = source.value.next() {
                        Self.writeCopyLine(row, to: &buffer)
                        count += 1
                        if buffer.readableBytes >= Self.copyMessage {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
                return count
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.postgres(address, PostgresFailure(error))
        }
    }

    /// Bytes of COPY data sent per message.
    private static let copyMessage = 1 << 16

    /// One row in COPY's text format: columns separated by tabs, ended by a newline.
    static func writeCopyLine(_ row: [SQLValue], to buffer: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: buffer.writeStaticString("\\N")
            case .integer(let n): buffer.writeString(String(n))
            case .real(let d): buffer.writeString(String(d))
            case .text(let s): writeEscaped(s, to: &buffer)
            case .blob(let d):
                buffer.writeStaticString("\\\\x")
                for byte in d {
                    buffer.writeInteger(hexDigits[Int(byte >> 4)])
                    buffer.writeInteger(hexDigits[Int(byte & 0x0F)])
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Text with the four bytes COPY's text format gives a meaning escaped; every other byte as it is
    /// (UTF-8 continuation bytes are never ASCII, so a character is never split).
    private static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() {
                let escape: UInt8
                switch byte {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<i]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escape)
                start = i + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
    }
}

/// A value handed to work that `CallingThreadExecutor.run` runs while its owner waits: only one
/// thread touches it at a time, which the compiler cannot see.
private final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Runs async work to its end on the thread that asks for it, which waits anyway.
///
/// The store's API is synchronous and its callers wait for each statement (PostgresConnections).
/// postgres-nio's COPY is async only; handing it to Swift's cooperative pool and blocking this thread
/// on a semaphore would deadlock when every pool thread is itself a caller waiting so (two cores: two
/// pool threads). As the task's preferred executor, this thread runs the task's jobs itself until the
/// task ends; the event loops only wake it.
private final class CallingThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let jobs = NIOLockedValueBox<(queue: [UnownedJob], finished: Bool)>(([], false))
    private let wake = DispatchSemaphore(value: 0)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLockedValue { $0.queue.append(job) }
        wake.signal()
    }

    private func finish() {
        jobs.withLockedValue { $0.finished = true }
        wake.signal()
    }

    static func run<T>(_ work: @escaping () async throws -> T) throws -> T {
        let executor = CallingThreadExecutor()
        let box = UncheckedBox<(work: () async throws -> T, result: Result<T, any Error>?)>((work, nil))
        Task.detached(executorPreference: executor) {
            let result: Result<T, any Error>
            do { result = .success(try await box.value.work()) } catch { result = .failure(error) }
            box.value.result = result
            executor.finish()
        }
        while true {
            executor.wake.wait()
            let (ready, finished) = executor.jobs.withLockedValue { state in
                defer { state.queue.removeAll() }
                return (state.queue, state.finished)
            }
            for job in ready { job.runSynchronously(on: executor.asUnownedTaskExecutor()) }
            if finished, let result = box.value.result { return try result.get() }
        }
    }
}
