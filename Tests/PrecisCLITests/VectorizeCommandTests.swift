import Testing
import Foundation
import PrecisTestSupport

struct VectorizeCommandTests {
    static let fixture = TestPaths.projectData.appendingPathComponent("fixtures/tfidf")

    /// The fixture documents as a TSV file in `dir`.
    func writeTSV(in dir: URL) throws -> String {
        let text = try String(contentsOf: Self.fixture.appendingPathComponent("documents.txt"), encoding: .utf8)
        let lines = text.split(separator: "\n").enumerated().map { "label\($0.offset % 2)\t\($0.element)" }
        let path = dir.appendingPathComponent("docs.tsv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("writes matrix.mtx and vocabulary.txt equal to scikit-learn's", arguments: [
        ("bigrams-mindf2-sublinear", ["--ngram-range", "1,2", "--min-df", "2", "--sublinear-tf"]),
        ("bigrams-only-l1-no-smooth", ["--ngram-range", "2,2", "--norm", "l1", "--no-smooth-idf"]),
        ("no-idf-no-norm", ["--no-use-idf", "--norm", "none"]),
        ("stop-words-trigrams", ["--stop-words", "english", "--ngram-range", "1,3"]),
    ])
    func parity(name: String, options: [String]) throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try writeTSV(in: dir)
        let out = dir.appendingPathComponent("features")
        let result = try PrecisRunner.run(["vectorize", "--data", data, "--output", out.path] + options)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture
            .appendingPathComponent("expected-\(name).json"))) as! [String: Any]
        let vocabulary = try String(contentsOf: out.appendingPathComponent("vocabulary.txt"), encoding: .utf8)
        #expect(vocabulary == (expected["vocabulary"] as! [String]).map { $0 + "\n" }.joined())
        let mtx = try String(contentsOf: out.appendingPathComponent("matrix.mtx"), encoding: .utf8)
        let lines = mtx.split(separator: "\n")
        #expect(lines[0] == "%%MatrixMarket matrix coordinate real general")
        let rows = expected["rows"] as! [[[Double]]]
        let entries = rows.enumerated().flatMap { i, row in row.map { (i + 1, Int($0[0]) + 1, $0[1]) } }
        #expect(lines[1] == "\(rows.count) \((expected["vocabulary"] as! [String]).count) \(entries.count)")
        #expect(lines.count == 2 + entries.count)
        for (line, (i, j, v)) in zip(lines.dropFirst(2), entries) {
            let f = line.split(separator: " ")
            #expect(Int(f[0]) == i && Int(f[1]) == j)
            #expect(abs(Double(Float(f[2])!) - v) <= 4 * Double(Float(v).ulp) + 1e-12)
        }
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["idf.txt", "labels.txt", "matrix.mtx", "vectorizer.json", "vocabulary.txt"])
    }

    @Test("--hashing N writes N columns and no learnt vocabulary")
    func hashing() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try writeTSV(in: dir)
        let out = dir.appendingPathComponent("hashed")
        let result = try PrecisRunner.run(["vectorize", "--data", data, "--output", out.path, "--hashing", "32"])
        #expect(result.status == 0, "\(result.stderr)")
        let mtx = try String(contentsOf: out.appendingPathComponent("matrix.mtx"), encoding: .utf8)
        #expect(mtx.split(separator: "\n")[1].hasPrefix("12 32 "))
        let vocabulary = try String(contentsOf: out.appendingPathComponent("vocabulary.txt"), encoding: .utf8)
        #expect(vocabulary.split(separator: "\n").count == 32)
        let refused = try PrecisRunner.run(["vectorize", "--data", data, "--output", out.path, "--hashing", "32", "--min-df", "2"])
        #expect(refused.status != 0 && refused.stderr.contains("--hashing"))
    }

    @Test("bad input: one line naming the file, non-zero exit, nothing written")
    func errors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.tsv").path
        try Data("sport\tok\ntech\tbad \u{FF}".utf8).write(to: URL(fileURLWithPath: bad))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: bad))
        bytes[bytes.count - 2] = 0xFF   // break the UTF-8 of ÿ
        try bytes.write(to: URL(fileURLWithPath: bad))
        let out = dir.appendingPathComponent("out")
        let result = try PrecisRunner.run(["vectorize", "--data", bad, "--output", out.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(bad):2: invalid UTF-8"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("matrix.mtx").path))

        let stopOnly = dir.appendingPathComponent("stop.tsv").path
        try "a\tthe and of\nb\tto be\n".write(toFile: stopOnly, atomically: true, encoding: .utf8)
        let empty = try PrecisRunner.run(["vectorize", "--data", stopOnly, "--output", out.path, "--stop-words", "english"])
        #expect(empty.status != 0 && empty.stderr.contains("empty vocabulary"))

        for args in [["--ngram-range", "2,1"], ["--min-df", "-1"], ["--max-df", "1.5"], ["--stop-words", "/no/such/list"]] {
            let r = try PrecisRunner.run(["vectorize", "--data", stopOnly, "--output", out.path] + args)
            #expect(r.status != 0 && !r.stderr.isEmpty, "\(args)")
        }
        let missing = try PrecisRunner.run(["vectorize", "--data", "/no/such.tsv", "--output", out.path])
        #expect(missing.status != 0 && missing.stderr.contains("/no/such.tsv"))
    }
}
