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

    public var description: String { "无法\(action) \(path)：\(reason)；\(remedy)" }

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
        FileSystemError(action: action, path: path, reason: "它是指向 \(target) 的符号链接，而 \(target) 不存在",
                        remedy: "请创建 \(target)（或挂载它所在的磁盘），或换一个路径", code: ENOENT)
    }

    /// Runs `body`, turning a file-system error it throws into the sentence for `action` on `path`;
    /// other errors pass through unchanged.
    public static func performing<T>(_ action: String, _ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            throw FileSystemError(error, action: action, path: path) ?? error
        }
    }

    private static func words(for code: Int32) -> (reason: String, remedy: String) {
        let retry = "然后重新运行命令"
        switch code {
        case ENOSPC: return ("磁盘已满", "请腾出空间，或选择其他磁盘上的文件夹，\(retry)")
        case EDQUOT: return ("当前账号的磁盘配额已用完", "请腾出空间，或选择其他磁盘上的文件夹，\(retry)")
        case EFBIG: return ("文件将超过当前账号或磁盘允许的大小", "请提高文件大小限制（ulimit -f）或选择其他磁盘，\(retry)")
        case EROFS: return ("磁盘是只读的", "请选择可写磁盘上的文件夹，或以可写方式重新挂载，\(retry)")
        case EACCES, EPERM: return ("没有权限", "请检查谁可以写入该位置（ls -ld），或选择其他文件夹，\(retry)")
        case ENAMETOOLONG: return ("路径中有名称超过文件系统的长度限制（每个名称最多 255 字节）", "请选择较短的路径，\(retry)")
        case ENOENT: return ("路径中的某个文件夹不存在", "请创建它，或检查路径是否输错，\(retry)")
        case ENOTDIR: return ("路径中的某一部分是文件而不是文件夹", "请检查路径，\(retry)")
        case EEXIST, ENOTEMPTY: return ("该位置已有其他文件", "请移走它或选择其他路径，\(retry)")
        case EISDIR: return ("它是文件夹而不是文件", "请给出文件名，\(retry)")
        case EXDEV: return ("它与目标位置不在同一磁盘上", "请让输出文件夹与其上级文件夹在同一磁盘上，\(retry)")
        case ELOOP: return ("经过的符号链接太多（是否成环？）", "请用 ls -l 检查链接，\(retry)")
        case EIO: return ("磁盘报告读写错误", "请先检查磁盘（dmesg、SMART），再信任其上的任何数据")
        case EMFILE, ENFILE: return ("打开的文件太多", "请关闭其他程序，\(retry)")
        default: return ("系统错误 \(code)（\(String(cString: strerror(code)))）", "请检查路径，\(retry)")
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
