import Foundation
import Testing
import PrecisTestSupport

struct InspectCommandTests {
    @Test("shows classes, vocabulary size, options, metadata and top terms")
    func inspect() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir, extra: ["--cv-folds", "3"])
        let result = try PrecisRunner.run(["inspect", "--model", model, "--top", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        for fragment in ["classes:     3", "computing (12 training documents)", "vocabulary:", "ngram-range 1,2",
                         "L2 alpha = ", "selection:   multi-class and alpha and epochs chosen", "<- chosen", "temperature:", "over 4 runs", "2026-01-01T00:00:00Z", "train.tsv", "3-fold CV", "top terms per class:", "  sport: "] {
            #expect(result.stdout.contains(fragment), "missing \(fragment)")
        }
        let json = try PrecisRunner.run(["inspect", "--model", model, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["labels"] as? [String] == ["computing", "cooking", "sport"])
        #expect((object["top_terms"] as? [String: [String]])?["cooking"]?.isEmpty == false)
        // Readable keys and values, never Swift's raw enum encoding.
        #expect(!json.stdout.contains("_0") && !json.stdout.contains("maxDF"))
        let vectorizer = try #require(object["vectorizer"] as? [String: Any])
        #expect(vectorizer["min_df"] as? String == "1" && vectorizer["ngram_range"] as? [Int] == [1, 2])
        let training = try #require(object["training"] as? [String: Any])
        #expect((training["cross_validation"] as? [String: Any])?["folds"] as? Int == 3)
    }

    @Test("a one-vs-rest model says so, and its probabilities sum to one")
    func oneVsRest() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir, extra: ["--multi-class", "ovr"])
        let result = try PrecisRunner.run(["inspect", "--model", model])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("one-vs-rest logistic regression"), "\(result.stdout)")
        let classify = try PrecisRunner.run(["classify", "--model", model, "--json", "--top", "3"],
                                            stdin: Data("Knead the dough and bake the bread.".utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as? [String: Any])
        let probabilities = try #require(object["probabilities"] as? [String: Double])
        #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-4)
        #expect(object["label"] as? String == "cooking")
    }
}
