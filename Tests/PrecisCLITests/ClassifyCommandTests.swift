import Foundation
import Testing
import PrecisTestSupport

struct ClassifyCommandTests {
    @Test("classifies files, standard input and TSV rows")
    func classify() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let article = dir.appendingPathComponent("a.txt")
        try Data("Knead the dough and bake the bread in a hot oven with butter.".utf8).write(to: article)
        let one = try PrecisRunner.run(["classify", "--model", model, article.path])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "cooking\n")

        let stdin = try PrecisRunner.run(["classify", "--model", model, "--top", "2"],
                                         stdin: Data("The striker scored a goal and the team won the match.".utf8))
        #expect(stdin.stdout.hasPrefix("sport\tsport "), "\(stdin.stdout)")
        let topProbability = stdin.stdout.split(separator: "\t")[1].split(separator: ",")[0].split(separator: " ")[1]
        #expect((Double(topProbability) ?? 0) > 0.5, "\(stdin.stdout)")
        #expect(stdin.stdout.split(separator: ",").count == 2)

        let rows = try PrecisRunner.run(["classify", "--model", model, ClassifierCLIFixtures.path("test.tsv")])
        #expect(rows.status == 0)
        let predicted = rows.stdout.split(separator: "\n").map { $0.split(separator: "\t")[1] }
        #expect(predicted == ["sport", "sport", "cooking", "cooking", "computing", "computing"])
    }

    @Test("--json writes one object per document with label and probabilities; --explain lists terms")
    func json() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let jsonl = dir.appendingPathComponent("docs.jsonl")
        try Data("{\"id\":\"x1\",\"text\":\"The compiler found a bug in the source code.\"}\n{\"id\":\"x2\",\"text\":\"Simmer the soup with garlic.\"}\n".utf8).write(to: jsonl)
        let result = try PrecisRunner.run(["classify", "--model", model, jsonl.path, "--json", "--top", "3", "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["label"] as? String == "computing")
        #expect(first["source"] as? String == "x1")
        let probabilities = try #require(first["probabilities"] as? [String: Double])
        #expect(probabilities.count == 3)
        #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-3)
        let explanation = try #require(first["explanation"] as? [[String: Any]])
        #expect(!explanation.isEmpty)
        let terms = explanation.compactMap { $0["term"] as? String }
        #expect(terms.contains("compiler") || terms.contains("bug") || terms.contains("source"))
    }

    @Test("the shipped default model classifies a sport story", .enabled(if: FileManager.default.fileExists(
        atPath: TestPaths.repositoryRoot.appendingPathComponent("Models/bbc-news.precis").path)))
    func defaultModel() throws {
        let text = "The Wales fly-half kicked three penalties as his side beat Ireland in the Six Nations rugby match at the Millennium Stadium on Saturday."
        let result = try PrecisRunner.run(["classify"], stdin: Data(text.utf8),
                                          environment: ["PRECIS_MODEL_DIR": TestPaths.repositoryRoot.appendingPathComponent("Models").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "sport\n")
        // Found without the variable too, by walking up from the executable.
        let walked = try PrecisRunner.run(["classify", "--top", "1"], stdin: Data(text.utf8))
        #expect(walked.stdout.hasPrefix("sport\t"), "\(walked.stderr)")
    }

    @Test("a corrupt, truncated or foreign model and a missing default give a one-line error")
    func badModels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        let corrupt = dir.appendingPathComponent("corrupt.precis")
        bytes[bytes.count - 10] ^= 0xFF
        try bytes.write(to: corrupt)
        let truncated = dir.appendingPathComponent("truncated.precis")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let foreign = dir.appendingPathComponent("foreign.precis")
        try Data("GIF89a not a model".utf8).write(to: foreign)
        for (file, fragment) in [(corrupt, "checksum"), (truncated, "truncated"), (foreign, "not a Precis model"),
                                 (dir.appendingPathComponent("absent.precis"), "no such file or directory")] {
            let result = try PrecisRunner.run(["classify", "--model", file.path], stdin: Data("text".utf8))
            #expect(result.status != 0)
            let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(message.contains(file.lastPathComponent) && message.contains(fragment), "\(message)")
            #expect(!message.contains("\n"))
        }
        let missing = try PrecisRunner.run(["classify"], stdin: Data("text".utf8), environment: ["PRECIS_MODEL_DIR": dir.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("default model"))
    }

    @Test("a directory gives each .txt file and a CSV each row; --format lists its values")
    func directoriesAndCSV() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let docs = dir.appendingPathComponent("docs/more")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try Data("The striker scored a goal in the match.".utf8).write(to: dir.appendingPathComponent("docs/a.txt"))
        try Data("Simmer the soup with garlic and butter.".utf8).write(to: docs.appendingPathComponent("b.txt"))
        let csv = dir.appendingPathComponent("rows.csv")
        try Data("id,text\n1,\"The compiler found a bug, in the code.\"\n".utf8).write(to: csv)
        let result = try PrecisRunner.run(["classify", "--model", model, dir.appendingPathComponent("docs").path, csv.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { $0[1] } == ["sport", "cooking", "computing"])
        #expect(lines[2][0] == csv.path + ":2")
        let help = try PrecisRunner.run(["classify", "--help"])
        let flatHelp = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flatHelp.contains("auto, text, tsv, csv, jsonl, lines"))
        let bad = try PrecisRunner.run(["classify", "--model", model, "--format", "xml", csv.path])
        #expect(bad.status != 0 && bad.stderr.contains("--format"))
    }
}
