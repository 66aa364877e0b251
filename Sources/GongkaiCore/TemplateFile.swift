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
                             + "（否则取环境变量 GONGKAI_TEMPLATES，再否则 ./templates）；\(name) 随项目的 templates/ 提供")
        }
    }
}
