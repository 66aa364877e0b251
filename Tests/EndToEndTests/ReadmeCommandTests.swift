import Foundation
import OfficeTools
import Testing

/// The README's commands run as written on the demo: `tools/demo.sh` (what `make demo` runs) makes a
/// demo in a fresh folder with this build's binary, and every ```sh block of README.md then runs
/// there, in order, each command line after the `export` line the demo printed — as a newcomer would
/// paste them.
///
/// A block that cannot run on the demo as it stands (`make`, a server that runs until stopped, a
/// workbook the demo does not have) is marked for readers and for this test by the line
/// `<!-- illustrative -->` just above its opening fence. A command line exits 0, or the status its
/// comment names (`exit 3 when …`). Lines ending in `\` continue on the next.
@Suite struct ReadmeCommandTests {
    static let marker = "<!-- illustrative -->"

    struct Block {
        let firstLine: Int
        let commands: [(line: Int, text: String)]
    }

    /// The README's runnable ```sh blocks, their commands joined across `\` continuations.
    static func runnableBlocks(_ readme: String) -> (run: [Block], illustrative: Int) {
        let lines = readme.components(separatedBy: "\n")
        var blocks: [Block] = []
        var illustrative = 0
        var index = 0
        while index < lines.count {
            guard lines[index].trimmingCharacters(in: .whitespaces) == "```sh" else { index += 1; continue }
            let previous = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            let start = index + 1
            var commands: [(Int, String)] = []
            var pending: (Int, String)?
            index += 1
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" {
                let text = lines[index]
                if let open = pending {
                    pending = (open.0, open.1 + "\n" + text)
                } else if !text.trimmingCharacters(in: .whitespaces).isEmpty, !text.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                    pending = (index + 1, text)
                }
                if let open = pending, !text.hasSuffix("\\") { commands.append(open); pending = nil }
                index += 1
            }
            if previous.trimmingCharacters(in: .whitespaces) == marker { illustrative += 1 } else { blocks.append(Block(firstLine: start, commands: commands)) }
            index += 1
        }
        return (blocks, illustrative)
    }

    /// The status a command line may end with: 0, or the N of `exit N` in its comment.
    static func expectedStatus(_ command: String) -> Int32 {
        guard let comment = command.range(of: "#"),
              let match = command[comment.upperBound...].firstMatch(of: /exit ([0-9]+)/) else { return 0 }
        return Int32(match.1) ?? 0
    }

    @Test func theMarkerAndTheExitRuleAreRead() {
        let readme = """
        ```sh
        gongkai status    # what it holds
        gongkai check --month 2026-10   # exit 3 when any
        gongkai publish --month 2026-10 \\
            --channel print
        ```
        \(Self.marker)
        ```sh
        make demo
        ```
        """
        let (run, illustrative) = Self.runnableBlocks(readme)
        #expect(illustrative == 1)
        #expect(run.count == 1)
        #expect(run.first?.commands.map { $0.line } == [2, 3, 4])
        #expect(run.first?.commands.last?.text == "gongkai publish --month 2026-10 \\\n    --channel print")
        #expect(Self.expectedStatus("gongkai check --month 2026-10   # exit 3 when any") == 3)
        #expect(Self.expectedStatus("gongkai status") == 0)
    }

    @Test func theReadmesCommandsRunOnTheDemo() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var environment = Binary.environment()
        for name in ["GONGKAI_IDENTITY_KEY", "GONGKAI_DB", "GONGKAI_KEY", "GONGKAI_TEMPLATES"] { environment[name] = nil }
        environment["DEMO_HOUSEHOLDS"] = "300"
        let demo = try await ChildProcess.run("/bin/bash", [Binary.packageRoot.appendingPathComponent("tools/demo.sh").path, Binary.path, "2026-10"],
                                              in: dir, environment: environment)
        let demoOutput = String(decoding: demo.stdout + demo.stderr, as: UTF8.self)
        #expect(demo.status == 0, "\(demoOutput)")
        let export = try #require(demoOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("export PATH=") }, "the demo prints no export line: \(demoOutput)")
        for name in ["GONGKAI_DB=", "GONGKAI_IDENTITY_KEY=", "GONGKAI_KEY="] { #expect(export.contains(name), "\(export)") }

        let readme = try String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let (blocks, _) = Self.runnableBlocks(readme)
        #expect(blocks.count >= 2, "the month's job and the backup run on the demo")
        var ran = 0
        for block in blocks {
            for (line, command) in block.commands {
                let result = try await ChildProcess.run("/bin/bash", ["-o", "pipefail", "-c", export + "\n" + command],
                                                        in: dir, environment: environment)
                ran += 1
                #expect(result.status == Self.expectedStatus(command),
                        "README.md:\(line): \(command)\n\(String(decoding: result.stdout + result.stderr, as: UTF8.self).suffix(2000))")
            }
        }
        #expect(ran >= 8)
    }
}
