import Foundation
import PrecisTestSupport

/// Paths and texts the server tests share.
enum ServerFixtures {
    static var shippedModel: String { TestPaths.repositoryRoot.appendingPathComponent("Models/bbc-news.precis").path }
    static var samples: URL { TestPaths.projectData.appendingPathComponent("samples") }

    /// A news article written for the project.
    static var article: String {
        (try? String(contentsOf: samples.appendingPathComponent("river-barrage.txt"), encoding: .utf8)) ?? ""
    }

    static var htmlArticle: String {
        (try? String(contentsOf: samples.appendingPathComponent("harbour-festival.html"), encoding: .utf8)) ?? ""
    }

    static let shortTexts = [
        "The striker scored twice as the champions won the league match.",
        "Shares fell sharply after the bank reported lower quarterly profits.",
        "The new smartphone has a faster processor and a better camera.",
        "The prime minister faced questions from MPs over the election plans.",
        "The film won three awards at the festival, including best actress.",
    ]

    /// Trains the small three-class fixture model (computing, cooking, sport) into `dir`.
    static func trainSmallModel(in dir: URL, name: String = "small.precis") throws -> String {
        let model = dir.appendingPathComponent(name).path
        let data = TestPaths.projectData.appendingPathComponent("fixtures/classification/train.tsv").path
        let result = try PrecisRunner.run(["train", "--data", data, "--model", model, "--min-df", "1"],
                                          environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        guard result.status == 0 else { throw HTTPConnection.Failure(description: "train failed: \(result.stderr)") }
        return model
    }
}
