/// Where the store's two databases differ, kept in this one file so that porting to a third (the 信创
/// databases that speak PostgreSQL's protocol with their own variations, docs/xinchuang.md) means
/// reading and changing one place.
///
/// Most statements are written once in SQL both accept; a statement that cannot be (full-text search,
/// bulk loading, locks) asks its session's dialect for its text here, never tests the backend itself.
enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgres
}
