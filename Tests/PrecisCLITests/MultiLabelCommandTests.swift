import Foundation
import Testing
import PrecisTestSupport

/// `train --multi-label`, `classify`, `evaluate` and `cross-validate` on multi-label data.
struct MultiLabelCommandTests {
    /// A small multi-label TSV: three topics, every third document mixes two.
    static func writeData(_ dir: URL, name: String, count: Int, seed: Int) throws -> String {
        let words = [["match", "goal", "striker", "league", "coach", "referee"],
                     ["shares", "profit", "bank", "market", "investors", "dividend"],
                     ["software", "chip", "startup", "internet", "computer", "robot"]]
        let names = ["sport", "money", "tech"]
        var state = UInt64(seed)
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var rows: [String] = []
        for i in 0..<count {
            var topics = [i % 3]
            if i % 3 == 1 { topics.append((i + 1) % 3) }
            let text = (0..<10).map { _ in words[topics[next(topics.count)]][next(6)] + " the" }.joined(separator: " ")
            rows.append(topics.map { names[$0] }.joined(separator: ",") + "\t" + text)
        }
        let path = dir.appendingPathComponent(name).path
        try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("train, classify and evaluate a multi-label model")
    func endToEnd() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = try Self.writeData(dir, name: "train.tsv", count: 150, seed: 1)
        let test = try Self.writeData(dir, name: "test.tsv", count: 45, seed: 2)
        let model = dir.appendingPathComponent("ml.precis").path
        let trained = try PrecisRunner.run(["train", "--multi-label", "--data", train, "--model", model, "--min-df", "1"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("labels:     3 (multi-label"))
        #expect(trained.stdout.contains("(kept)"))

        let classified = try PrecisRunner.run(["classify", "--model", model, "--format", "lines", "--json"],
                                              stdin: Data("goal striker match the profit bank shares\nchip robot software\n".utf8))
        #expect(classified.status == 0, "\(classified.stderr)")
        let lines = classified.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 2)
        #expect(Set(lines[0]["labels"] as! [String]) == ["sport", "money"])
        #expect(lines[1]["labels"] as! [String] == ["tech"])
        #expect((lines[0]["probabilities"] as! [String: Double]).count == 2)

        let evaluated = try PrecisRunner.run(["evaluate", "--model", model, "--data", test, "--json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let metrics = try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as! [String: Any]
        #expect(Set(metrics.keys) == ["micro_f1", "macro_f1", "samples_f1", "subset_accuracy", "hamming_loss", "per_label"])
        #expect((metrics["micro_f1"] as! Double) >= 0.95)
        #expect((metrics["per_label"] as! [String: Any]).count == 3)
    }

    @Test("cross-validate --multi-label reports every fold and the pooled metrics")
    func crossValidate() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Self.writeData(dir, name: "train.tsv", count: 120, seed: 3)
        let result = try PrecisRunner.run(["cross-validate", "--multi-label", "--data", data, "--folds", "3", "--min-df", "1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect((object["folds"] as! [Any]).count == 3)
        #expect(((object["pooled"] as! [String: Any])["micro_f1"] as! Double) >= 0.9)
    }

    @Test("the shared Reuters ModApte-90 set: micro-F1 and macro-F1 at our measured level",
          .enabled(if: TestPaths.hasSharedData), .tags(.corpus, .slow), .notInQuickRuns)
    func reuters() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = dir.appendingPathComponent("reuters.precis").path
        let trained = try PrecisRunner.run(["train", "--multi-label", "--data", TestPaths.shared("reuters21578-modapte90/train.tsv"),
                                            "--model", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let evaluated = try PrecisRunner.run(["evaluate", "--model", model, "--data",
                                              TestPaths.shared("reuters21578-modapte90/test.tsv"), "--json"])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let metrics = try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as! [String: Any]
        #expect((metrics["micro_f1"] as! Double) >= 0.865, "measured 0.8709")
        #expect((metrics["macro_f1"] as! Double) >= 0.54, "measured 0.5498")
        // The model grows with the labels (90), not with label combinations (443).
        let size = try FileManager.default.attributesOfItem(atPath: model)[.size] as? Int ?? 0
        #expect(size <= 60_000_000)
    }
}

struct MultiLabelOptionTests {
    @Test("options a multi-label fit cannot honour are refused with a one-line message", arguments: [
        ["--solver", "lbfgs"], ["--class-weight", "balanced"], ["--cv-folds", "3"],
    ])
    func refused(_ extra: [String]) throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try MultiLabelCommandTests.writeData(dir, name: "train.tsv", count: 30, seed: 5)
        let result = try PrecisRunner.run(["train", "--multi-label", "--data", data, "--model", dir.appendingPathComponent("m.precis").path] + extra)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--multi-label does not take \(extra[0])"), "\(result.stderr)")
    }
}
