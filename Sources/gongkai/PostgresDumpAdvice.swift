import Foundation

import Store

/// How to back up and restore a PostgreSQL store with PostgreSQL's own tools, for the database a
/// `--db` URL names (read by Store's `StoreLocation`, as every command reads it).
///
/// `backup` and `restore` copy SQLite files; a PostgreSQL store is copied with pg_dump and
/// pg_restore, so they refuse such a URL and print those command lines with the database's host,
/// port, user and name. The password is never printed (pg_dump asks for it, or reads ~/.pgpass or
/// PGPASSWORD), and neither is the URL itself.
struct PostgresDumpAdvice: Equatable {
    var host: String
    var port: Int?
    var user: String
    var database: String

    init(_ address: PostgresAddress) {
        switch address.endpoint {
        case .tcp(let host, let port): self.host = host; self.port = port == 5432 ? nil : port
        case .socket(let directory, let port): host = directory; self.port = port == 5432 ? nil : port
        }
        user = address.user
        database = address.database
    }

    /// pg_dump's and pg_restore's options for the server and account (the database is apart).
    var connectionOptions: [String] {
        ["--host=" + Self.quoted(host)] + (port.map { ["--port=\($0)"] } ?? []) + ["--username=" + Self.quoted(user)]
    }

    /// The database's name for a command line.
    var shownDatabase: String { Self.quoted(database) }

    /// `pg_dump` into `file`, in the custom format pg_restore reads.
    func dumpCommand(file: String) -> String {
        (["pg_dump", "--format=custom"] + connectionOptions + ["--dbname=" + shownDatabase, "--file=" + Self.quoted(file)])
            .joined(separator: " ")
    }

    /// `pg_restore` of `file` into a new, empty database named `target`, made first with createdb as
    /// gongkai needs every database (docs/xinchuang.md): byte-order collation and a UTF-8 character
    /// type, from template0. pg_restore restores the tables, not the database's locale: a plain
    /// createdb takes the server's default, and a server set up in zh_CN.UTF-8 would then sort text
    /// otherwise than the store that was backed up (and than SQLite). The restore is one transaction:
    /// a failure half-way leaves the new database empty, never half-restored.
    func restoreCommands(file: String, target: String) -> String {
        (["createdb"] + connectionOptions + Self.databaseOptions + [Self.quoted(target)]).joined(separator: " ") + " && "
            + (["pg_restore"] + connectionOptions + ["--dbname=" + Self.quoted(target), "--single-transaction", Self.quoted(file)])
                .joined(separator: " ")
    }

    /// createdb's options for a gongkai database.
    static let databaseOptions = ["--encoding=UTF8", "--lc-collate=C", "--lc-ctype=C.UTF-8", "--template=template0"]

    /// A word as a POSIX shell reads it back: as it is when it holds only safe characters, else in
    /// single quotes (a quote inside written `'\''`), so a pasted line runs what it shows.
    static func quoted(_ word: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@%+=,")
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// What `backup` and `restore` answer for a PostgreSQL store named by `source` (`--db` or
    /// `$GONGKAI_DB`), with `file` as the backup file: how to do it with PostgreSQL's tools.
    static func refusal(_ text: String, source: String, file: String, restoring: Bool) -> String {
        let what = restoring ? "gongkai restore 只恢复出 SQLite 数据库文件" : "gongkai backup 只备份 SQLite 数据库文件"
        guard case .postgres(let address)? = try? StoreLocation(text) else {
            return "\(source) 是 PostgreSQL 连接地址，但无法读出其中的主机、端口或库名：\(what)。"
                + "PostgreSQL 数据库请用 pg_dump 备份、pg_restore 恢复（见 pg_dump --help）。本命令没有改动任何东西。"
        }
        let location = PostgresDumpAdvice(address)
        let steps: String
        if restoring {
            let target = location.database
            steps = "恢复到 \(source) 指明的库，先建成空库（库已存在时 createdb 失败，不会覆盖）：\n  "
                + location.restoreCommands(file: file, target: target)
        } else {
            let target = location.database + "_restored"
            steps = "备份：\n  \(location.dumpCommand(file: file))\n恢复时先建一个新的空库再导入：\n  "
                + location.restoreCommands(file: file, target: target)
        }
        return "\(source) 指向 PostgreSQL 数据库 \(location.shownDatabase)：\(what)，PostgreSQL 数据库请用 PostgreSQL 自带的 pg_dump 和 pg_restore。\n"
            + steps + "\n"
            + "命令里不写密码：pg_dump 和 pg_restore 会询问，或从 ~/.pgpass、环境变量 PGPASSWORD 读取。"
            + "来电人身份密钥和签名私钥不在数据库里，须另行离线备份。本命令没有改动任何东西。"
    }
}
