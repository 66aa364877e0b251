import Foundation
import GongkaiCore
import Hummingbird

/// `GET /` (what the channel is for, how to reach the office, how long answers take), the public
/// stylesheet, and the published months read-only (`/publications/`, as on the staff listener).
enum PublicHomeRoutes {
    static func routes(_ channel: PublicChannel) -> [WebRoute] {
        let stylesheet = ByteBuffer(string: channel.environment.pages.publicStylesheet)
        let root = channel.environment.configuration.outputDirectory
        let publications: @Sendable (Request, WebContext) async throws -> Response = { request, _ in
            try PublicationRoutes.serve(request.uri.path, root: root)
        }
        return [
            WebRoute(.get, "/", .anyone, summary: "public home: what the channel is for, hotline and hours, petition address, time limits, links") { _, _ in
                home(channel)
            },
            WebRoute(.get, "/static/public.css", .anyone, summary: "the public pages' stylesheet", isPage: false) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                         body: .init(byteBuffer: stylesheet))
            },
            WebRoute(.get, PublicationRoutes.prefix, .anyone, summary: "the archive of published months, read-only",
                     example: PublicationRoutes.prefix + "/", handler: publications),
            WebRoute(.get, PublicationRoutes.prefix + "/**", .anyone, summary: "a published file, read-only from --output",
                     example: PublicationRoutes.prefix + "/index.html", handler: publications),
        ]
    }

    static func home(_ channel: PublicChannel) -> Response {
        let settings = channel.environment.schedule.settings
        var limits: [[String: String]] = [
            ["step": "受理告知", "limit": "收到后 \(settings.acknowledge.chinese)内告知是否受理"],
            ["step": "办结答复", "limit": "收到后 \(settings.conclude.chinese)内办结并答复；情况复杂的，可延期一次，最长 \(settings.extensionMaxDays) 日，并告知延期理由"],
            ["step": "复查", "limit": "对答复不满意的，可在答复后 \(settings.reopenWithin.chinese)内申请复查，\(settings.review.chinese)内答复"],
        ]
        for type in Codelist.complaintType {
            guard let conclude = settings.byType[type]?.conclude else { continue }
            limits.append(["step": "\(type)类办结", "limit": "收到后 \(conclude.chinese)内"])
        }
        return channel.page("public-home", title: "群众网上反馈", [
            "hours": channel.office.hotlineHours, "supervisionPhone": channel.office.supervisionPhone,
            "petitionAddress": channel.office.petitionAddress, "limits": limits,
        ])
    }
}
