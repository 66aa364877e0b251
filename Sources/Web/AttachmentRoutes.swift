import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import NIOCore
import Store

extension AuditAction {
    /// A file attached to a complaint (object: the number; detail: SHA-256 and size, or the refusal).
    static let attachmentUpload = AuditAction("complaint.attachment.upload")
    /// An attached file downloaded (object: the number; detail: its SHA-256).
    static let attachmentDownload = AuditAction("complaint.attachment.download")
}

/// `POST /complaints/{number}/attachments` (multipart/form-data: `file` and `csrf_token`) and
/// `GET /complaints/{number}/attachments/{sha256}`. Uploads: PDF, JPEG or PNG by their first bytes,
/// at most 10 MB, by the roles that record or work complaints, on a complaint they may see.
/// Downloads: for whoever may see the complaint, always as a download (Content-Disposition
/// attachment) with the type found at upload, a file name whose extension is that type's
/// (`AttachmentFileName`) and nosniff, so a file can never run as a page of this site nor, saved,
/// as a page on the user's disk. Both are audited. An upload's body is read only after the route's
/// access and the complaint's visibility are checked, and only up to `maximumBody`. Files live in the
/// database (so every node serving it serves them), or, attached by an earlier version, in the
/// attachment folder (`AttachmentFolder`); no route serves either as such and no publication reads them.
enum AttachmentRoutes {
    /// The largest request the upload takes: the file plus the form's other fields and the
    /// multipart framing. Anything bigger is refused (413) before it is all read.
    static let maximumBody = ComplaintDesk.maximumAttachmentBytes + 64 * 1024

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.post, "/complaints/{number}/attachments", .anyPermission([.recordComplaint, .handleComplaint, .superviseComplaint]),
                     summary: "attach a PDF, JPEG or PNG (≤ 10 MB, type from its bytes) to a complaint the user may see; multipart file, csrf_token; audited",
                     example: "/complaints/TS-202610-0001/attachments") { request, context in
                try await upload(environment, request: request, context: context)
            },
            WebRoute(.get, "/complaints/{number}/attachments/{sha256}", .anyPermission([.viewComplaints, .viewOwnUnitComplaints]),
                     summary: "download an attached file (who may see the complaint; as a download, nosniff); audited",
                     example: "/complaints/TS-202610-0001/attachments/" + String(repeating: "0", count: 64), isPage: false) { _, context in
                try download(environment, context: context)
            },
        ]
    }

    /// A multipart post to an attachment route: the only requests allowed a body over 64 KB.
    static func takesFiles(_ request: Request) -> Bool {
        request.method == .post && request.uri.path.hasPrefix("/complaints/") && request.uri.path.hasSuffix("/attachments")
            && MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") != nil
    }

    static func upload(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        let access = ComplaintAccess(account: account)
        _ = try ComplaintRoutes.detail(environment, number: number, access: access, context: context)
        func refuse(_ message: String, _ status: HTTPResponse.Status) throws -> Response {
            environment.record(.attachmentUpload, object: number, outcome: .failure, detail: message, context: context)
            throw WebError(status, message)
        }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else {
            return try refuse("请用附件表单上传文件（multipart/form-data）。", .badRequest)
        }
        var request = request
        let body = try await request.collectBody(upTo: maximumBody)
        guard let form = MultipartForm(Array(buffer: body), boundary: boundary), let file = form.part("file"), file.filename != nil else {
            return try refuse("没有收到文件：请选择一个文件再上传。", .badRequest)
        }
        let attached: ComplaintAttachmentRecord
        do {
            attached = try ComplaintRoutes.desk(environment).attach(file.content, name: file.filename ?? "", to: number,
                                                                     by: .account(account))
        } catch let refusal as AttachmentRefusal {
            switch refusal {
            case .empty: return try refuse("文件是空的。", .badRequest)
            case .tooLarge: return try refuse("文件超过 10 MB。", .contentTooLarge)
            case .unknownType: return try refuse("只能上传 PDF、JPG 或 PNG 文件（按文件内容判断）。", .unsupportedMediaType)
            }
        }
        environment.record(.attachmentUpload, object: number, outcome: .success,
                           detail: "\(attached.sha256) \(attached.size) bytes", context: context)
        let path = number.addingPercentEncoding(withAllowedCharacters: AuditRoutes.Filters.unreserved) ?? ""
        return .seeOther("/complaints/\(path)?attached=1")
    }

    static func download(_ environment: WebEnvironment, context: WebContext) throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        _ = try ComplaintRoutes.detail(environment, number: number, access: ComplaintAccess(account: account), context: context)
        guard let sha256 = context.parameters.get("sha256"), AttachmentFolder.isDigest(sha256),
              let attachment = try environment.store.attachment(of: number, sha256: sha256),
              let bytes = try ComplaintRoutes.desk(environment).attachmentContent(
                  sha256: sha256, earlierFolder: environment.configuration.attachmentsDirectory.map(AttachmentFolder.init(path:))),
              let type = AttachmentType(rawValue: attachment.mediaType) else { throw WebError.notFound }
        environment.record(.attachmentDownload, object: number, outcome: .success, detail: sha256, context: context)
        let name = AttachmentFileName.download(storedName: attachment.name, type: type)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: AuditRoutes.Filters.unreserved) ?? ""
        return Response(status: .ok, headers: [
            .contentType: type.rawValue,
            .contentDisposition: "attachment; filename=\"attachment.\(type.fileExtension)\"; filename*=UTF-8''\(encoded)",
            .xContentTypeOptions: "nosniff",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
