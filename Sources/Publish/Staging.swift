import Dispatch
import Foundation
import GongkaiCore

/// The folder a release is rendered into before it is moved into place: `<output>.staging/` beside
/// the output folder, never inside it, so a web server that serves the output never shows a
/// half-rendered or unchecked month; and on the same disk, so the final move is one rename.
///
/// A run holds an exclusive lock (`flock`) on `<name>.lock` for as long as its folder `<name>/`
/// exists. A run that was killed leaves its folder behind but not its lock, which the kernel
/// releases with the process, so the next publish removes every folder whose lock it can take.
/// SIGINT and SIGTERM remove the folder and exit non-zero with a message.
final class Staging {
    /// Where this run renders its files.
    let directory: URL
    private let lock: Lock
    private var signalSources: [DispatchSourceSignal] = []

    /// The staging root for an output folder: its sibling `<name>.staging`, beside the real folder
    /// when `output` is a symbolic link.
    static func root(for output: URL) -> URL {
        let real = output.standardizedFileURL.resolvingSymlinksInPath()
        return real.deletingLastPathComponent().appendingPathComponent(real.lastPathComponent + ".staging")
    }

    /// Prepares `output` (created if missing), removes stale staging folders, and makes this run's
    /// folder, locked, with SIGINT and SIGTERM handled.
    init(output: URL, month: YearMonth) throws {
        try Self.prepare(output)
        let root = Self.root(for: output)
        try FileSystemError.performing("创建暂存文件夹", root.path) {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        Self.removeStale(in: root)
        Self.removeLegacy(in: output)
        let name = "\(month)-\(getpid())"
        directory = root.appendingPathComponent(name)
        lock = try Lock(path: root.appendingPathComponent(name + ".lock").path, folder: directory)
        do {
            try? FileManager.default.removeItem(at: directory)
            try FileSystemError.performing("创建暂存文件夹", directory.path) {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
            }
        } catch {
            lock.release()
            throw error
        }
        handleSignals()
    }

    /// Moves the rendered release to `target` with one rename: readers see the whole release or none.
    func move(to target: URL) throws {
        try lock.placing(target)
    }

    /// Removes what is left of the staging folder and its lock, and restores the default signal
    /// handling. The publisher calls it when it is done, whatever the outcome; safe to call twice.
    func discard() {
        for source in signalSources { source.cancel() }
        if !signalSources.isEmpty {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        signalSources = []
        lock.release()
    }

    /// SIGINT (Ctrl-C) and SIGTERM (a shutdown, `kill`) remove the staging folder, say what happened
    /// and exit with 128 + the signal's number, as a shell reports a signal. SIGKILL cannot be
    /// caught: the next publish removes what it left.
    private func handleSignals() {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            // A queue of its own (overcommitting): the handler runs even while rendering keeps every
            // thread of the global pool busy.
            let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "gongkai.staging.\(name)"))
            source.setEventHandler { [lock] in
                let message = lock.abandon().map {
                    "gongkai：新版本已放到 \($0.path) 后被 \(name) 中止；请再运行一次同样的发布命令，完成指标的记录"
                } ?? "gongkai：被 \(name) 中止；未完成的版本已删除，没有发布任何文件"
                FileHandle.standardError.write(Data((message + "\n").utf8))
                _exit(128 + number)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// The run's lock file and folder, shared with the signal handlers. One mutex orders the final
    /// rename, the cleanup at the end and a signal's cleanup, so a signal never removes a folder
    /// half-way through being moved, nor says "nothing was published" after the move.
    private final class Lock: @unchecked Sendable {
        let path: String
        let folder: URL
        private let mutex = NSLock()
        private var descriptor: Int32
        private var placed: URL?

        /// Creates and locks `path`, making sure the file locked is still the one at `path`: a stale
        /// sweep by another run may unlink it between our open and our lock.
        init(path: String, folder: URL) throws {
            self.path = path; self.folder = folder
            for _ in 0..<10 {
                let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw FileSystemError(errno: errno, action: "创建暂存锁", path: path) }
                var held = stat(), named = stat()
                if flock(fd, LOCK_EX | LOCK_NB) == 0, fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino {
                    descriptor = fd
                    return
                }
                close(fd)
            }
            throw FileSystemError(action: "锁定", path: path, reason: "另一个发布一直占用着它",
                                  remedy: "请等另一个发布结束后重新运行命令")
        }

        func placing(_ target: URL) throws {
            try mutex.withLock {
                guard rename(folder.path, target.path) == 0 else {
                    throw FileSystemError(errno: errno, action: "把新版本放到", path: target.path)
                }
                placed = target
            }
        }

        /// Removes the folder (unless it was moved into place) and the lock file, and unlocks.
        func release() {
            mutex.withLock { releaseLocked() }
        }

        /// For a signal: releases, and says where the release was placed, if it was. The mutex stays
        /// held: the process exits next, and no rename may start in between.
        func abandon() -> URL? {
            mutex.lock()
            releaseLocked()
            return placed
        }

        private func releaseLocked() {
            guard descriptor >= 0 else { return }
            // Renamed first, so that a file the renderer opens by path from now on fails instead of
            // landing in a folder being removed (or re-creating it).
            if placed == nil {
                let doomed = folder.path + ".removing"
                try? FileManager.default.removeItem(atPath: rename(folder.path, doomed) == 0 ? doomed : folder.path)
            }
            unlink(path)
            close(descriptor)
            descriptor = -1
        }
    }

    /// Creates the output folder when missing; a dangling symbolic link (a moved or unmounted web
    /// root) is said as such rather than as "file exists".
    private static func prepare(_ output: URL) throws {
        var link = stat(), target = stat()
        if lstat(output.path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK, stat(output.path, &target) != 0 {
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: output.path)) ?? "?"
            throw FileSystemError.danglingLink(action: "发布到", path: output.path, target: destination)
        }
        try FileSystemError.performing("创建输出文件夹", output.path) {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        }
    }

    /// Removes the folders of runs that are gone: those whose lock can be taken, and folders without
    /// a lock (a run creates its lock before its folder and removes it after).
    private static func removeStale(in root: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: root.path) else { return }
        for name in names where name.hasSuffix(".lock") {
            let path = root.appendingPathComponent(name).path
            let fd = open(path, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                try? fm.removeItem(at: root.appendingPathComponent(String(name.dropLast(".lock".count))))
                unlink(path)
            }
            close(fd)
        }
        for name in (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        where !name.hasSuffix(".lock") && !fm.fileExists(atPath: root.appendingPathComponent(name + ".lock").path) {
            try? fm.removeItem(at: root.appendingPathComponent(name))
        }
    }

    /// gongkai 0.1 staged in `output/.staging-<month>-<pid>/`, inside the served folder, and left it
    /// there when killed. Those of processes that no longer exist are removed.
    private static func removeLegacy(in output: URL) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: output.path)) ?? [] where name.hasPrefix(".staging-") {
            guard let pid = Int32(name.split(separator: "-").last ?? ""), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? fm.removeItem(at: output.appendingPathComponent(name))
        }
    }
}
