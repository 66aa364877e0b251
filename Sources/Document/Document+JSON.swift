import Foundation
import GongkaiCore

extension Document {
    /// Decodes the JSON format of docs/document-format.md and validates it, turning Foundation's
    /// decoding errors and the validation's into one sentence that names the file and the field
    /// ("blocks[3].rows[131]: …").
    public static func decode(json: Data, file: String) throws -> Document {
        do {
            let document = try JSONDecoder().decode(Document.self, from: json)
            try document.validate()
            return document
        } catch let error as DocumentError {
            throw InputError(file: file, field: error.path, reason: error.reason)
        } catch let error as DecodingError {
            let (path, reason): ([CodingKey], String)
            switch error {
            case .dataCorrupted(let c): (path, reason) = (c.codingPath, c.debugDescription)
            case .keyNotFound(let key, let c): (path, reason) = (c.codingPath + [key], "缺少该项")
            case .typeMismatch(let type, let c): (path, reason) = (c.codingPath, "类型应为 \(type)")
            case .valueNotFound(let type, let c): (path, reason) = (c.codingPath, "类型应为 \(type)，实际为 null")
            @unknown default: (path, reason) = ([], "\(error)")
            }
            let field = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            guard !path.isEmpty else { throw InputError(file: file, reason: Self.syntaxProblem(json) ?? reason) }
            throw InputError(file: file, field: field.hasPrefix(".") ? String(field.dropFirst()) : field, reason: reason)
        }
    }

    /// What is wrong with JSON that does not parse, as JSONSerialization says it ("Invalid value around
    /// character 10", "Number 1e400 is not representable in Swift"): JSONDecoder on Linux only says
    /// that the data is not valid JSON.
    private static func syntaxProblem(_ json: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: json)
            return nil
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return "不是有效的 JSON" + (detail.map { "（\($0)）" } ?? "")
        }
    }

    /// The JSON form, keys sorted so that the file diffs well.
    public func encodedJSON() throws -> Data { try StableJSON.data(self) }
}
