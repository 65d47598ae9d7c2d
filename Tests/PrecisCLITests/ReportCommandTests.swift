import Foundation
import Testing
import PrecisTestSupport

struct ReportCommandTests {
    static let summaries = TestPaths.projectData.appendingPathComponent("fixtures/summaries/samples.jsonl").path

    /// Runs `arguments` + `--report FILE` and returns the report's text.
    static func report(_ arguments: [String], in dir: URL, name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        let r = try PrecisRunner.run(arguments + ["--report", path])
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("evaluate, cross-validate and evaluate-summaries write well-formed self-contained reports")
    func reports() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let evaluation = try Self.report(["evaluate", "--model", model, "--data", ClassifierCLIFixtures.path("test.tsv")],
                                         in: dir, name: "evaluate.html")
        let cv = try Self.report(["cross-validate", "--data", ClassifierCLIFixtures.path("train.tsv"), "--folds", "2", "--min-df", "1"],
                                 in: dir, name: "cv.html")
        let rouge = try Self.report(["evaluate-summaries", "--data", Self.summaries, "--sentences", "2"], in: dir, name: "rouge.html")
        for (name, html) in [("evaluate", evaluation), ("cross-validate", cv), ("evaluate-summaries", rouge)] {
            #expect(HTMLChecks.xmlError(html) == nil, "\(name): \(HTMLChecks.xmlError(html) ?? "")")
            #expect(html.contains("<svg"), "\(name) has no chart")
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\""), "\(name) is not self-contained")
        }
        #expect(evaluation.contains("Confusion matrix") && evaluation.contains("Reliability"))
        #expect(cv.contains("Per-fold scores") && cv.contains("fold 2"))
        #expect(rouge.contains("<mark>"))
    }

    @Test("multi-label evaluate and cross-validate write reports with per-label F1 by support, calibration and mistakes")
    func multiLabel() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = try MultiLabelCommandTests.writeData(dir, name: "train.tsv", count: 90, seed: 1)
        let test = try MultiLabelCommandTests.writeData(dir, name: "test.tsv", count: 45, seed: 2)
        let model = dir.appendingPathComponent("ml.precis").path
        let trained = try PrecisRunner.run(["train", "--multi-label", "--data", train, "--model", model, "--min-df", "1"])
        #expect(trained.status == 0, "\(trained.stderr)")
        let evaluation = try Self.report(["evaluate", "--model", model, "--data", test], in: dir, name: "ml.html")
        let cv = try Self.report(["cross-validate", "--multi-label", "--data", train, "--folds", "3", "--min-df", "1"],
                                 in: dir, name: "mlcv.html")
        for (name, html) in [("evaluate", evaluation), ("cross-validate", cv)] {
            #expect(HTMLChecks.xmlError(html) == nil, "\(name): \(HTMLChecks.xmlError(html) ?? "")")
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\""), "\(name) is not self-contained")
            for part in ["micro F1", "macro F1", "samples F1", "Per-label F1 by support", "Reliability (calibration)",
                         "Most confident mistakes", "<circle"] {
                #expect(html.contains(part), "\(name) lacks \(part)")
            }
        }
        #expect(evaluation.contains("(multi-label)") && evaluation.contains("model features"))
        #expect(cv.contains("Per-fold scores") && cv.contains("fold 3"))
        // The report changes nothing on standard output.
        let plain = try PrecisRunner.run(["evaluate", "--model", model, "--data", test])
        let reported = try PrecisRunner.run(["evaluate", "--model", model, "--data", test, "--report", dir.appendingPathComponent("again.html").path])
        #expect(plain.stdout == reported.stdout && !plain.stdout.isEmpty)
    }

    @Test("a multi-label report renders in headless Chromium",
          .enabled(if: HTMLChecks.chromium != nil, "chromium is not installed (apt-get install chromium); skipping the rendering test"))
    func multiLabelRendersInChromium() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let train = try MultiLabelCommandTests.writeData(dir, name: "train.tsv", count: 90, seed: 1)
        let model = dir.appendingPathComponent("ml.precis").path
        #expect(try PrecisRunner.run(["train", "--multi-label", "--data", train, "--model", model, "--min-df", "1"]).status == 0)
        _ = try Self.report(["evaluate", "--model", model, "--data", train], in: dir, name: "r.html")
        let png = dir.appendingPathComponent("r.png").path
        try HTMLChecks.screenshot(html: dir.appendingPathComponent("r.html").path, png: png, width: 1000, height: 1400)
        let size = try #require(HTMLChecks.pngSize(png), "no PNG written")
        #expect(size.width == 1000 && size.height == 1400)
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).count > 20_000)
    }

    @Test("a report into a missing folder fails before any work, naming the file")
    func unwritable() throws {
        let r = try PrecisRunner.run(["evaluate-summaries", "--data", Self.summaries, "--report", "/nonexistent/dir/r.html"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/dir/r.html"))
    }

    @Test("a report renders in headless Chromium to a PNG of the window's size",
          .enabled(if: HTMLChecks.chromium != nil, "chromium is not installed (apt-get install chromium); skipping the rendering test"))
    func rendersInChromium() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        _ = try Self.report(["evaluate", "--model", model, "--data", ClassifierCLIFixtures.path("test.tsv")], in: dir, name: "r.html")
        let png = dir.appendingPathComponent("r.png").path
        try HTMLChecks.screenshot(html: dir.appendingPathComponent("r.html").path, png: png, width: 1000, height: 1400)
        let size = try #require(HTMLChecks.pngSize(png), "no PNG written")
        #expect(size.width == 1000 && size.height == 1400)
        // Not a blank page: a rendered report has many distinct bytes of image data.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.count > 20_000)
    }
}
