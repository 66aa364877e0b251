import Document
import GongkaiCore
import Indicators
import Store

/// The appendices: how every indicator is defined, and which data the report was computed from, so
/// a reader can recompute a figure or check that the data has not changed since.
extension EvaluationReport {
    static func methodologyAppendix(_ r: IndicatorReader) -> [Block] {
        let catalog = r.inputs.catalog
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: "附录")),
            .heading(Heading(level: 2, text: "指标口径")),
            .paragraph(Paragraph("本报告指标按指标定义文件（版本\(catalog.version)）计算。比率指标在乡镇、项目和全区各层级均由分子、分母"
                + "汇总后重新计算，不对下级比率求平均；数值在印出时按规定位数四舍五入。")),
        ]
        for d in catalog.definitions {
            blocks.append(.heading(Heading(level: 3, segments: [d.name, "（\(d.nameEnglish)）"])))
            blocks.append(fields([("定义", d.definition)]))
            blocks.append(fields([("分子", d.numeratorText)] + (d.denominatorText.map { [("分母", $0)] } ?? [])))
            blocks.append(fields([("单位", d.unitLabel), ("方向", directionText(d.direction)), ("目标与预警", thresholdsText(d)),
                                  ("适用项目", programmesText(d.programmes)),
                                  ("数据来源", d.sources.joined(separator: "、")), ("指标代码", d.id)]))
        }
        return blocks
    }

    /// "定义：……" as an unindented paragraph with each field name in bold; several fields share a
    /// paragraph, so the appendix stays a few pages long.
    static func fields(_ items: [(name: String, text: String)]) -> Block {
        .paragraph(Paragraph(runs: items.enumerated().flatMap { i, item in
            [Run((i == 0 ? "" : "；") + item.name + "：", emphasis: true), Run(item.text)]
        } + (items.last?.text.hasSuffix("。") == true ? [] : [Run("。")]), indent: false))
    }

    /// "各项目及全部项目" when an indicator is reported for every programme, else the short names.
    static func programmesText(_ codes: [String]) -> String {
        if Set(codes).isSuperset(of: Programme.allCases.map(\.code)) { return "各救助项目及全部项目" }
        return codes.map { $0 == "all" ? "全部项目" : Programme(rawValue: $0)?.shortName ?? $0 }.joined(separator: "、")
    }

    /// The import kinds as a Chinese reader names them; an unknown kind prints as its code.
    static func kindName(_ kind: String) -> String {
        let names = ["households": "家庭", "enrolments": "救助对象", "payments": "资金发放", "services": "服务",
                     "staff": "工作人员", "matches": "数据比对", "complaints": "投诉举报"]
        return names[kind] ?? kind
    }

    static func directionText(_ direction: IndicatorDefinition.Direction) -> String {
        switch direction {
        case .higher: "越高越好"
        case .lower: "越低越好"
        case .none: "只作监测，不设方向"
        }
    }

    /// "目标≥98，预警≥95；特困目标≥99" — the general thresholds and each programme's own.
    static func thresholdsText(_ d: IndicatorDefinition) -> String {
        guard d.direction != .none else { return "不设" }
        func text(_ t: IndicatorDefinition.Thresholds) -> String {
            "目标" + IndicatorReader.bound(d, t.target) + (t.warning.map { "，预警" + IndicatorReader.bound(d, $0) } ?? "")
        }
        let own = d.thresholdsByProgramme.sorted { $0.key < $1.key }.map { code, t in
            (Programme(rawValue: code)?.shortName ?? code) + text(t)
        }
        let parts = (d.thresholds.map { [text($0)] } ?? []) + own
        return parts.isEmpty ? "不设" : parts.joined(separator: "；")
    }

    static func dataAppendix(_ r: IndicatorReader) -> [Block] {
        let data = r.inputs.data
        var importRows: [TableRow] = []
        for entry in data.imports {
            importRows.append(.group("第\(entry.importID)次导入　\(entry.importedAt)　\(entry.source)"))
            importRows += entry.files.map { f in
                .body([Cell(kindName(f.kind)), Cell(f.fileName), countCell(f.rowsRead), countCell(f.rowsInserted), countCell(f.rowsUpdated),
                       Cell(String(f.sha256.prefix(12)))])
            }
        }
        return [
            .heading(Heading(level: 2, text: "数据说明")),
            .paragraph(Paragraph("本报告的数据来自下列导入的数据文件（导入时间为协调世界时）。每个文件以其SHA-256摘要标识，此处列出摘要前12位。")),
            .table(Table(name: "imports", caption: "使用的数据导入",
                         columns: [Column(title: "数据类别", width: 1.3), Column(title: "文件", width: 1.9),
                                   numberColumn("读入行数"), numberColumn("新增", width: 0.8), numberColumn("更新", width: 0.8),
                                   Column(title: "SHA-256前12位", width: 1.9, digests: true)],
                         rows: importRows)),
            .table(Table(name: "row-counts", caption: "数据库各类记录行数",
                         columns: [Column(title: "数据类别", width: 2), numberColumn("行数")],
                         rows: data.rowCounts.map { .body([Cell(kindName($0.kind)), countCell($0.rows)]) })),
            fields([("数据指纹", data.dataFingerprint)]),
            fields([("指标定义", "版本\(data.definitionsVersion)，SHA-256 \(data.definitionsSHA256)")]),
            fields([("模板", "SHA-256 \(data.templatesSHA256)")]),
            .paragraph(Paragraph("核验方法：运行 gongkai verify output/\(r.inputs.month.description)，程序重新计算数据指纹和"
                + "各输出文件的SHA-256并与发布清单核对；全部一致，说明本报告所用数据和文件在发布后未被改动。")),
        ]
    }
}
