import Foundation
import Testing
import PrecisCore
import PrecisDatasets
import PrecisSummarization
import PrecisTestSupport

/// Summarising a batch: in input order, in parallel, the same as one at a time.
struct BatchSummarizationTests {
    static func articles() throws -> [String] {
        let samples = TestPaths.projectData.appendingPathComponent("samples")
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".txt") }.sorted()
        let texts = try names.map { try String(contentsOf: samples.appendingPathComponent($0), encoding: .utf8) }
        // Many more documents than cores and chunks, in a known order.
        return (0..<40).map { texts[$0 % texts.count] + (($0 % 3 == 0) ? "" : " Extra closing sentence number \($0).") }
    }

    @Test("a batch gives the summaries of one-at-a-time, in input order")
    func sameAsSequential() throws {
        let articles = try Self.articles()
        let summarizer = Summarizer()
        let batch = summarizer.summarize(articles, length: .sentences(2))
        #expect(batch == articles.map { summarizer.summarize($0, length: .sentences(2)) })
        #expect(summarizer.summarize([], length: .sentences(2)).isEmpty)
    }

    @Test("inParallel keeps input order and rethrows the first failure in input order")
    func inParallel() throws {
        let squares = try Summarizer.inParallel(Array(0..<100), chunk: 3) { $0 * $0 }
        #expect(squares == (0..<100).map { $0 * $0 })
        struct Failure: Error, Equatable { var item: Int }
        #expect(throws: Failure(item: 17)) {
            try Summarizer.inParallel(Array(0..<100), chunk: 4) { i in
                if i == 17 || i == 60 { throw Failure(item: i) }
                return i
            }
        }
    }

    @Test("lengths and settings are validated with the parameter's name")
    func validation() {
        #expect(throws: ConfigurationError("ratio", "1.5", allowed: "in (0, 1]")) { try SummaryLength.ratio(1.5).validate() }
        #expect(throws: ConfigurationError.self) { try SummaryLength.sentences(-1).validate() }
        var config = SummarizerConfiguration()
        config.pageRank.damping = 1
        let error = #expect(throws: ConfigurationError.self) { try config.validate() }
        #expect(error?.parameter == "damping")
        #expect((try? SummarizerConfiguration().validate()) != nil)
    }

    @Test("a JSONL batch is summarised in file order, and a bad line is reported with its number")
    func records() throws {
        let fixture = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path
        let summarizer = Summarizer()
        let batch = try summarizer.summarizeRecords(at: fixture, length: .sentences(2)) { record, summary in (record.id, summary) }
        let records = try SummaryRecordReader.read(path: fixture)
        #expect(batch.map(\.0) == records.map(\.id))
        #expect(batch.map(\.1) == records.map { summarizer.summarize($0.article, length: .sentences(2)) })

        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.jsonl")
        try Data("{\"id\":\"a\",\"article\":\"One. Two.\"}\n\n{\"id\":\"b\",\"article\":\n".utf8).write(to: bad)
        let error = #expect(throws: DatasetError.self) { try summarizer.summarizeRecords(at: bad.path) { $1 } }
        #expect(error?.line == 3 && error?.path == bad.path)
        #expect(throws: DatasetError.self) { try summarizer.summarizeRecords(at: dir.appendingPathComponent("none.jsonl").path) { $1 } }
    }
}
