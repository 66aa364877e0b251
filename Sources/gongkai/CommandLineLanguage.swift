import ArgumentParser
import Foundation

/// The command line speaks Chinese: our own help and messages are written in it, and the words
/// ArgumentParser adds itself (section headings, "Missing expected argument …", "Error: ") are
/// translated here, the one place, before anything is printed. Command and flag names, codes and
/// paths stay as they are. A mistyped subcommand gets the nearest real one as a suggestion, and so
/// does a mistyped option that ArgumentParser itself does not name (see `suggestion`).
enum CommandLineLanguage {
    /// Fixed phrases, replaced wherever they occur.
    static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "简介："), ("USAGE: ", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
        ("SUBCOMMANDS:", "子命令："), ("Show the version.", "显示版本号。"), ("Show help information.", "显示帮助。"),
        ("Missing required subcommand.", "缺少子命令。"), ("(default)", "（默认）"),
        ("Show subcommand help information.", "显示子命令的帮助。"),
    ]

    /// Sentences with a variable part: a pattern and its Chinese template ($1, $2: the parts).
    static let sentences: [(NSRegularExpression, String)] = [
        (#"^Error: "#, "错误："),
        (#"Missing expected argument '([^']*)'"#, "缺少参数 $1"),
        (#"Missing one of: (.*)$"#, "缺少以下之一：$1"),
        (#"Unexpected argument '([^']*)'"#, "无法识别的参数 $1"),
        (#"(\d+) unexpected arguments: (.*)$"#, "$1 个无法识别的参数：$2"),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "未知选项 $1；是不是要用 $2？"),
        (#"Unknown option '([^']*)'"#, "未知选项 $1"),
        (#"Missing value for '([^']*)'"#, "选项 $1 缺少值"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "$2 的值 $1 无效"),
        (#"The value '([^']*)' is invalid\."#, "值 $1 无效。"),
        (#"\. Please provide one of the following:"#, "。可用的值："),
        (#"\. Please provide one of (.*)\.$"#, "。可用的值：$1。"),
        (#"' and '"#, "'、'"),
        (#"' or '"#, "' 或 '"),
        (#"Invalid option: (.*)$"#, "无效的选项：$1"),
        (#"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#, "选项 $1 不接受值，却给出了 $2。"),
        (#"^Help:  "#, "说明："),
        (#"^Usage: "#, "用法："),
        (#"See '([^']*)' for more information\."#, "详见 $1。"),
        (#"See '([^']*)' for detailed help\."#, "各子命令的详细说明：$1。"),
        (#"\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选值：$1；默认：$2）"),
        (#"\(values: ([^)]*)\)"#, "（可选值：$1）"),
        (#"\(default: ([^)]*)\)"#, "（默认：$1）"),
        (#"<subcommand>"#, "<子命令>"),
    ].compactMap { pattern, template in
        // The patterns are literals of this file; CommandLineLanguageTests sees each one's Chinese in the binary's output.
        (try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])).map { ($0, template) }
    }

    /// `text` with ArgumentParser's English replaced.
    static func chinese(_ text: String) -> String {
        var result = text
        for (english, chinese) in phrases { result = result.replacingOccurrences(of: english, with: chinese) }
        for (pattern, template) in sentences {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }

    /// "是不是要输入 gongkai publish？" for a word given where a subcommand was expected and close to one
    /// (at most two letters off); else "是不是要用 --month？" for a long option the command does not
    /// have and close to one it has; else nil.
    ///
    /// ArgumentParser suggests an option itself ("Did you mean …") only when nothing else is wrong: a
    /// mistyped *required* option (`publish --mont 2026-10`) is reported as missing, and the word
    /// typed is never named.
    static func suggestion(for arguments: [String], root: ParsableCommand.Type) -> String? {
        var command = root
        var path = [root.configuration.commandName ?? "gongkai"]
        for word in arguments where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { break }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let scored = subcommands.map { ($0._commandName, distance(word, $0._commandName)) }
            guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
            return "是不是要输入 \((path + [best.0]).joined(separator: " "))？"
        }
        let known = Set(root.usageString(for: command, includeHidden: true).matches(of: /--[a-z0-9][a-z0-9-]*/).map { String($0.output) })
            .union(["--help", "--version"])
        for word in arguments where word.hasPrefix("--") {
            let name = String(word.prefix { $0 != "=" })
            guard !known.contains(name),
                  let best = known.map({ ($0, distance(name, $0)) }).min(by: { $0.1 < $1.1 }), best.1 <= 2 else { continue }
            return "是不是要用 \(best.0)？"
        }
        return nil
    }

    /// Levenshtein distance between two words (a few letters long).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Gongkai {
    /// The entry point: ArgumentParser's own, with every word it prints itself in Chinese and a
    /// suggestion for a mistyped subcommand.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            var message = CommandLineLanguage.chinese(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
            } else {
                // ArgumentParser's own suggestion ("是不是要用 --channel？", translated) is not repeated.
                if !message.isEmpty, !message.contains("是不是要"), let hint = CommandLineLanguage.suggestion(for: Array(CommandLine.arguments.dropFirst()), root: Gongkai.self) {
                    message += "\n" + hint
                }
                // An ExitCode thrown after the command printed its own error carries no message.
                if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
