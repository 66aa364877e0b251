import Foundation
import GongkaiCore
import Testing

/// Where the templates are when nothing names them: a checkout's ./templates first, then the
/// templates `make install` put beside the binary (PREFIX/share/gongkai/templates).
@Suite struct TemplateFolderTests {
    @Test func aCheckoutsTemplatesComeFirst() {
        let folder = TemplateFile.defaultFolder(executable: URL(fileURLWithPath: "/usr/local/bin/gongkai")) { _ in true }
        #expect(folder == "templates")
    }

    @Test func theInstalledTemplatesAreFoundBesideTheBinary() {
        var asked: [String] = []
        let folder = TemplateFile.defaultFolder(executable: URL(fileURLWithPath: "/opt/office/bin/gongkai")) { path in
            asked.append(path)
            return path == "/opt/office/share/gongkai/templates"
        }
        #expect(folder == "/opt/office/share/gongkai/templates")
        #expect(asked == ["templates", "/opt/office/share/gongkai/templates"])
    }

    @Test func withNeitherTheMissingLocalFolderIsReported() {
        #expect(TemplateFile.defaultFolder(executable: URL(fileURLWithPath: "/usr/local/bin/gongkai")) { _ in false } == "templates")
        #expect(TemplateFile.defaultFolder(executable: nil) { _ in false } == "templates")
    }
}
