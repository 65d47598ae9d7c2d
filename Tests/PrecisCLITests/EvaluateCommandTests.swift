import Foundation
import Testing
import PrecisTestSupport

struct EvaluateCommandTests {
    @Test("prints a report and the SPEC's JSON keys")
    func evaluate() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let text = try PrecisRunner.run(["evaluate", "--model", model, "--data", ClassifierCLIFixtures.path("test.tsv")])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("precision"))
        #expect(text.stdout.contains("accuracy"))
        #expect(text.stdout.contains("confusion"))
        let json = try PrecisRunner.run(["evaluate", "--model", model, "--data", ClassifierCLIFixtures.path("test.tsv"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        for key in ["accuracy", "macro_f1", "weighted_f1", "log_loss", "n", "labels", "per_class", "confusion"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["n"] as? Int == 6)
        #expect(object["accuracy"] as? Double == 1.0)
        #expect(object["labels"] as? [String] == ["computing", "cooking", "sport"])
    }

    @Test("labels the model never saw are errors, reported on stderr, not a crash")
    func unseenLabels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let data = dir.appendingPathComponent("new.tsv")
        try Data("sport\tThe team won the match.\ngardening\tPlant the roses in spring.\n".utf8).write(to: data)
        let result = try PrecisRunner.run(["evaluate", "--model", model, "--data", data.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("gardening"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["accuracy"] as? Double == 0.5)
        #expect((object["labels"] as? [String])?.contains("gardening") == true)
    }

    @Test("--confusion chooses the text display of the confusion matrix")
    func confusionDisplay() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let data = ClassifierCLIFixtures.path("test.tsv")
        let none = try PrecisRunner.run(["evaluate", "--model", model, "--data", data, "--confusion", "none"])
        #expect(none.status == 0 && !none.stdout.contains("confusion") && none.stdout.contains("accuracy"))
        let top = try PrecisRunner.run(["evaluate", "--model", model, "--data", data, "--confusion", "top"])
        #expect(top.status == 0 && top.stdout.contains("top confusions"))
        let full = try PrecisRunner.run(["evaluate", "--model", model, "--data", data, "--confusion", "full"])
        #expect(full.stdout.contains("confusion matrix (rows = true label"))
        let bad = try PrecisRunner.run(["evaluate", "--model", model, "--data", data, "--confusion", "wide"])
        #expect(bad.status != 0)
    }
}
