import Foundation
import Testing
import PrecisTestSupport

struct InstallLayoutTests {
    @Test("an installed layout (PREFIX/bin/precis, PREFIX/share/precis/models) finds the shipped model from any folder")
    func installedModel() throws {
        let prefix = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let fm = FileManager.default
        let bin = prefix.appendingPathComponent("bin"), models = prefix.appendingPathComponent("share/precis/models")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try fm.createDirectory(at: models, withIntermediateDirectories: true)
        try fm.copyItem(atPath: PrecisRunner.executable, toPath: bin.appendingPathComponent("precis").path)
        try fm.copyItem(at: TestPaths.repositoryRoot.appendingPathComponent("Models/bbc-news.precis"),
                        to: models.appendingPathComponent("bbc-news.precis"))
        let process = Process()
        process.executableURL = bin.appendingPathComponent("precis")
        process.arguments = ["classify"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        var environment = ProcessInfo.processInfo.environment
        environment["PRECIS_MODEL_DIR"] = nil
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("The striker scored twice as the home side won the cup final.".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text == "sport\n")
    }
}
