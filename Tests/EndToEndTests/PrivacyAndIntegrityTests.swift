import Foundation
import Testing

/// Issue 10 through the built binary: personal values typed the way a careless clerk types them never
/// reach a public file, place names cannot make paths, and `verify` trusts nothing it did not write.
@Suite(.serialized) struct PrivacyAndIntegrityTests {
    /// A small demo store with one planted household (PL0001) whose village is `village`, and one
    /// hotline caller 王小二 (a person who is not a household head).
    static func store(in dir: URL, village: String = "三营村", headName: String = "阿依古丽·买买提",
                      category: String = "一类") async throws -> Binary.Result {
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.sqlite").path) {
            let demo = try await Binary.run(["demo", "--households", "120", "--db", "s.sqlite", "--out", "data"], in: dir)
            #expect(demo.status == 0, "\(demo.stderr)")
        }
        let planted = dir.appendingPathComponent("planted")
        try FileManager.default.createDirectory(at: planted, withIntermediateDirectories: true)
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        PL0001,三营镇,"\(village)",\(headName),640402199001010038,13700001234,2,农村
        """.write(to: planted.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,"\(category)",2,1090.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: planted.appendingPathComponent("enrolments.csv"), atomically: true, encoding: .utf8)
        try """
        编号,受理时间,渠道,类型,类别,涉及项目,涉及户编号,乡镇,内容,来电人,来电号码,匿名,办结时间,满意度
        TS-202609-0901,2026-09-03 10:00,监督电话,投诉,应保未保,dibao,PL0001,三营镇,反映情况,王小二,13909541234,否,,
        """.write(to: planted.appendingPathComponent("complaints.csv"), atomically: true, encoding: .utf8)
        return try await Binary.run(["import", "planted", "--db", "s.sqlite"], in: dir)
    }

    static func nothingPublished(_ dir: URL) -> Bool {
        let output = dir.appendingPathComponent("output")
        return ((try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []).filter { $0 != ".DS_Store" }.isEmpty
    }

    /// Values planted in a village name, which the notices print: each is refused by the guard, which
    /// names the file and the kind and never the value, and nothing is published.
    @Test func carelessValuesInFreeTextAreCaught() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planted: [(village: String, kind: String)] = [
            ("联系640402 19800101 0017村", "身份证号"),                 // spaces
            ("联系640402-19800101-0017村", "身份证号"),                 // dashes
            ("联系６４０４０２１９８００１０１００１７村", "身份证号"),     // full-width digits
            ("联系6404021980\u{200B}01010017村", "身份证号"),           // a zero-width space
            ("电话138-0000-1234村", "手机号"),
            ("电话138 0000 1234村", "手机号"),
            ("电话+8613800001234村", "手机号"),
            ("电话１３８００００１２３４村", "手机号"),
            ("卡号6222.0212.3456.7894村", "银行卡号"),            // grouped with dots
            ("王小二家村", "姓名（来电人）"),                    // a caller, not a household head
        ]
        var caught = 0
        for (village, kind) in planted {
            let imported = try await Self.store(in: dir, village: village)
            #expect(imported.status == 0, "\(imported.stderr)")
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
            #expect(result.status != 0, "\(village) was published")
            #expect(result.stderr.contains("（户编号 PL0001），“村（社区）”栏含有\(kind)"), "\(village): \(result.stderr)")
            #expect(Self.nothingPublished(dir), "\(village): something is left in output/")
            if result.status != 0 && result.stderr.contains(kind) { caught += 1 }
        }
        #expect(caught == planted.count)
    }

    /// Issue 21: the 12 forms that reached notice-*.html/.pdf past the old guard on a 300-household demo,
    /// each planted in the village and in the category, and the 6 spellings of a head's name in another
    /// field. Each is refused before anything is typeset, naming file, table, row, household, field and
    /// kind, never the value; nothing is left in output/ or output.staging/.
    @Test func everyFormThatLeakedIsRefusedInEveryField() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let forms: [(String, String)] = [
            ("640402 750316 124", "身份证号"), ("640402××××××××1235", "身份证号"), ("640402xxxxxxxx1236", "身份证号"),
            ("640402  19800101  0017", "身份证号"), ("640402，19800101，0017", "身份证号"), ("(0954)1234567", "固定电话"),
            ("0954-2031234", "固定电话"), ("139  0954  1237", "手机号"), ("1390 9541 238", "手机号"),
            ("(139)0954-1239", "手机号"), ("(139)9540-1234", "手机号"), ("6222  0212  3456  7894", "银行卡号"),
        ]
        let names = ["阿依古丽•买买提", "阿依古丽.买买提", "阿依古丽・买买提", "阿依古丽･买买提", "阿依古丽-买买提", "阿依古丽买买提"]
        var planted = 0, caught = 0
        func publishRefused(_ what: String, field: String, kind: String) async throws {
            planted += 1
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
            let located = result.stderr.contains("notice-dibao.pdf / notice-dibao.html：表“")
                && result.stderr.contains("（户编号 PL0001），“\(field)”栏含有\(kind)")
            #expect(result.status == 1 && located, "\(what) in \(field): \(result.stderr)")
            #expect(!result.stderr.contains(what) && !result.stderr.contains("0954-2031234"), "\(result.stderr)")
            #expect(Self.nothingPublished(dir) && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("output.staging/2026-10").path))
            if result.status == 1 && located { caught += 1 }
        }
        for (form, kind) in forms {
            #expect(try await Self.store(in: dir, village: "联系\(form)村").status == 0)
            try await publishRefused(form, field: "村（社区）", kind: kind)
            #expect(try await Self.store(in: dir, category: "一类\(form)").status == 0)
            try await publishRefused(form, field: "类别", kind: kind)
        }
        for name in names {
            #expect(try await Self.store(in: dir, village: "\(name)家").status == 0)
            try await publishRefused(name, field: "村（社区）", kind: "姓名（户主）")
        }
        print("guard plants through the binary: \(planted) planted, \(caught) caught")
        #expect(caught == planted)

        // The same 12 forms in a supersede reason, which lands in manifest.json and the archive page.
        #expect(try await Self.store(in: dir).status == 0)
        #expect(try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir).status == 0)
        #expect(try await Self.store(in: dir, category: "二类").status == 0)
        for (form, kind) in forms {
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--supersede",
                                               "--reason", "更正\(form)的金额"], in: dir)
            #expect(result.status == 1 && result.stderr.contains("--reason 的更正理由含有\(kind)"), "\(form): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/2026-10/r2").path))
        }
    }

    /// The --supersede --reason text lands in manifest.json: it is checked before anything is done.
    @Test func aSupersedeReasonIsCheckedLikeEveryPublicText() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Self.store(in: dir).status == 0)
        #expect(try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir).status == 0)
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,一类,2,1200.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: dir.appendingPathComponent("planted/enrolments.csv"), atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "planted/enrolments.csv", "--db", "s.sqlite"], in: dir).status == 0)
        for reason in ["更正640402199001010038的金额", "应13700001234来电更正", "更正阿依古丽·买买提的金额"] {
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--supersede", "--reason", reason], in: dir)
            #expect(result.status != 0, "published with the reason \(reason)")
            #expect(result.stderr.contains("--reason 的更正理由含有"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/2026-10/r2").path))
        }
        let fine = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--supersede", "--reason", "更正1户保障金额"], in: dir)
        #expect(fine.status == 0, "\(fine.stderr)")
        // r2 withholds at least what r1 withheld (the complaints did not change).
        func withheld(_ path: String) throws -> Set<String> {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(path))) as? [String: Any]
            return Set(json?["withheld"] as? [String] ?? [])
        }
        let r1 = try withheld("output/2026-10/manifest.json"), r2 = try withheld("output/2026-10/r2/manifest.json")
        #expect(!r1.isEmpty && r1.isSubset(of: r2))
    }

    /// A name typed with a space or an invisible character inside would be masked as 李*万 (the whole
    /// name): refused at the door with its line.
    @Test(arguments: ["李 万", "李\t万", "李\u{3000}万", "李\u{200B}万"])
    func namesWithSpacesInsideAreRefusedAtImport(name: String) async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await Self.store(in: dir, headName: name)
        #expect(result.status != 0)
        #expect(result.stderr.contains("households.csv:2: 户主姓名:"), "\(result.stderr)")
    }

    /// A township is one of templates/townships.toml; per-township folders are named by code.
    @Test(arguments: ["../../escape", "a/b", String(repeating: "很长的乡镇名", count: 60), ".."])
    func townshipsThatCouldMakeAPathAreRefused(township: String) async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H1,"\(township)",某村,张三,640402199001010038,,2,农村
        """.write(to: dir.appendingPathComponent("in/households.csv"), atomically: true, encoding: .utf8)
        let result = try await Binary.run(["import", "in", "--db", "s.sqlite"], in: dir)
        #expect(result.status != 0)
        // A name longer than any township's is refused by the column's limit (50) before it is looked up.
        let reason = township.count > 50 ? "过长（\(township.count) 字，最多 50 字）" : "templates/townships.toml"
        #expect(result.stderr.contains("households.csv:2: 乡镇:") && result.stderr.contains(reason), "\(result.stderr)")
        let escaped = dir.deletingLastPathComponent().appendingPathComponent("escape")
        #expect(!FileManager.default.fileExists(atPath: escaped.path))
    }

    /// verify passes an untouched release and refuses each way of tampering with one.
    @Test func verifyTrustsNothingItDidNotWrite() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Self.store(in: dir).status == 0)
        #expect(try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--split", "township"], in: dir).status == 0)
        let fm = FileManager.default
        let original = dir.appendingPathComponent("output/2026-10")
        #expect(fm.fileExists(atPath: original.appendingPathComponent("640402101/notice-dibao.pdf").path))
        #expect(try await Binary.run(["verify", "output/2026-10", "--db", "s.sqlite"], in: dir).status == 0)

        let tampers: [(String, (URL) throws -> Void)] = [
            ("an added page with a script", { try "<script>alert(1)</script>".write(to: $0.appendingPathComponent("extra.html"), atomically: true, encoding: .utf8) }),
            ("an added .htaccess", { try "Redirect / http://x".write(to: $0.appendingPathComponent(".htaccess"), atomically: true, encoding: .utf8) }),
            ("an added folder with a PDF", { url in
                try fm.createDirectory(at: url.appendingPathComponent("sub"), withIntermediateDirectories: true)
                try Data("%PDF-1.4".utf8).write(to: url.appendingPathComponent("sub/evil.pdf"))
            }),
            ("an edited manifest title", { url in
                let path = url.appendingPathComponent("manifest.json")
                let text = try String(contentsOf: path, encoding: .utf8)
                try text.replacingOccurrences(of: "社会救助信息公开目录", with: "社会救助信息公开目录（已核准）").write(to: path, atomically: true, encoding: .utf8)
            }),
            ("a reformatted manifest", { url in
                let path = url.appendingPathComponent("manifest.json")
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: path))
                try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: path)
            }),
            ("a file swapped for a symbolic link to the same bytes", { url in
                let file = url.appendingPathComponent("notice-dibao.pdf"), copy = url.deletingLastPathComponent().appendingPathComponent("copy.pdf")
                try fm.copyItem(at: file, to: copy)
                try fm.removeItem(at: file)
                try fm.createSymbolicLink(at: file, withDestinationURL: copy)
            }),
            ("a per-township folder swapped for a link", { url in
                let folder = url.appendingPathComponent("640402101"), moved = url.deletingLastPathComponent().appendingPathComponent("moved")
                try fm.moveItem(at: folder, to: moved)
                try fm.createSymbolicLink(at: folder, withDestinationURL: moved)
            }),
        ]
        var refused = 0
        for (k, (name, tamper)) in tampers.enumerated() {
            let copy = dir.appendingPathComponent("case\(k)/2026-10")
            try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: original, to: copy)
            try tamper(copy)
            let result = try await Binary.run(["verify", "case\(k)/2026-10", "--db", "s.sqlite"], in: dir)
            #expect(result.status != 0, "verify passed \(name)")
            if result.status != 0 { refused += 1 }
        }
        #expect(refused == tampers.count)
    }
}
