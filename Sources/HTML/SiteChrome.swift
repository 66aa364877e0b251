/// What every page of the office's site carries around its content, as a government site does
/// (《政府网站发展指引》): a header with the office's name and a banner line, and a footer with the
/// hotline, the address and, where the office has them, its 网站标识码 and 备案 numbers.
public struct SiteChrome: Sendable, Equatable {
    public var office: String
    /// The line under the office's name in the header (政府信息公开).
    public var banner: String
    public var hotline: String
    public var address: String
    /// 网站标识码, ICP 备案号 and 公安机关备案号; each printed only when given.
    public var siteCode: String?
    public var icp: String?
    public var publicSecurityRecord: String?

    public init(office: String, banner: String, hotline: String, address: String, siteCode: String? = nil,
                icp: String? = nil, publicSecurityRecord: String? = nil) {
        self.office = office; self.banner = banner; self.hotline = hotline; self.address = address
        self.siteCode = siteCode; self.icp = icp; self.publicSecurityRecord = publicSecurityRecord
    }

    /// The view model the header and footer partials read (`site.…`).
    var view: [String: Any] {
        let records = [("网站标识码", siteCode), ("ICP备案号", icp), ("公安机关备案号", publicSecurityRecord)]
            .compactMap { label, value in value.map { ["label": label, "value": $0] } }
        return ["office": office, "banner": banner, "hotline": hotline, "address": address,
                "records": records, "hasRecords": !records.isEmpty]
    }
}
