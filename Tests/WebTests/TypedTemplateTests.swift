import Foundation
import Mustache
import Testing
@testable import Web

/// The byte-level escaper and the typed row templates of issue 28: the same bytes swift-mustache
/// gives, and refusals at start for a template the type cannot fill.
@Suite struct TypedTemplateTests {
    @Test func everySpecialCharacterIsEscapedAndEverythingElseKept() {
        #expect(HTMLEscaping.escaped("<") == "&lt;")
        #expect(HTMLEscaping.escaped(">") == "&gt;")
        #expect(HTMLEscaping.escaped("&") == "&amp;")
        #expect(HTMLEscaping.escaped("\"") == "&quot;")
        #expect(HTMLEscaping.escaped("'") == "&#39;")
        #expect(HTMLEscaping.escaped("") == "")
        #expect(HTMLEscaping.escaped("<script>alert('x')</script> & \"q\"")
            == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        // CJK, full-width look-alikes (＜＞＆ are not markup), emoji and a zero-width joiner pass as they are.
        for kept in ["低保金未到账", "欧阳春燕·买买提", "＜＞＆＂＇", "👨‍👩‍👧", "a\u{200D}b", "\t\n\r /=`"] {
            #expect(HTMLEscaping.escaped(kept) == kept, "\(kept)")
        }
        #expect(HTMLEscaping.escaped("三营镇<b>&</b>") == "三营镇&lt;b&gt;&amp;&lt;/b&gt;")
    }

    /// Bytes that are not UTF-8 never reach the escaper as such: a Swift string made from them holds
    /// U+FFFD instead, and the markup characters beside them are still escaped.
    @Test func invalidSequencesArriveRepairedAndStillEscaped() {
        let broken = String(decoding: [0xFF, 0x3C, 0xE4, 0xBD, 0x26, 0xC0, 0xAF, 0x22], as: UTF8.self)
        let escaped = HTMLEscaping.escaped(broken)
        #expect(escaped == "\u{FFFD}&lt;\u{FFFD}&amp;\u{FFFD}\u{FFFD}&quot;")
        #expect(!escaped.contains("<") && !escaped.contains("\"") && !escaped.contains("&\u{FFFD}"))
    }

    /// A quote followed by a combining mark is one `Character` that swift-mustache's table does not
    /// hold, so it leaves that quote raw; the byte escaper escapes every quote byte.
    @Test func aCombiningMarkCannotHideAQuote() {
        #expect(HTMLEscaping.escaped("\"\u{0301}") == "&quot;\u{0301}")
        #expect(HTMLEscaping.escaped("<\u{20D2}'") == "&lt;\u{20D2}&#39;")
    }

    struct Item: Sendable {
        var name: String
        var note: String
        var flagged: Bool
    }

    static let fields: [String: TypedTemplate<Item>.Field] = [
        "name": .text { $0.name }, "note": .text { $0.note }, "flagged": .flag { $0.flagged },
    ]

    static func render(_ source: String, _ item: Item) throws -> String {
        let template = try TypedTemplate(source, file: "t.mustache", fields: fields)
        var bytes: [UInt8] = []
        template.render(item, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func mustache(_ source: String, _ item: Item) throws -> String {
        var view: [String: Any] = ["name": item.name, "flagged": item.flagged]
        if !item.note.isEmpty { view["note"] = item.note }
        return try MustacheTemplate(string: source).render(view)
    }

    /// The same template and values through swift-mustache and the typed renderer: the same bytes,
    /// for text that needs escaping, sections, inverted sections, raw values and standalone lines.
    @Test func rendersTheBytesMustacheRenders() throws {
        let sources = [
            "<tr><td>{{name}}</td><td>{{#note}}<span title=\"{{note}}\">{{note}}</span>{{/note}}</td></tr>\n",
            "{{! a comment alone on its line }}\n<li>{{name}}{{#flagged}}（超期）{{/flagged}}{{^flagged}}—{{/flagged}}</li>\n",
            "  {{#flagged}}\n  <b>{{{name}}}</b>\n  {{/flagged}}\n{{^note}}无{{/note}} {{& name}}\n",
            "{{ name }}|{{#note}}\n{{note}}\n{{/note}}|",
            "\r\n{{!c}}\r\n{{name}}",
        ]
        var random = SplitMix(seed: 28)
        let alphabet = Array("<>&\"' 低保金三营镇abc\n·…") + ["\u{FFFD}"]
        for source in sources {
            for _ in 0..<40 {
                func text() -> String { String((0..<random.next(upTo: 12)).map { _ in alphabet[random.next(upTo: alphabet.count)] }) }
                let item = Item(name: text(), note: text(), flagged: random.next(upTo: 2) == 1)
                #expect(try Self.render(source, item) == Self.mustache(source, item), "\(source) \(item)")
            }
        }
    }

    @Test func aTemplateTheTypeCannotFillIsRefusedAtStartNamingTheFile() {
        let cases: [(String, String)] = [
            ("<td>{{nmae}}</td>", "uses {{nmae}}"),
            ("{{#flagged}}x", "does not close {{#flagged}}"),
            ("{{#flagged}}x{{/note}}", "closes {{/note}}"),
            ("x{{/name}}", "closes {{/name}}"),
            ("{{> header}}", "values, sections and comments only"),
            ("{{=<% %>=}}", "values, sections and comments only"),
            ("<td>{{name</td>", "never closed"),
        ]
        for (source, words) in cases {
            do {
                _ = try Self.render(source, Item(name: "", note: "", flagged: false))
                Issue.record("\(source) was accepted")
            } catch {
                #expect("\(error)".contains("t.mustache") && "\(error)".contains(words), "\(source): \(error)")
            }
        }
    }

    struct Chart: Sendable {
        var name: String
        var points: [Point]
        struct Point: Sendable { var x: String; var y: String }
    }

    static let chartFields: [String: TypedTemplate<Chart>.Field] = [
        "name": .text { $0.name },
        "points": .list({ $0.points }, ["x": .text { $0.x }, "y": .text { $0.y }]),
    ]

    /// A list section (the dashboard's sparkline segments and dots) repeats its inside once per
    /// element, with the element's values, and its inverted form shows for an empty list: the bytes
    /// swift-mustache gives for an array of dictionaries.
    @Test func aListRepeatsItsSectionAsMustacheDoes() throws {
        let sources = [
            "<svg>{{#points}}<circle cx=\"{{x}}\" cy=\"{{y}}\"/>{{/points}}</svg>{{name}}\n",
            "{{name}}\n  {{#points}}\n  <li>{{x}},{{{y}}}</li>\n  {{/points}}\n{{^points}}无{{/points}}|",
            "{{#points}}{{#x}}[{{x}}]{{/x}}{{^y}}-{{/y}}{{/points}}",
        ]
        var random = SplitMix(seed: 31)
        let alphabet = Array("<>&\"' 1.5低保\n")
        for source in sources {
            let template = try TypedTemplate(source, file: "chart.mustache", fields: Self.chartFields)
            for _ in 0..<40 {
                func text() -> String { String((0..<random.next(upTo: 6)).map { _ in alphabet[random.next(upTo: alphabet.count)] }) }
                let chart = Chart(name: text(), points: (0..<random.next(upTo: 4)).map { _ in .init(x: text(), y: text()) })
                var bytes: [UInt8] = []
                template.render(chart, into: &bytes)
                var points: [[String: Any]] = []
                for point in chart.points {
                    var element: [String: Any] = [:]
                    if !point.x.isEmpty { element["x"] = point.x }
                    if !point.y.isEmpty { element["y"] = point.y }
                    points.append(element)
                }
                let expected = try MustacheTemplate(string: source).render(["name": chart.name, "points": points] as [String: Any])
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(source) \(chart)")
            }
        }
    }

    /// Inside a list only the element's names may be used, a list is never shown as a value, and a
    /// list left open is refused — all at start, naming the file.
    @Test func aListTheTemplateMisusesIsRefusedAtStart() {
        let cases: [(String, String)] = [
            ("{{#points}}{{name}}{{/points}}", "uses {{name}}"),
            ("<p>{{points}}</p>", "is a list"),
            ("{{{points}}}", "is a list"),
            ("{{#points}}{{x}}", "does not close {{#points}}"),
            ("{{#points}}{{/x}}{{/points}}", "closes {{/x}}"),
        ]
        for (source, words) in cases {
            do {
                _ = try TypedTemplate(source, file: "chart.mustache", fields: Self.chartFields)
                Issue.record("\(source) was accepted")
            } catch {
                #expect("\(error)".contains("chart.mustache") && "\(error)".contains(words), "\(source): \(error)")
            }
        }
    }

    /// The shipped row template compiles against `QueueRow`; a copy naming a field it lacks stops
    /// the server's start with the file and the name.
    @Test func theShippedRowTemplateCompilesAndAMisspeltOneStopsTheStart() throws {
        let folder = URL(fileURLWithPath: WebTestBed.templates).appendingPathComponent("web")
        _ = try PageRenderer(directory: folder.path)
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("typed-template-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let row = copy.appendingPathComponent(PageRenderer.queueRowFile)
        try String(contentsOf: row, encoding: .utf8).replacingOccurrences(of: "{{township}}", with: "{{town}}")
            .write(to: row, atomically: true, encoding: .utf8)
        #expect(throws: WebSetupError.self) { try PageRenderer(directory: copy.path) }
        do {
            _ = try PageRenderer(directory: copy.path)
        } catch {
            #expect("\(error)".contains("complaint-row.mustache") && "\(error)".contains("{{town}}"))
        }
    }

    /// Every typed template shipped for the pages (issue 28) stops the server's start, naming its file
    /// and the name, when a copy misspells one of its names.
    @Test func eachShippedTypedTemplateMisspeltStopsTheStart() throws {
        let folder = URL(fileURLWithPath: WebTestBed.templates).appendingPathComponent("web")
        let cases = [("indicator-row.mustache", "{{targetY}}", "{{targetZ}}"), ("indicator-township-row.mustache", "{{missedNames}}", "{{missing}}"),
                     ("township-row.mustache", "{{yellow}}", "{{amber}}"), ("nav-link.mustache", "{{label}}", "{{lable}}"),
                     ("work-item.mustache", "{{count}}", "{{number}}"), ("option.mustache", "{{label}}", "{{text}}")]
        for (file, name, misspelt) in cases {
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("typed-template-\(UUID().uuidString)")
            try FileManager.default.copyItem(at: folder, to: copy)
            defer { try? FileManager.default.removeItem(at: copy) }
            let template = copy.appendingPathComponent(file)
            let text = try String(contentsOf: template, encoding: .utf8)
            #expect(text.contains(name), "\(file) uses \(name)")
            try text.replacingOccurrences(of: name, with: misspelt).write(to: template, atomically: true, encoding: .utf8)
            do {
                _ = try PageRenderer(directory: copy.path)
                Issue.record("\(file) with \(misspelt) was accepted")
            } catch {
                #expect("\(error)".contains(file) && "\(error)".contains(misspelt), "\(error)")
            }
        }
    }
}

/// A small seeded generator, so that a failing case can be run again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
