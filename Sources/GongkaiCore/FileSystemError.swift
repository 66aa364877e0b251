import Foundation

/// A file-system failure as one sentence for the office: what gongkai could not do, to which path,
/// why in plain words (the disk is full, the disk is read-only, permission denied, …) and what to do.
///
/// Publish, verify, render, demo and the desk report file problems through this one type, so a full
/// disk reads the same everywhere instead of as Foundation's NSCocoaErrorDomain text.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What gongkai was doing, as a verb phrase: "write", "create the folder", "move into place".
    public let action: String
    public let path: String
    public let reason: String
    public let remedy: String
    /// The POSIX error number behind it, when there is one (ENOSPC, EROFS, …).
    public let code: Int32?

    public init(action: String, path: String, reason: String, remedy: String, code: Int32? = nil) {
        self.action = action; self.path = path; self.reason = reason; self.remedy = remedy; self.code = code
    }

    public var description: String { "cannot \(action) \(path): \(reason); \(remedy)" }

    /// The sentence for a POSIX error number.
    public init(errno code: Int32, action: String, path: String) {
        let (reason, remedy) = Self.words(for: code)
        self.init(action: action, path: path, reason: reason, remedy: remedy, code: code)
    }

    /// The sentence for an error Foundation threw (CocoaError, POSIXError, NSError with an underlying
    /// POSIX error), or nil when `error` is not a file-system error.
    public init?(_ error: any Error, action: String, path: String) {
        if let known = error as? FileSystemError { self = known; return }
        guard let code = Self.posixCode(of: error) else { return nil }
        self.init(errno: code, action: action, path: path)
    }

    /// `path` is a symbolic link whose target does not exist (a moved or unmounted folder).
    public static func danglingLink(action: String, path: String, target: String) -> FileSystemError {
        FileSystemError(action: action, path: path, reason: "it is a symbolic link to \(target), which does not exist",
                        remedy: "create \(target) (or mount the disk it is on), or give another path", code: ENOENT)
    }

    /// Runs `body`, turning a file-system error it throws into the sentence for `action` on `path`;
    /// other errors pass through unchanged.
    public static func performing<T>(_ action: String, _ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            throw FileSystemError(error, action: action, path: path) ?? error
        }
    }

    private static func words(for code: Int32) -> (reason: String, remedy: String) {
        let retry = "and run the command again"
        switch code {
        case ENOSPC: return ("the disk is full", "free some space, or choose a folder on another disk, \(retry)")
        case EDQUOT: return ("this account's disk quota is used up", "free some space, or choose a folder on another disk, \(retry)")
        case EFBIG: return ("the file would be larger than this account or disk allows", "raise the file-size limit (ulimit -f) or choose another disk, \(retry)")
        case EROFS: return ("the disk is read-only", "choose a folder on a writable disk, or remount it writable, \(retry)")
        case EACCES, EPERM: return ("permission denied", "check who may write there (ls -ld), or choose another folder, \(retry)")
        case ENAMETOOLONG: return ("a name in the path is too long for the file system (at most 255 bytes per name)", "choose a shorter path \(retry)")
        case ENOENT: return ("a folder on the way does not exist", "create it, or check the path for a typing slip, \(retry)")
        case ENOTDIR: return ("a part of the path is a file, not a folder", "check the path, \(retry)")
        case EEXIST, ENOTEMPTY: return ("something else is already there", "move it away or choose another path, \(retry)")
        case EISDIR: return ("it is a folder, not a file", "give a file name, \(retry)")
        case EXDEV: return ("it is on a different disk from where it must go", "keep the output folder on the same disk as the folder that holds it, \(retry)")
        case ELOOP: return ("it goes through too many symbolic links (a loop?)", "check the links with ls -l, \(retry)")
        case EIO: return ("the disk reported a read or write error", "check the disk (dmesg, SMART) before trusting anything on it")
        case EMFILE, ENFILE: return ("too many files are open", "close other programs \(retry)")
        default: return (String(cString: strerror(code)), "check the path \(retry)")
        }
    }

    /// The errno inside an error from Foundation: a POSIXError, an NSError in NSPOSIXErrorDomain, or
    /// a CocoaError whose underlying error is one; else the CocoaError's own code, where it says.
    private static func posixCode(of error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: ns.code) }
        // The underlying error is an NSError on some platforms and a POSIXError value on others.
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error, let code = posixCode(of: underlying) {
            return code
        }
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileWriteFileExists: return EEXIST
        case .fileReadTooLarge: return EFBIG
        default: return nil
        }
    }
}
