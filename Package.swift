// swift-tools-version: 6.1
import PackageDescription

// Module graph (dependency direction, see docs/architecture.md):
//   GongkaiCore ← Store ← Indicators / Desk ← Publish ← gongkai (CLI)
//   GongkaiCore ← Store ← Accounts (users, roles, audit log) ← gongkai (CLI)
//                         Accounts ← Web (gongkai serve: Hummingbird, sessions, CSRF) ← gongkai (CLI)
//   GongkaiCore ← Document ← Typeset (C: CPangoCairo) ← PDF
//                          ← HTML (Mustache)
//   GongkaiCore ← Sheets (ZIPFoundation; its own XML reader) ← Publish, gongkai
// Pango's, Cairo's and HarfBuzz's header folders (Debian 12, x86_64 or arm64): what
// `pkg-config --cflags pangocairo` lists, named here because its answer also carries -pthread (from
// gmodule), a flag SwiftPM refuses with a warning on every build. The libraries are linked by
// Sources/CPangoCairo/module.modulemap. Every target that imports Typeset or PDF sees the C module too.
let pangoHeaders = [
    "/usr/include/pango-1.0", "/usr/include/glib-2.0", "/usr/lib/x86_64-linux-gnu/glib-2.0/include",
    "/usr/lib/aarch64-linux-gnu/glib-2.0/include", "/usr/include/harfbuzz", "/usr/include/freetype2",
    "/usr/include/libpng16", "/usr/include/fribidi", "/usr/include/cairo", "/usr/include/pixman-1",
]
let pango: [SwiftSetting] = [.unsafeFlags(pangoHeaders.flatMap { ["-Xcc", "-I\($0)"] })]

let package = Package(
    name: "gongkai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Accounts uses only its HummingbirdBcrypt product; Web uses HummingbirdAuth (sessions).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // No traits: Hummingbird's two default traits (ConfigurationSupport, FullFoundation) reach
        // its compile commands as -D flags in an order SwiftPM 6.3 does not keep from one run to the
        // next, so every other build recompiled Hummingbird and all that imports it (12 minutes
        // of a release build on this machine). gongkai uses neither swift-configuration's readers
        // nor the URL-encoded form coders' DateFormatter; hummingbird-auth asks for none either.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // `serve --metrics-listen`: Hummingbird's MetricsMiddleware records through swift-metrics, and
        // swift-prometheus renders the registry in Prometheus' text format.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // A city's or a region's store: PostgreSQL 15 (and the 信创 databases that speak its protocol).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .target(name: "GongkaiCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Store", dependencies: [
            "GongkaiCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "Indicators", dependencies: ["GongkaiCore", "Store"]),
        .target(name: "Desk", dependencies: ["GongkaiCore", "Store", "Accounts"]),
        .target(name: "DemoData", dependencies: ["GongkaiCore"]),
        .target(name: "Sheets", dependencies: ["GongkaiCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "Accounts", dependencies: [
            "GongkaiCore", "Store",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        // From Debian's libpango1.0-dev, libcairo2-dev and libharfbuzz-dev (make deps installs them).
        .systemLibrary(name: "CPangoCairo"),
        .target(name: "Document", dependencies: ["GongkaiCore"]),
        .target(name: "Typeset", dependencies: ["Document", "GongkaiCore", "CPangoCairo"], swiftSettings: pango),
        .target(name: "PDF", dependencies: ["Typeset", "Document", "GongkaiCore", "CPangoCairo"], swiftSettings: pango),
        .target(name: "HTML", dependencies: ["Document", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "Publish", dependencies: [
            "GongkaiCore", "Store", "Indicators", "Desk", "Document", "Typeset", "PDF", "HTML", "Sheets",
            .product(name: "Mustache", package: "swift-mustache"),
        ], swiftSettings: pango),
        .target(name: "Web", dependencies: [
            "GongkaiCore", "Store", "Accounts", "Desk", "Indicators", "Document", "Typeset", "PDF", "Publish",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], swiftSettings: pango),
        .executableTarget(name: "gongkai", dependencies: [
            "GongkaiCore", "Store", "Accounts", "DemoData", "Indicators", "Desk", "Document", "Typeset", "PDF", "HTML", "Publish", "Sheets", "Web",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: pango),
        // Runs python3-openpyxl and LibreOffice for the spreadsheet tests (fixtures, reading our files back).
        .target(name: "OfficeTools", path: "Tests/OfficeTools"),
        // The backends every store conformance test runs on (SQLite in memory, the throwaway PostgreSQL).
        .target(name: "StoreTestSupport", dependencies: ["Store", "OfficeTools"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "SheetsTests", dependencies: [
            "Sheets", "GongkaiCore", "OfficeTools", "DemoData", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], exclude: ["Workbooks"]),
        .testTarget(name: "GongkaiCoreTests", dependencies: ["GongkaiCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "GongkaiCore", "DemoData", "OfficeTools", "StoreTestSupport"],
                    exclude: ["released-migrations.sha256"]),
        .testTarget(name: "IndicatorsTests", dependencies: ["Indicators", "Store", "GongkaiCore", "StoreTestSupport", "DemoData"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts", "Store", "GongkaiCore", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DeskTests", dependencies: ["Desk", "Accounts", "Store", "GongkaiCore", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EndToEndTests", dependencies: ["GongkaiCore", "Store", "Accounts", "DemoData", "OfficeTools", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DocumentTests", dependencies: ["Document", "GongkaiCore"]),
        .testTarget(name: "TypesetTests", dependencies: ["Typeset", "Document", "GongkaiCore"], swiftSettings: pango),
        .testTarget(name: "PDFTests", dependencies: ["PDF", "Typeset", "Document", "OfficeTools"], swiftSettings: pango),
        .testTarget(name: "HTMLTests", dependencies: ["HTML", "Document", "GongkaiCore"], exclude: ["Golden"]),
        .testTarget(name: "WebTests", dependencies: [
            "Web", "Accounts", "Desk", "Store", "GongkaiCore", "OfficeTools", "StoreTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], exclude: ["Golden"], swiftSettings: pango),
        .testTarget(name: "PublishTests", dependencies: ["Publish", "OfficeTools", "Indicators", "Desk", "Store", "Document", "GongkaiCore", "DemoData", "HTML", "PDF", "Typeset", "Sheets"], swiftSettings: pango),
    ],
    swiftLanguageModes: [.v6]
)
