import Testing
import Foundation
import PrecisTestSupport

/// The streaming modes as Spark's `RDD.pipe` and shell pipelines use them:
/// `--jsonl -` in, one JSON object per line out, in input order; bad lines stop
/// the stream after everything before them (or are skipped and counted); FIFOs.
struct StreamingCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("precis-streaming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// JSONL articles built from the project's sample texts, many of them.
    static func articles(_ count: Int) throws -> String {
        let samples = ["river-barrage.txt", "school-meals.txt"].map {
            (try? String(contentsOf: TestPaths.projectData.appendingPathComponent("samples/\($0)"), encoding: .utf8)) ?? ""
        }
        var lines: [String] = []
        for k in 0..<count {
            let object: [String: Any] = ["id": "doc\(k)", "article": samples[k % 2], "text": samples[k % 2]]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("summarize, segment and classify --jsonl -: the same lines as from the file, in order")
    func stdinEqualsFile() throws {
        let dir = try Self.folder()
        let input = try Self.articles(60)
        let path = dir.appendingPathComponent("articles.jsonl").path
        try Data(input.utf8).write(to: URL(fileURLWithPath: path))
        for command in [["summarize", "--sentences", "2"], ["segment"], ["classify"], ["keywords", "--top", "3"]] {
            let fromFile = try PrecisRunner.run(command + ["--jsonl", path])
            let fromStdin = try PrecisRunner.run(command + ["--jsonl", "-"], stdin: Data(input.utf8))
            #expect(fromFile.status == 0 && fromStdin.status == 0, "\(command): \(fromStdin.stderr)")
            #expect(fromFile.stdout == fromStdin.stdout)
            let lines = fromStdin.stdout.split(separator: "\n")
            #expect(lines.count == 60)
            let ids = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String }
            #expect(ids == (0..<60).map { "doc\($0)" })
        }
        // classify --jsonl gives the labels classify FILE --json gives.
        let json = try PrecisRunner.run(["classify", path, "--json"])
        let streamed = try PrecisRunner.run(["classify", "--jsonl", path])
        func labels(_ text: String) throws -> [String] {
            try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["label"] as? String ?? "" }
        }
        #expect(try labels(json.stdout) == labels(streamed.stdout))
    }

    @Test("a malformed line mid-stream: earlier output written, error names the line; --skip-bad-lines counts it")
    func badLine() throws {
        let good = try Self.articles(8).split(separator: "\n").map(String.init)
        let input = (good[0..<5] + ["{\"id\": \"broken\", \"article\": "] + good[5...]).joined(separator: "\n") + "\n"
        for command in [["summarize", "--sentences", "1"], ["segment"], ["classify"], ["keywords"]] {
            let stopped = try PrecisRunner.run(command + ["--jsonl", "-"], stdin: Data(input.utf8))
            #expect(stopped.status != 0)
            #expect(stopped.stderr.contains("<stdin>:6"), "\(command): \(stopped.stderr)")
            #expect(stopped.stdout.split(separator: "\n").count == 5)
            let skipped = try PrecisRunner.run(command + ["--jsonl", "-", "--skip-bad-lines"], stdin: Data(input.utf8))
            #expect(skipped.status == 0)
            #expect(skipped.stdout.split(separator: "\n").count == 8)
            #expect(skipped.stderr.contains("skipped 1 bad line"))
        }
    }

    @Test("an empty standard input gives empty output (an empty Spark partition)")
    func emptyInput() throws {
        for command in [["classify"], ["summarize"], ["segment"], ["keywords"]] {
            let r = try PrecisRunner.run(command + ["--jsonl", "-"], stdin: Data())
            #expect(r.status == 0 && r.stdout.isEmpty, "\(command): \(r.stderr)")
        }
    }

    @Test("a FIFO and /dev/stdin are read as streams")
    func fifo() throws {
        let dir = try Self.folder()
        let fifo = dir.appendingPathComponent("rows.tsv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let rows = (0..<300).map { "x\tThe striker scored twice in the second half of match \($0)" }.joined(separator: "\n") + "\n"
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(rows.utf8))
            try? handle?.close()
        }
        writer.start()
        let r = try PrecisRunner.run(["classify", fifo])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 300)
        #expect(r.stdout.hasPrefix("\(fifo):1\tsport"))
        let viaDev = try PrecisRunner.run(["segment", "--jsonl", "/dev/stdin"], stdin: Data(try Self.articles(3).utf8))
        #expect(viaDev.status == 0 && viaDev.stdout.split(separator: "\n").count == 3)
    }

    @Test("train --hashing streams a pipe; the model classifies; the same as from the file")
    func trainHashing() throws {
        let dir = try Self.folder()
        var rows: [String] = []
        let topics = ["sport": "match goal team coach league", "tech": "software chip phone network code"]
        for k in 0..<120 {
            let (label, words) = k % 2 == 0 ? ("sport", topics["sport"]!) : ("tech", topics["tech"]!)
            rows.append("\(label)\tdocument \(k) about \(words) number \(k % 7)")
        }
        let data = rows.joined(separator: "\n") + "\n"
        let file = dir.appendingPathComponent("train.tsv").path
        try Data(data.utf8).write(to: URL(fileURLWithPath: file))
        let environment = ["SOURCE_DATE_EPOCH": "0"]
        let a = dir.appendingPathComponent("a.precis").path, b = dir.appendingPathComponent("b.precis").path
        let fromFile = try PrecisRunner.run(["train", "--data", file, "--model", a, "--hashing", "4096"], environment: environment)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains("(hashed)"))
        let fromPipe = try PrecisRunner.run(["train", "--data", "-", "--format", "tsv", "--model", b, "--hashing", "4096"],
                                            stdin: Data(data.utf8), environment: environment)
        #expect(fromPipe.status == 0, "\(fromPipe.stderr)")
        // The same model either way (the files differ only in the recorded data file name).
        let probeA = try PrecisRunner.run(["classify", "--model", a, file, "--json", "--top", "2"])
        let probeB = try PrecisRunner.run(["classify", "--model", b, file, "--json", "--top", "2"])
        #expect(probeA.status == 0 && probeA.stdout == probeB.stdout)
        let r = try PrecisRunner.run(["classify", "--model", a, "-"], stdin: Data("the coach and the team".utf8))
        #expect(r.stdout == "sport\n")
        let bad = try PrecisRunner.run(["train", "--data", file, "--model", a, "--hashing", "4096", "--min-df", "2"])
        #expect(bad.status != 0 && bad.stderr.contains("--min-df"))
    }
}
