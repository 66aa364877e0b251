import Foundation

/// A file being written whose every write is checked. The first failure (a full disk, a read-only
/// disk, a file-size limit) is kept with its errno and thrown, naming the path, by `close()`, which
/// also flushes the data to the disk (fsync) and checks the close itself: nothing written through it
/// fails silently, as a buffered `FILE*` whose `fclose` nobody checks does.
public final class OutputFile {
    /// The path errors name: the file the user asked for, even while a temporary file is written.
    public let path: String
    private var descriptor: Int32
    private var failure: Int32?

    /// Opens `path` for writing, creating or truncating it (used as is for devices and tests;
    /// documents go through `atomically`).
    public convenience init(path: String) throws(FileSystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileSystemError(errno: errno, action: "写入", path: path) }
        self.init(descriptor: fd, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor; self.path = path
    }

    deinit { if descriptor >= 0 { _ = closeDescriptor(descriptor) } }

    /// Appends bytes; false once any write has failed (later writes are skipped, the first error kept).
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil, descriptor >= 0 else { return false }
        guard let base = bytes.baseAddress else { return true }
        var offset = 0
        while offset < bytes.count {
            let written = writeDescriptor(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                return false
            }
            offset += written
        }
        return true
    }

    @discardableResult
    public func append(_ data: Data) -> Bool { data.withUnsafeBytes { append($0) } }

    /// Flushes the data to the disk and closes the file; throws the first failure of a write, of
    /// fsync or of close. (fsync's EINVAL, "this kind of file cannot be synced", is not a failure.)
    public func close() throws(FileSystemError) {
        guard descriptor >= 0 else { return }
        if failure == nil, fsync(descriptor) != 0, errno != EINVAL { failure = errno }
        if closeDescriptor(descriptor) != 0, failure == nil { failure = errno }
        descriptor = -1
        if let failure { throw FileSystemError(errno: failure, action: "写入", path: path) }
    }

    /// Writes `path` through a temporary file in the same folder (so on the same disk), renamed into
    /// place only after `body` and `close()` succeeded: the path holds its old content or the whole
    /// new one, never part of it. On any failure the temporary file is removed and the error names
    /// `path`. The temporary name is short, so a long final name fails at the rename, as itself.
    /// `mode` is the new file's permission (before the umask): 0o600 for a file only its owner reads.
    @discardableResult
    public static func atomically<T>(_ path: String, mode: mode_t = 0o666, _ body: (OutputFile) throws -> T) throws -> T {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".gongkai-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).partial").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileSystemError(errno: errno, action: "写入", path: path) }
        let file = OutputFile(descriptor: fd, path: path)
        do {
            let result = try body(file)
            try file.close()
            guard rename(temporary, path) == 0 else { throw FileSystemError(errno: errno, action: "写入", path: path) }
            return result
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes `data` to `path` atomically, every write checked.
    public static func write(_ data: Data, to path: String) throws {
        try atomically(path) { file in file.append(data) }
    }
}

// The C calls, at file scope where the methods of the same name do not hide them.
private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
