import Foundation
import Testing
import PrecisDatasets
import PrecisEvaluation
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// Streamed TF-IDF features equal the in-memory ones, on any block size.
struct StreamingVectorizationTests {
    static let texts: [String] = (0..<3000).map { k in
        let words = ["match", "goal", "team", "chip", "software", "phone", "bank", "shares", "film", "vote", "the", "of"]
        return "doc\(k) " + (0..<(5 + k % 17)).map { words[($0 * 7 + k * 3) % words.count] }.joined(separator: " ")
    }

    static func file(_ text: String, _ name: String) throws -> String {
        let dir = TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The blocks of `emit`, stacked.
    static func stacked(_ blocks: [SparseMatrix], columns: Int) -> SparseMatrix {
        var builder = SparseMatrix.Builder(columns: columns)
        for m in blocks {
            for i in 0..<m.rows {
                let r = m.rowOffsets[i]..<m.rowOffsets[i + 1]
                builder.appendRow(indices: Array(m.columnIndices[r]), values: Array(m.values[r]))
            }
        }
        return builder.build()
    }

    @Test("fitTransform over small blocks: the idf and rows of HashingVectorizer.fitTransform, labels in order")
    func hashedEqualsInMemory() throws {
        let path = try Self.file(Self.texts.enumerated().map { "l\($0.offset % 3)\t\($0.element)\n" }.joined(), "rows.tsv")
        var config = TfidfConfiguration()
        config.ngramRange = 1...2
        config.sublinearTF = true
        let hashing = HashingVectorizer(featureCount: 1024, alternateSign: false, configuration: config)
        let (model, expected) = try hashing.fitTransform(Self.texts)
        for blockBytes in [100, 100_000, 1 << 22] {
            let rows = try LabeledRowStream(path: path, options: StreamOptions(blockBytes: blockBytes))
            var labels: [String?] = [], blocks: [SparseMatrix] = [], fitted: HashingTfidfModel?
            let read = try StreamingVectorization.fitTransform(rows, hashing: hashing, read: { labels += $0.map(\.label) },
                                                               fitted: { fitted = $0 }, emit: { blocks.append($0) })
            #expect(read.records == Self.texts.count)
            #expect(fitted == model)
            #expect(Self.stacked(blocks, columns: 1024) == expected, "block \(blockBytes)")
            #expect(labels == Self.texts.indices.map { "l\($0 % 3)" })
        }
    }

    @Test("fitTransform stopped by a bad line emits the rows before it, weighed by their own idf, then throws")
    func hashedStopsAtBadLine() throws {
        let lines = Self.texts.prefix(60).map { "x\t\($0)" } + ["no tab"] + Self.texts.suffix(10).map { "y\t\($0)" }
        let path = try Self.file(lines.joined(separator: "\n") + "\n", "bad.tsv")
        let hashing = HashingVectorizer(featureCount: 256, alternateSign: false)
        let (_, expected) = try hashing.fitTransform(Array(Self.texts.prefix(60)))
        var blocks: [SparseMatrix] = []
        #expect(throws: DatasetError.self) {
            try StreamingVectorization.fitTransform(try LabeledRowStream(path: path, options: StreamOptions(blockBytes: 300)),
                                                    hashing: hashing, read: { _ in }, fitted: { _ in }, emit: { blocks.append($0) })
        }
        #expect(Self.stacked(blocks, columns: 256) == expected)
    }

    @Test("transform with a fitted vocabulary: TfidfModel.transform's rows, block by block")
    func transformEqualsInMemory() throws {
        let path = try Self.file(Self.texts.map { "{\"text\": \"\($0)\"}\n" }.joined(), "rows.jsonl")
        let model = try TfidfVectorizer().fit(Array(Self.texts.prefix(100)))
        var blocks: [SparseMatrix] = [], rowsSeen = 0
        try StreamingVectorization.transform(try LabeledRowStream(path: path, options: StreamOptions(blockBytes: 500)), model: model) {
            rows, features in
            #expect(rows.count == features.rows && rows.allSatisfy { $0.label == nil })
            rowsSeen += rows.count
            blocks.append(features)
        }
        #expect(rowsSeen == Self.texts.count && blocks.count > 3)   // a stream reads 64 KiB at a time
        #expect(Self.stacked(blocks, columns: model.featureCount) == model.transform(Self.texts))
    }
}
