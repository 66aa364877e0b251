import Foundation
import OfficeTools
import Testing

/// The body of every PDF is set in 仿宋 where one is installed (FandolFang, from texlive-lang-chinese,
/// which `make deps` installs), else in the fallback of templates/page.toml's chain; the PDF's Creator
/// says which face it was. Both branches are checked: whichever this machine has (run the suite with
/// FONTCONFIG_FILE naming a configuration that adds the Fandol folder to try the other).
@Suite(.serialized) struct BodyFaceTests {
    /// The body face this machine has: FandolFang when fontconfig finds it, else Noto Serif CJK SC,
    /// with the name pdffonts shows for its regular weight.
    static func installedFace() async throws -> (family: String, fontName: String) {
        let fangsong = try await ExternalTool.run("/usr/bin/fc-list", [":family=FandolFang", "family"]).output
        return fangsong.isEmpty ? ("Noto Serif CJK SC", "NotoSerifCJKsc-Regular") : ("FandolFang", "FandolFang-Regular")
    }

    @Test func theBodyFaceIsTheInstalledFangsongAndThePDFSaysWhich() async throws {
        let (face, fontName) = try await Self.installedFace()
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--households", "100", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let pdf = dir.appendingPathComponent("output/2026-10/notice-dibao.pdf").path
        let fonts = try await ExternalTool.run("/usr/bin/pdffonts", [pdf]).output
        let info = try await ExternalTool.run("/usr/bin/pdfinfo", [pdf]).output
        #expect(info.contains("gongkai（正文字体：\(face)）"), "\(info)")
        #expect(fonts.contains(fontName), "\(fonts)")
        // Every PDF of the month, not only the notice.
        let month = dir.appendingPathComponent("output/2026-10")
        let pdfs = PublishCommandTests.files(in: month).keys.filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count >= 5)
        for path in pdfs {
            #expect(try await ExternalTool.run("/usr/bin/pdffonts", [month.path + path]).output.contains(fontName), "\(path)")
        }
    }
}
