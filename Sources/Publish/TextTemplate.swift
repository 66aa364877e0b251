import Foundation
import Mustache

/// Office-editable text (notice openings and closings in templates/office.toml) rendered with
/// Mustache as plain text: the renderers escape for HTML later, so escaping here would double it.
enum TextTemplate {
    static func render(_ template: String, _ values: [String: String]) throws -> String {
        let compiled = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template)
        return compiled.render(values).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
