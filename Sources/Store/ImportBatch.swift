import GongkaiCore

/// All the rows of one import, parsed, checked across files and against the store, then written.
struct ImportBatch {
    /// The district's townships: a township cell must name one (or give its code).
    let townships: Townships
    var files: [ImportKind: FileInfo] = [:]
    var households: [HouseholdRecord] = []
    var members: [MemberRecord] = []
    var enrolments: [EnrolmentRecord] = []
    var payments: [PaymentRecord] = []
    var services: [ServiceRecord] = []
    var staff: [StaffRecord] = []
    var matches: [MatchRecord] = []
    var complaints: [ComplaintLogRecord] = []

    /// Parses one data row of a table of `kind`; the row's errors collect in `reader` (valid rows are kept).
    mutating func add(_ row: SourceRow, kind: ImportKind, reader: inout FieldReader) {
        guard reader.start(row) else { return }
        switch kind {
        case .households: if let r = HouseholdRecord(&reader) { households.append(r) }
        case .members: if let r = MemberRecord(&reader) { members.append(r) }
        case .enrolments: if let r = EnrolmentRecord(&reader) { enrolments.append(r) }
        case .payments: if let r = PaymentRecord(&reader) { payments.append(r) }
        case .services: if let r = ServiceRecord(&reader) { services.append(r) }
        case .staff: if let r = StaffRecord(&reader) { staff.append(r) }
        case .matches: if let r = MatchRecord(&reader) { matches.append(r) }
        case .complaints: if let r = ComplaintLogRecord(&reader) { complaints.append(r) }
        }
    }

    /// Checks what no single row can: duplicate keys, references to households, overlapping enrolments.
    /// Every household the import may refer to, with its township: the store's, updated by this
    /// import's households.csv. Read once; validation and the township copies both use it.
    func householdTownships(in session: any SQLSession) throws -> [String: String] {
        var township: [String: String] = [:]
        for row in try session.rows("SELECT household_id, township FROM household") {
            let id: String = try row.required("household_id", key: "household")
            township[id] = try row.required("township", key: id)
        }
        for h in households { township[h.id] = h.township }
        return township
    }

    /// The name errors give a file of this import (the contract name when it was not imported).
    private func fileName(_ kind: ImportKind) -> String { files[kind]?.name ?? kind.fileName }

    func validate(against session: any SQLSession, households known: [String: String]) throws -> [InputError] {
        var errors: [InputError] = []
        errors += duplicates(households, kind: .households)
        errors += duplicates(members, kind: .members)
        errors += duplicates(enrolments, kind: .enrolments)
        errors += duplicates(payments, kind: .payments)
        errors += duplicates(services, kind: .services)
        errors += duplicates(staff, kind: .staff)
        errors += duplicates(matches, kind: .matches)
        errors += duplicates(complaints, kind: .complaints)

        func missing(_ id: String?, _ kind: ImportKind, _ line: Int, _ field: String) {
            guard let id, known[id] == nil else { return }
            errors.append(InputError(file: fileName(kind), line: line, field: field,
                                     reason: "户 '\(id)' 既不在数据库中，也不在 households.csv 中"))
        }
        let idField = "户编号"
        for r in members { missing(r.householdID, .members, r.line, idField) }
        for r in enrolments { missing(r.householdID, .enrolments, r.line, idField) }
        for r in payments { missing(r.householdID, .payments, r.line, idField) }
        for r in services { missing(r.householdID, .services, r.line, idField) }
        for r in matches { missing(r.householdID, .matches, r.line, idField) }
        for r in complaints { missing(r.householdID, .complaints, r.line, "涉及户编号") }
        if !enrolments.isEmpty { errors += try overlaps(session) }
        if !households.isEmpty { errors += try sharedHeads(session) }
        return errors
    }

    /// One person heads one household (精准识别): an ID number may be the head's of one household
    /// only, in the store as this import leaves it. Refused at the later line with both keys and
    /// both lines, or with the stored household's key when the other is not in this import. A
    /// person who really moved is fixed in the same import: the old household's row with its new head.
    private func sharedHeads(_ session: any SQLSession) throws -> [InputError] {
        let field = "户主身份证号"
        var head: [String: HouseholdRecord] = [:]
        var errors: [InputError] = []
        for h in households {
            guard let first = head[h.headID.value] else { head[h.headID.value] = h; continue }
            guard first.id != h.id else { continue }  // one key twice: refused as a duplicate key already
            errors.append(InputError(file: fileName(.households), line: h.line, field: field,
                                     reason: "同一身份证号出现在多户：本行户 \(h.id) 的户主身份证号与第 \(first.line) 行户 \(first.id) 的户主相同；一人只能是一户的户主，请核对这两行"))
        }
        let imported = Set(households.map(\.id))
        for row in try session.rows("SELECT household_id, head_id_number FROM household ORDER BY household_id") {
            let stored: String = try row.required("household_id", key: "household")
            guard !imported.contains(stored), let h = head[try row.required("head_id_number", key: stored) as String] else { continue }
            errors.append(InputError(file: fileName(.households), line: h.line, field: field,
                                     reason: "同一身份证号出现在多户：本行户 \(h.id) 的户主身份证号已是库中户 \(stored) 的户主；一人只能是一户的户主。如户主已迁入本户，请在本次导入中同时提供户 \(stored) 变更户主后的一行"))
        }
        return errors
    }

    private func duplicates<R: ImportRecord>(_ records: [R], kind: ImportKind) -> [InputError] {
        var firstLine: [[SQLValue]: Int] = [:]
        var errors: [InputError] = []
        for r in records {
            if let first = firstLine[r.keyValues] {
                errors.append(InputError(file: fileName(kind), line: r.line, field: nil,
                                         reason: "\(kind.keyDescription)与第 \(first) 行重复"))
            } else {
                firstLine[r.keyValues] = r.line
            }
        }
        return errors
    }

    /// One household must not hold two enrolments of one programme in the same month.
    private func overlaps(_ session: any SQLSession) throws -> [InputError] {
        struct Holding: Hashable { let household: String; let programme: String }
        struct Start: Hashable { let holding: Holding; let month: Int }
        struct Span { let start: Int; let months: Range<Int>; let line: Int? }
        var spans: [Holding: [Span]] = [:]
        let imported = Set(enrolments.map { Start(holding: Holding(household: $0.householdID, programme: $0.programme.code), month: $0.start.index) })
        let rows = try session.rows("""
            SELECT household_id, programme, start_month_index, stop_month_index, frequency FROM enrolment
            ORDER BY household_id, programme, start_month_index
            """)
        for row in rows {
            let household: String = try row.required("household_id", key: "enrolment")
            let holding = Holding(household: household, programme: try row.required("programme", key: household))
            let start: Int = try row.required("start_month_index", key: household)
            guard !imported.contains(Start(holding: holding, month: start)) else { continue }  // replaced by this import
            let months = EnrolmentRecord.months(start: start, stop: try row.checked("stop_month_index", key: household),
                                                oneOff: try row.checked("frequency", key: household) == "one_off")
            spans[holding, default: []].append(Span(start: start, months: months, line: nil))
        }
        for r in enrolments {
            spans[Holding(household: r.householdID, programme: r.programme.code), default: []]
                .append(Span(start: r.start.index, months: r.span, line: r.line))
        }
        var errors: [InputError] = []
        for (holding, list) in spans where list.count > 1 {
            let sorted = list.sorted { $0.start < $1.start }
            // Two imported rows with the same start are one duplicate, reported as such already;
            // two stored enrolments that overlap are not this import's doing.
            for (a, b) in zip(sorted, sorted.dropFirst())
            where a.months.overlaps(b.months) && !(a.line != nil && b.line != nil && a.start == b.start) {
                guard let line = b.line ?? a.line else { continue }
                let other = b.line == nil ? "数据库中已有的保障记录" : (a.line.map { "第 \($0) 行" } ?? "数据库中已有的保障记录")
                errors.append(InputError(file: fileName(.enrolments), line: line, field: "起始月份",
                                         reason: "户 \(holding.household) 在 \(YearMonth(index: b.start)) 已有 \(holding.programme) 保障记录（\(other)）"))
            }
        }
        return errors.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// Copies each household's township onto its enrolments and payments (the store's copy for
    /// households not in this import), as the schema requires. Runs after `validate`, which refuses
    /// a row whose household is unknown, so every lookup finds one.
    mutating func fillTownships(_ township: [String: String]) {
        for i in enrolments.indices { enrolments[i].township = township[enrolments[i].householdID] ?? "" }
        for i in payments.indices { payments[i].township = township[payments[i].householdID] ?? "" }
    }

    /// What the written rows mean for the indicators' aggregates: the months of the payments read
    /// when any payment was inserted or changed (none for files imported again unchanged), and
    /// whether any enrolment, service or household was.
    func aggregateChanges(_ results: [ImportSummary.FileResult]) -> IndicatorAggregates.Changes {
        func changed(_ kind: ImportKind) -> Bool { results.contains { $0.kind == kind && $0.inserted + $0.updated > 0 } }
        return IndicatorAggregates.Changes(paymentMonths: changed(.payments) ? Set(payments.map(\.month.index)) : [],
                                           enrolments: changed(.enrolments), services: changed(.services),
                                           households: changed(.households))
    }

    /// Upserts every record through the session's sink; returns per-file counts.
    func write(_ session: any SQLSession) throws -> [ImportSummary.FileResult] {
        var results: [ImportSummary.FileResult] = []
        let sink = session.importSink()
        func upsert<R: ImportRecord>(_ records: [R], _ kind: ImportKind) throws {
            guard let info = files[kind] else { return }
            let (inserted, updated) = try sink.upsert(records)
            results.append(.init(kind: kind, fileName: info.name, sha256: info.sha256, encoding: info.encoding,
                                 rowsRead: info.rows, inserted: inserted, updated: updated))
        }
        try upsert(households, .households)
        try upsert(members, .members)
        try upsert(enrolments, .enrolments)
        try upsert(payments, .payments)
        try upsert(services, .services)
        try upsert(staff, .staff)
        try upsert(matches, .matches)
        try upsert(complaints, .complaints)
        return results
    }
}
