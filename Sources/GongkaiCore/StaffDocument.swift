/// The words every staff-only document of data matching carries (the verifiers' worksheets and each
/// finding's 核查单): they name persons and what a department said about them, and must never be
/// published. The publication guard refuses any file whose text holds them, whatever else it holds.
public enum StaffDocument {
    public static let marker = "内部核查材料·不得公开"

    /// Whether `text` carries the marker (spaces and line breaks a PDF's extraction adds are ignored).
    public static func isMarked(_ text: String) -> Bool {
        guard text.contains("内部核查") || text.contains("不得公开") else { return false }
        return text.filter { !$0.isWhitespace }.contains(marker)
    }
}
