import Foundation
import OfficeTools
import Testing

/// The words ArgumentParser prints itself come out in Chinese, and a mistyped subcommand gets the
/// nearest real one (issue 27: "Suggestions for mistyped subcommands and flags").
@Suite struct CommandLineLanguageTests {
    @Test func argumentParsersOwnWordsAreChinese() async throws {
        // `check` requires --month; `indicators` does too unless it rebuilds the aggregates, and says so itself.
        let missing = try await Binary.run(["check"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("错误：缺少参数 --month <YYYY-MM>\n说明：--month <YYYY-MM>"), "\(missing.stderr)")
        #expect(missing.stderr.contains("\n用法：gongkai check ") && missing.stderr.contains("详见 gongkai check --help。"))
        let noMonth = try await Binary.run(["indicators"])
        #expect(noMonth.status == 64)
        #expect(noMonth.stderr.hasPrefix("错误：请用 --month YYYY-MM 指定要计算的月份"), "\(noMonth.stderr)")
        #expect(noMonth.stderr.contains("\n用法：gongkai indicators ") && noMonth.stderr.contains("详见 gongkai indicators --help。"))
        let unknown = try await Binary.run(["status", "--formt", "json"])
        #expect(unknown.stderr.hasPrefix("错误：未知选项 --formt"), "\(unknown.stderr)")
        let invalid = try await Binary.run(["status", "--format", "xml"])
        #expect(invalid.stderr.contains("--format <format> 的值 xml 无效") && invalid.stderr.contains("可用的值："), "\(invalid.stderr)")
        let help = try await Binary.run(["calendar", "--help"])
        #expect(help.status == 0)
        for heading in ["简介：", "用法：gongkai calendar <子命令>", "选项：", "子命令：", "显示帮助。", "gongkai help calendar <子命令>"] {
            #expect(help.stdout.contains(heading), "\(heading) in \(help.stdout)")
        }
        for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "SUBCOMMANDS:", "Show help information", "for detailed help"] {
            #expect(!help.stdout.contains(english), "\(english) in \(help.stdout)")
        }
    }

    @Test func aMistypedSubcommandGetsTheNearestOne() async throws {
        let top = try await Binary.run(["publsh"])
        #expect(top.status == 64 && top.stderr.hasPrefix("错误：无法识别的参数 publsh"))
        #expect(top.stderr.hasSuffix("是不是要输入 gongkai publish？\n"), "\(top.stderr)")
        // With the month's flags after it, ArgumentParser objects to the flag first; the hint still comes.
        let withFlags = try await Binary.run(["publsh", "--month", "2026-10"])
        #expect(withFlags.stderr.hasSuffix("是不是要输入 gongkai publish？\n"), "\(withFlags.stderr)")
        let nested = try await Binary.run(["complaint", "acept", "TS-202610-0001"])
        #expect(nested.stderr.hasSuffix("是不是要输入 gongkai complaint accept？\n"), "\(nested.stderr)")
        let far = try await Binary.run(["frobnicate"])
        #expect(far.status == 64 && !far.stderr.contains("是不是要输入"), "no suggestion for a word close to none")
    }

    /// A mistyped option gets the nearest real one too: ArgumentParser's own suggestion, translated,
    /// and — where it reports a mistyped required option as missing — ours, naming the right flag once.
    @Test func aMistypedOptionGetsTheNearestOne() async throws {
        let optional = try await Binary.run(["status", "--fromat", "json"])
        #expect(optional.status == 64 && optional.stderr.hasPrefix("错误：未知选项 --fromat；是不是要用 --format？"), "\(optional.stderr)")
        #expect(optional.stderr.components(separatedBy: "是不是要").count == 2, "one suggestion: \(optional.stderr)")
        let required = try await Binary.run(["publish", "--mont", "2026-10"])
        #expect(required.status == 64 && required.stderr.hasPrefix("错误：缺少参数 --month"), "\(required.stderr)")
        #expect(required.stderr.hasSuffix("是不是要用 --month？\n"), "\(required.stderr)")
        let nested = try await Binary.run(["complaint", "accept", "TS-202610-0001", "--ass", "li.lei"])
        #expect(nested.stderr.contains("是不是要用 --as？"), "\(nested.stderr)")
        let far = try await Binary.run(["indicators", "--frobnicate", "2026-10"])
        #expect(far.status == 64 && !far.stderr.contains("是不是要"), "no suggestion for an option close to none: \(far.stderr)")
    }
}
