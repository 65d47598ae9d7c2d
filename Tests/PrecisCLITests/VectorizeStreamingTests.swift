import Foundation
import Testing
import PrecisTestSupport

/// `vectorize --hashing` / `--vocabulary-from` and `document-frequencies --data`
/// stream TSV and JSONL (files, pipes, standard input without `--format`): the
/// files are those of the in-memory path (which CSV still takes), byte for byte.
struct VectorizeStreamingTests {
    static let outputs = ["matrix.mtx", "vocabulary.txt", "idf.txt", "labels.txt", "vectorizer.json"]

    /// Labelled rows with commas, quotes and repeated words, as TSV and as CSV.
    static func corpus(_ count: Int) -> (tsv: String, csv: String, rows: [(String, String)]) {
        let words = ["match", "goal", "team", "coach", "chip", "software", "phone", "network", "bank", "shares",
                     "film", "actor", "vote", "minister", "the", "and", "of", "\"quoted\"", "a, b", "café"]
        var rows: [(String, String)] = []
        var state: UInt64 = 42
        for k in 0..<count {
            var text: [String] = []
            for _ in 0..<(8 + k % 23) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(words[Int(state >> 33) % words.count])
            }
            rows.append(("topic\(k % 4)", "doc \(k) " + text.joined(separator: " ")))
        }
        let tsv = rows.map { "\($0.0)\t\($0.1)\n" }.joined()
        let csv = "label,text\n" + rows.map { "\($0.0),\"\($0.1.replacingOccurrences(of: "\"", with: "\"\""))\"\n" }.joined()
        return (tsv, csv, rows)
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The files of an output directory, by name (nil for a missing one).
    static func files(_ dir: String) -> [String: Data?] {
        Dictionary(uniqueKeysWithValues: outputs.map { ($0, FileManager.default.contents(atPath: dir + "/" + $0)) })
    }

    @Test("vectorize --hashing streamed (file, standard input without --format) equals the in-memory CSV path, byte for byte")
    func hashingEqualsInMemory() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (tsv, csv, _) = Self.corpus(300)
        let tsvPath = try Self.write(tsv, "rows.tsv", in: dir), csvPath = try Self.write(csv, "rows.csv", in: dir)
        for options in [["--hashing", "4096"], ["--hashing", "65536", "--ngram-range", "1,2", "--sublinear-tf"]] {
            let out = { (name: String) in dir.appendingPathComponent(name).path }
            let streamed = try PrecisRunner.run(["vectorize", "--data", tsvPath, "--output", out("s")] + options)
            let piped = try PrecisRunner.run(["vectorize", "--data", "-", "--output", out("p")] + options, stdin: Data(tsv.utf8))
            let whole = try PrecisRunner.run(["vectorize", "--data", csvPath, "--output", out("m")] + options)
            #expect(streamed.status == 0 && piped.status == 0 && whole.status == 0, "\(streamed.stderr) \(piped.stderr) \(whole.stderr)")
            let expected = Self.files(out("m"))
            #expect(expected["matrix.mtx"]! != nil && expected["vectorizer.json"]! == nil)
            #expect(Self.files(out("s")) == expected, "\(options)")
            #expect(Self.files(out("p")) == expected, "\(options)")
        }
    }

    @Test("vectorize --vocabulary-from streamed equals the in-memory CSV path, byte for byte")
    func vocabularyFromEqualsInMemory() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (tsv, csv, _) = Self.corpus(200)
        let train = try Self.write(Self.corpus(120).tsv, "train.tsv", in: dir)
        let fitted = dir.appendingPathComponent("fitted").path
        #expect(try PrecisRunner.run(["vectorize", "--data", train, "--output", fitted, "--ngram-range", "1,2"]).status == 0)
        let tsvPath = try Self.write(tsv, "rows.tsv", in: dir), csvPath = try Self.write(csv, "rows.csv", in: dir)
        let s = dir.appendingPathComponent("s").path, m = dir.appendingPathComponent("m").path
        let streamed = try PrecisRunner.run(["vectorize", "--data", tsvPath, "--output", s, "--vocabulary-from", fitted])
        let whole = try PrecisRunner.run(["vectorize", "--data", csvPath, "--output", m, "--vocabulary-from", fitted])
        #expect(streamed.status == 0 && whole.status == 0, "\(streamed.stderr) \(whole.stderr)")
        #expect(Self.files(s)["vectorizer.json"]! != nil)
        #expect(Self.files(s) == Self.files(m))
    }

    @Test("a malformed line mid-stream: the rows before it are written, the error names the line; --skip-bad-lines goes on")
    func badLine() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines = Self.corpus(120).tsv.split(separator: "\n").map(String.init)
        lines.insert("a line without a tab", at: 50)
        let path = try Self.write(lines.joined(separator: "\n") + "\n", "bad.tsv", in: dir)
        let prefix = try Self.write(lines[..<50].joined(separator: "\n") + "\n", "prefix.tsv", in: dir)
        for options in [["--hashing", "1024"], ["--vocabulary-from", dir.appendingPathComponent("fitted").path]] {
            if options[0] == "--vocabulary-from" {
                _ = try PrecisRunner.run(["vectorize", "--data", prefix, "--output", options[1]])
            }
            let out = dir.appendingPathComponent("out").path, expected = dir.appendingPathComponent("expected").path
            let stopped = try PrecisRunner.run(["vectorize", "--data", path, "--output", out] + options)
            #expect(stopped.status != 0)
            #expect(stopped.stderr.contains("bad.tsv:51"), "\(stopped.stderr)")
            // What was written is the vectorisation of the rows before the bad line.
            #expect(try PrecisRunner.run(["vectorize", "--data", prefix, "--output", expected] + options).status == 0)
            #expect(Self.files(out) == Self.files(expected), "\(options)")
            let skipped = try PrecisRunner.run(["vectorize", "--data", path, "--output", out, "--skip-bad-lines"] + options)
            #expect(skipped.status == 0 && skipped.stderr.contains("skipped 1 bad line"), "\(skipped.stderr)")
            let header = try String(contentsOfFile: out + "/matrix.mtx", encoding: .utf8).split(separator: "\n")[1]
            #expect(header.hasPrefix("120 "))
        }
    }

    @Test("JSONL: labels.txt holds the labels when every record has one, else an empty line per row (as in memory)")
    func jsonlLabels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = Self.corpus(40).rows
        func jsonl(_ labelled: (Int) -> Bool) -> String {
            rows.enumerated().map { k, row in
                let text = row.1.replacingOccurrences(of: "\"", with: "\\\"")
                return labelled(k) ? "{\"label\":\"\(row.0)\",\"text\":\"\(text)\"}\n" : "{\"id\":\"\(k)\",\"article\":\"\(text)\"}\n"
            }.joined()
        }
        let all = try Self.write(jsonl { _ in true }, "all.jsonl", in: dir), some = try Self.write(jsonl { $0 % 5 != 3 }, "some.jsonl", in: dir)
        let a = dir.appendingPathComponent("a").path, s = dir.appendingPathComponent("s").path
        #expect(try PrecisRunner.run(["vectorize", "--data", all, "--output", a, "--hashing", "512"]).status == 0)
        #expect(try PrecisRunner.run(["vectorize", "--data", some, "--output", s, "--hashing", "512"]).status == 0)
        #expect(try String(contentsOfFile: a + "/labels.txt", encoding: .utf8) == rows.map { $0.0 + "\n" }.joined())
        #expect(try String(contentsOfFile: s + "/labels.txt", encoding: .utf8) == String(repeating: "\n", count: rows.count))
        // The texts (text or article) give the same matrix either way.
        #expect(FileManager.default.contents(atPath: a + "/matrix.mtx") == FileManager.default.contents(atPath: s + "/matrix.mtx"))
    }

    @Test("document-frequencies --data streams: file, standard input without --format and the in-memory CSV path agree")
    func documentFrequencies() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (tsv, csv, _) = Self.corpus(250)
        let tsvPath = try Self.write(tsv, "rows.tsv", in: dir), csvPath = try Self.write(csv, "rows.csv", in: dir)
        let common = ["document-frequencies", "--hashing", "2048", "--ngram-range", "1,2", "--output", "-"]
        let file = try PrecisRunner.run(common + ["--data", tsvPath])
        let piped = try PrecisRunner.run(common + ["--data", "-"], stdin: Data(tsv.utf8))
        let whole = try PrecisRunner.run(common + ["--data", csvPath])
        #expect(file.status == 0 && piped.status == 0 && whole.status == 0, "\(file.stderr) \(piped.stderr) \(whole.stderr)")
        #expect(file.stdout.hasPrefix("{") && file.stdout.contains("\"documents\":250"))
        #expect(file.stdout == piped.stdout && file.stdout == whole.stdout)
        let bad = try PrecisRunner.run(common + ["--data", "-"], stdin: Data((tsv + "no tab\n").utf8))
        #expect(bad.status != 0 && bad.stderr.contains("<stdin>:251") && bad.stdout.isEmpty, "\(bad.stderr)")
        let skipped = try PrecisRunner.run(common + ["--data", "-", "--skip-bad-lines"], stdin: Data((tsv + "no tab\n").utf8))
        #expect(skipped.status == 0 && skipped.stdout == file.stdout)
    }

    @Test("train --hashing over standard input without --format: the format is sniffed and the stream trained on")
    func trainFromStdinWithoutFormat() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (tsv, _, _) = Self.corpus(200)
        let file = try Self.write(tsv, "train.tsv", in: dir)
        let a = dir.appendingPathComponent("a.precis").path, b = dir.appendingPathComponent("b.precis").path
        let environment = ["SOURCE_DATE_EPOCH": "0"]
        let fromFile = try PrecisRunner.run(["train", "--data", file, "--model", a, "--hashing", "4096"], environment: environment)
        let fromStdin = try PrecisRunner.run(["train", "--data", "-", "--model", b, "--hashing", "4096"],
                                             stdin: Data(tsv.utf8), environment: environment)
        #expect(fromFile.status == 0 && fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout.contains("documents:  200"))
        let probeA = try PrecisRunner.run(["classify", "--model", a, file, "--json", "--top", "2"])
        let probeB = try PrecisRunner.run(["classify", "--model", b, file, "--json", "--top", "2"])
        #expect(probeA.status == 0 && probeA.stdout == probeB.stdout)
    }
}
