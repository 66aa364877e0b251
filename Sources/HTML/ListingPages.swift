import Document
import GongkaiCore

/// A release's index.html, citizen first: what this month's information is, in plain words, then the
/// documents by kind, each with its formats and sizes; the hashes, the signature and how to check them
/// come last, under 如何核验, with every file linked again beside its SHA-256.
public struct ReleaseIndexPage: Sendable {
    public struct File: Sendable {
        public var href: String
        public var title: String
        /// The size for people ("12 KB").
        public var size: String
        public var sha256: String

        public init(href: String, title: String, size: String, sha256: String) {
            self.href = href; self.title = title; self.size = size; self.sha256 = sha256
        }
    }

    /// One document in its formats: the web page and the PDF of a notice, or one data file.
    public struct Entry: Sendable {
        public var title: String
        public var files: [File]

        public init(title: String, files: [File]) { self.title = title; self.files = files }
    }

    /// The documents of one kind (对象名单, 救助标准和办事指南, …).
    public struct Section: Sendable {
        public var title: String
        public var entries: [Entry]

        public init(title: String, entries: [Entry]) { self.title = title; self.entries = entries }
    }

    public var titleSegments: [String]
    public var office: String
    public var date: CivilDate
    public var introduction: String
    public var sections: [Section]
    /// Every file of the release, for the hashes under 如何核验.
    public var files: [File]
    /// The relative address of the archive of every month (output/index.html).
    public var archive: String
    /// The signing line (the office key's fingerprint), printed under the manifest when present.
    public var signature: String?
    public var contact: String
    /// The index page's own 政府信息公开 catalogue entry, above its title.
    public var catalogue: CatalogueEntry?

    public init(titleSegments: [String], office: String, date: CivilDate, introduction: String, sections: [Section],
                files: [File], archive: String, signature: String?, contact: String, catalogue: CatalogueEntry? = nil) {
        self.titleSegments = titleSegments; self.office = office; self.date = date; self.introduction = introduction
        self.sections = sections; self.files = files; self.archive = archive; self.signature = signature
        self.contact = contact; self.catalogue = catalogue
    }
}

/// output/index.html: every month published into an output folder and each of its releases, newest
/// month first; a superseded release is shown with the release that replaced it and why.
public struct ArchivePage: Sendable {
    public struct Month: Sendable {
        public var month: YearMonth
        public var releases: [Release]

        public init(month: YearMonth, releases: [Release]) { self.month = month; self.releases = releases }
    }

    public struct Release: Sendable {
        public var number: Int
        public var href: String
        public var date: CivilDate
        public var files: Int
        /// The release this one replaced and why (nil for a month's first release).
        public var supersedes: (number: Int, reason: String)?
        /// The release that replaced this one and its reason (nil while this release is current).
        public var supersededBy: (number: Int, reason: String)?

        public init(number: Int, href: String, date: CivilDate, files: Int, supersedes: (number: Int, reason: String)?,
                    supersededBy: (number: Int, reason: String)?) {
            self.number = number; self.href = href; self.date = date; self.files = files; self.supersedes = supersedes
            self.supersededBy = supersededBy
        }
    }

    public var title: String
    public var office: String
    public var introduction: String
    public var months: [Month]
    /// The signing line (the office key's fingerprint), printed under the introduction when present.
    public var signature: String?

    public init(title: String, office: String, introduction: String, months: [Month], signature: String?) {
        self.title = title; self.office = office; self.introduction = introduction; self.months = months
        self.signature = signature
    }
}
