import Foundation
import PrecisTestSupport

/// Paths and a trained model shared by the classifier command tests.
enum ClassifierCLIFixtures {
    static var directory: URL { TestPaths.projectData.appendingPathComponent("fixtures/classification") }
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Trains a model on the fixture set into `dir` and returns its path.
    static func trainModel(in dir: URL, extra: [String] = []) throws -> String {
        let model = dir.appendingPathComponent("topics.precis").path
        let result = try PrecisRunner.run(["train", "--data", path("train.tsv"), "--model", model, "--min-df", "1"] + extra,
                                          environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        guard result.status == 0 else { throw Failure(message: result.stderr) }
        return model
    }

    struct Failure: Error { var message: String }
}
