import Desk
import Foundation
import GongkaiCore
import HTML
import Indicators
import Store
import Typeset

/// Everything one publication run loads from templates/ and the store, loaded once.
struct PublicationContext {
    let store: StoreDatabase
    let templates: String
    let office: OfficeSettings
    let catalog: IndicatorCatalog
    /// The 办事指南 of the policy page (the standards are the catalog's).
    let guides: PolicyGuides
    let schedule: ComplaintSchedule
    let engine: IndicatorEngine
    let page: PageSettings
    let html: HTMLRenderer
    let templatesSHA256: String
    let dataFingerprint: String

    init(store: StoreDatabase, templates: String) throws {
        self.store = store
        self.templates = templates
        office = try OfficeSettings.load(templates: templates)
        catalog = try IndicatorCatalog.load(templates: templates, store: store)
        guides = try PolicyGuides.load(templates: templates)
        schedule = try ComplaintSchedule.load(templates: templates)
        engine = try IndicatorEngine(store: store, catalog: catalog, calendar: schedule.calendar)
        page = try PageSettings.load(path: (templates as NSString).appendingPathComponent("page.toml"))
        html = try HTMLRenderer(templatesDirectory: (templates as NSString).appendingPathComponent("html"), site: office.site)
        templatesSHA256 = try TemplatesHash.compute(templates)
        dataFingerprint = try DataFingerprint.compute(store)
    }
}
