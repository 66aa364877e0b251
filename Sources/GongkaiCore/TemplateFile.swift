import Foundation

/// One file of the templates folder, read as UTF-8 text. Every settings file is read here, so a
/// missing or unreadable one gets the same located error: which file, why, and where the folder comes
/// from.
public enum TemplateFile {
    public static func read(_ name: String, in templates: String) throws(InputError) -> (text: String, path: String) {
        let path = (templates as NSString).appendingPathComponent(name)
        do {
            return (try String(contentsOfFile: path, encoding: .utf8), path)
        } catch {
            throw InputError(file: path, reason: "无法读取（\(FileSystemError(error, action: "读取", path: path)?.reason ?? error.localizedDescription)）：请检查 --templates "
                             + "（否则取环境变量 GONGKAI_TEMPLATES，再否则 ./templates，再否则\(installedFolder)）；\(name) 随项目的 templates/ 提供")
        }
    }

    /// Where `make install` puts the shipped templates, relative to the installed binary:
    /// PREFIX/bin/gongkai finds PREFIX/share/gongkai/templates, whatever PREFIX was.
    public static let installedFolder = "与已安装的 bin/gongkai 同级的 PREFIX/share/gongkai/templates"

    /// The templates folder when neither `--templates` nor `$GONGKAI_TEMPLATES` names one: ./templates
    /// when the current folder has one (a checkout of the project), else the installed templates
    /// beside `executable` when they exist, else "templates" (whose absence is then reported).
    public static func defaultFolder(executable: URL?, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String {
        if exists("templates") { return "templates" }
        if let executable {
            let installed = executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/gongkai/templates").path
            if exists(installed) { return installed }
        }
        return "templates"
    }
}
