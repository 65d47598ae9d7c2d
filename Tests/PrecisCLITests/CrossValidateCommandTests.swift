import Foundation
import Testing
import PrecisTestSupport

struct CrossValidateCommandTests {
    @Test("reports each fold and mean ± std; JSON has folds, mean and std")
    func crossValidate() throws {
        let text = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "3", "--min-df", "1"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("fold 1/3"))
        #expect(text.stdout.contains("fold 3/3"))
        #expect(text.stdout.contains("mean ± std"))
        let json = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "3",
                                         "--min-df", "1", "--json", "--seed", "7"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let folds = try #require(object["folds"] as? [[String: Any]])
        #expect(folds.count == 3)
        #expect(folds.allSatisfy { $0["accuracy"] != nil && $0["n"] as? Int == 12 })
        #expect((object["mean"] as? [String: Double])?["accuracy"] != nil)
        #expect((object["std"] as? [String: Double])?["macro_f1"] != nil)
        #expect(object["n"] as? Int == 36)
        // Same seed, same answer.
        let again = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "3",
                                          "--min-df", "1", "--json", "--seed", "7"])
        #expect(again.stdout == json.stdout)
    }

    @Test("too few folds or one class is refused")
    func errors() throws {
        let one = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "1"])
        #expect(one.status != 0)
        #expect(one.stderr.contains("--folds"))
        let single = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("one-class.tsv"), "--folds", "2"])
        #expect(single.status != 0)
        #expect(single.stderr.contains("two classes"))
        // A configuration the data cannot honour names the flag and the file, in one line.
        let many = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "100", "--min-df", "1"])
        #expect(many.status != 0 && many.stderr.contains("--folds") && many.stderr.contains("train.tsv"))
        #expect(!many.stderr.trimmingCharacters(in: .whitespacesAndNewlines).contains("\n"))
        let solver = try PrecisRunner.run(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--solver", "adam"])
        #expect(solver.status != 0 && solver.stderr.contains("--solver") && solver.stderr.contains("lbfgs"))
    }
}
