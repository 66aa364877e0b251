// swift-tools-version: 6.0
import PackageDescription

// Module graph (dependency direction, see docs/ARCHITECTURE.md):
//   GongkaiCore ← Store ← Indicators / Desk ← Publish ← gongkai (CLI)
//   GongkaiCore ← Document ← Typeset (C: CPangoCairo) ← PDF
//                          ← HTML (Mustache)
let package = Package(
    name: "gongkai",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gongkai", targets: ["gongkai"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(name: "GongkaiCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Store", dependencies: ["GongkaiCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Desk", dependencies: ["GongkaiCore", "Store"]),
        .executableTarget(name: "gongkai", dependencies: [
            "GongkaiCore", "Store", "Desk",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GongkaiCoreTests", dependencies: ["GongkaiCore"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "GongkaiCore"]),
        .testTarget(name: "DeskTests", dependencies: ["Desk", "Store", "GongkaiCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EndToEndTests", dependencies: ["GongkaiCore", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
