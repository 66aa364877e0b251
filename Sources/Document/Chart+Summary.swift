extension Chart {
    /// One sentence per series, so the chart can be understood without seeing it: the PDF's Figure
    /// /Alt text (and the same words the HTML's SVG `<desc>` gives).
    public var summary: String {
        series.map { series in
            series.name + "：" + zip(categories, series.values)
                .map { "\($0) \(label($1))\(unit)" }.joined(separator: "，")
        }.joined(separator: "；") + (target.map { "；\($0.label)" } ?? "") + "。"
    }
}
