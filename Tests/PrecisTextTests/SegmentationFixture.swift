import Foundation
import PrecisText
import PrecisTestSupport

/// A boundary case from `Data/fixtures/segmentation/*.jsonl`.
struct SegmentationCase: Decodable {
    var rule: Int?
    var language: String?
    var text: String
    var sentences: [String]

    static func load(_ name: String) throws -> [SegmentationCase] {
        let url = TestPaths.projectData.appendingPathComponent("fixtures/segmentation/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(SegmentationCase.self, from: Data($0.utf8)) }
    }
}

extension SentenceSegmenter {
    /// Every sentence's text (what `precis segment` prints).
    func texts(_ text: String) -> [String] { segment(text).sentences.map(\.text) }
}
