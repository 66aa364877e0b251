/// The few numbers a reader should see first (households covered, money paid, complaints closed on
/// time). Values arrive pre-formatted: the renderer never rounds or formats money.
public struct KeyFigures: Sendable, Codable, Equatable {
    public var items: [KeyFigure]

    public init(items: [KeyFigure]) { self.items = items }
}

public struct KeyFigure: Sendable, Codable, Equatable {
    public var label: String
    public var value: String
    public var unit: String
    /// The change against the previous period, as it should be printed ("+12", "−0.5%").
    public var change: String?
    public var status: FigureStatus

    public init(label: String, value: String, unit: String = "", change: String? = nil,
                status: FigureStatus = .neutral) {
        self.label = label
        self.value = value
        self.unit = unit
        self.change = change
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case label, value, unit, change, status }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        value = try c.decode(String.self, forKey: .value)
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        change = try c.decodeIfPresent(String.self, forKey: .change)
        status = try c.decodeIfPresent(FigureStatus.self, forKey: .status) ?? .neutral
    }
}

/// Whether a figure meets its target, or only its warning level (预警: close to missing it); printed as a word as well as a colour so it survives greyscale.
public enum FigureStatus: String, Sendable, Codable, Equatable {
    case neutral, met, warning, notMet

    /// The word printed next to the figure.
    public var label: String {
        switch self {
        case .neutral: ""
        case .met: "达标"
        case .warning: "预警"
        case .notMet: "未达标"
        }
    }

    /// The colour a status word is printed in (both renderers; templates/html/style.css has the same):
    /// 达标 green, 预警 amber, 未达标 red, each dark enough to read on white.
    public var rgb: (red: Double, green: Double, blue: Double) {
        switch self {
        case .neutral: (0, 0, 0)
        case .met: (0.10, 0.45, 0.20)
        case .warning: (0.54, 0.34, 0)
        case .notMet: (0.75, 0.15, 0.10)
        }
    }
}
