import Foundation

/// Runs a program and waits for it without holding a thread of Swift's cooperative pool.
///
/// Why: every test of the suite runs in one process, on a cooperative pool as wide as the machine
/// has cores (two on CI). A test that blocks one of those threads in `waitUntilExit` while a browser
/// check runs for minutes, and a second that does the same, stop every other task of the process —
/// among them the handlers of the live server that LiveServerTests talks to over a socket, whose
/// client gave up after 20 s (`readTimeout`, CI of stop 19). Here the pipes are read and the exit is
/// awaited on Dispatch's threads, and the caller is resumed when all three are done.
///
/// Once waiting no longer holds a thread, nothing would stop the suite from starting every test's
/// programs at once (dozens of `gongkai` runs, LibreOffice, two browsers) on two cores, and the
/// checks that wait on a clock (a browser's page load, curl's 20 s) would fail from the crowd. So at
/// most `slots` programs run at a time; the others wait for a turn, also without a thread.
public enum ChildProcess {
    /// What becomes of the program's standard error.
    public enum StandardError: Sendable { case separate, merged, discarded }

    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: Data
        /// Ended by a signal (a trap is SIGILL or SIGTRAP); `status` is then the signal number.
        public let signalled: Bool
    }

    /// Runs `executable arguments…` in `directory` with `environment` (the test process's own when
    /// nil), writes `stdin` to it and closes its input (so a program that reads standard input sees
    /// the end instead of waiting), and returns what it printed and how it ended.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil, stdin: Data = Data(),
                           standardError: StandardError = .separate) async throws -> Outcome {
        await turns.take()
        defer { Task { await turns.give() } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        switch standardError {
        case .separate: process.standardError = err
        case .merged: process.standardError = out
        case .discarded: process.standardError = FileHandle.nullDevice
        }
        process.standardInput = input

        let collected = Collected()
        let group = DispatchGroup()
        group.enter()
        process.terminationHandler = { _ in group.leave() }
        try process.run()
        // Written and read on their own threads, so that a child filling one pipe while we wait on
        // another cannot deadlock.
        group.enter()
        DispatchQueue.global().async {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            collected.set(stdout: out.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        if standardError == .separate {
            group.enter()
            DispatchQueue.global().async {
                collected.set(stderr: err.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { done.resume() }
        }
        // Our ends of the pipes, closed now: Foundation keeps a finished Process (and the pipes it
        // holds) alive, and 500 odd-district seeds ran the test process out of descriptors (20,000)
        // until a spawn hung in Foundation's process monitor.
        for handle in [out.fileHandleForReading, err.fileHandleForReading, out.fileHandleForWriting,
                       err.fileHandleForWriting, input.fileHandleForReading] {
            try? handle.close()
        }
        return Outcome(status: process.terminationStatus, stdout: collected.stdout, stderr: collected.stderr,
                       signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Waits for a program a test started itself (to signal it or read it as it runs) to end,
    /// looking every 10 ms instead of blocking a thread.
    public static func exit(of process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
    }

    /// Twice the cores: a long browser check may hold a turn for minutes while short runs go on.
    static let slots = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
    private static let turns = Turns(slots)

    /// A counting semaphore whose waiters suspend, in the order they came.
    private actor Turns {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []
        init(_ count: Int) { free = count }
        func take() async {
            if free > 0 { free -= 1; return }
            await withCheckedContinuation { waiting.append($0) }
        }
        func give() {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
    }

    /// The two outputs, filled on Dispatch's threads and read after they are done.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(stdout data: Data) { lock.withLock { out = data } }
        func set(stderr data: Data) { lock.withLock { err = data } }
        var stdout: Data { lock.withLock { out } }
        var stderr: Data { lock.withLock { err } }
    }
}
