import Foundation
import GongkaiCore

/// templates/policy.toml: the 办事指南 of each programme with a standard, printed on the month's
/// policy page — who may apply, what to bring, where, and each step's statutory time limit.
public struct PolicyGuides: Sendable, Equatable {
    public struct Guide: Sendable, Equatable {
        public let programme: Programme
        public let who: String
        public let materials: [String]
        public let place: String
        public let timeLimits: [String]
        public let basis: String
    }

    /// In the file's order.
    public let guides: [Guide]

    public static func load(templates: String) throws(InputError) -> PolicyGuides {
        let file = try TemplateFile.read("policy.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    /// Every text is required and non-empty; a programme is given at most once.
    public static func parse(_ text: String, file: String) throws(InputError) -> PolicyGuides {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            var guides: [Guide] = []
            for t in try root.tables("guide") {
                let code = try t.string("programme")
                guard let programme = Programme(rawValue: code) else {
                    throw TOMLError(line: t.line(of: "programme"), message: "'\(code)' 不是救助项目代码（dibao、tekun、temporary……）")
                }
                guard !guides.contains(where: { $0.programme == programme }) else {
                    throw TOMLError(line: t.line, message: "\(code) 的办事指南写了两次")
                }
                func text(_ key: String) throws(TOMLError) -> String {
                    let value = try t.string(key).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !value.isEmpty else { throw TOMLError(line: t.line(of: key), message: "'\(key)' 为空") }
                    return value
                }
                func list(_ key: String) throws(TOMLError) -> [String] {
                    let values = try t.strings(key)
                    guard !values.isEmpty, !values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                        throw TOMLError(line: t.line(of: key), message: "'\(key)' 须至少列出一项非空的文字")
                    }
                    return values
                }
                guides.append(Guide(programme: programme, who: try text("who"), materials: try list("materials"),
                                    place: try text("where"), timeLimits: try list("time_limits"), basis: try text("basis")))
            }
            return PolicyGuides(guides: guides)
        } catch {
            throw error.located(in: file)
        }
    }
}
