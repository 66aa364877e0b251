/// The eight assistance programmes of the "8+1" system (社会救助暂行办法 chapters 2–9).
public enum Programme: String, CaseIterable, Sendable, Codable, Comparable {
    case dibao, tekun, disaster, medical, education, housing, employment, temporary

    /// The full official name, used in notice titles.
    public var chineseName: String {
        switch self {
        case .dibao: "最低生活保障"
        case .tekun: "特困人员救助供养"
        case .disaster: "受灾人员救助"
        case .medical: "医疗救助"
        case .education: "教育救助"
        case .housing: "住房救助"
        case .employment: "就业救助"
        case .temporary: "临时救助"
        }
    }

    /// The short name used in tables and charts.
    public var shortName: String {
        switch self {
        case .dibao: "低保"
        case .tekun: "特困"
        case .disaster: "受灾救助"
        case .medical: "医疗救助"
        case .education: "教育救助"
        case .housing: "住房救助"
        case .employment: "就业救助"
        case .temporary: "临时救助"
        }
    }

    public var code: String { rawValue }

    /// Reads the code, the full Chinese name or the short name, as the CSV contract allows.
    public init?(parsing text: some StringProtocol) {
        let s = String(text.trimmingASCIIWhitespace())
        guard let p = Programme.byName[s] ?? Programme(rawValue: s.lowercased()) else { return nil }
        self = p
    }

    /// Every accepted spelling, looked up once per CSV cell.
    private static let byName: [String: Programme] = {
        var names: [String: Programme] = [:]
        for p in allCases { names[p.rawValue] = p; names[p.chineseName] = p; names[p.shortName] = p }
        return names
    }()

    /// Order of the statute's chapters (the order of `allCases`).
    public static func < (a: Programme, b: Programme) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// How an enrolment is paid: every month, or once.
public enum Frequency: String, Sendable, Codable {
    case monthly = "按月"
    case oneOff = "一次性"
}
