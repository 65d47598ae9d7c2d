import Testing
import Foundation
import PrecisTestSupport

/// The release binary links the standard `libblas.so.3`, so the same file runs
/// on whichever BLAS the system provides: OpenBLAS (Debian's alternative) or
/// the reference implementation, picked here with `LD_LIBRARY_PATH`.
struct BLASBackendTests {
    static let referenceBLASDirectory = "/usr/lib/x86_64-linux-gnu/blas"

    @Test("precis links libblas.so.3 and no BLAS by name")
    func linksStandardBLAS() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [PrecisRunner.executable]
        let pipe = Pipe()
        ldd.standardOutput = pipe
        try ldd.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        let direct = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(direct.contains { $0.hasPrefix("libblas.so.3 ") })
        // OpenBLAS may appear as the alternative's own dependency, but the binary
        // must not name it: check the dynamic section instead of ldd's closure.
        let elf = try Data(contentsOf: URL(fileURLWithPath: PrecisRunner.executable))
        #expect(elf.range(of: Data("libopenblas".utf8)) == nil)
    }

    @Test("the same binary gives the same summary on the reference BLAS",
          .enabled(if: FileManager.default.fileExists(atPath: referenceBLASDirectory + "/libblas.so.3")))
    func referenceBLAS() throws {
        let article = TestPaths.projectData.appendingPathComponent("samples/river-barrage.txt").path
        let arguments = ["summarize", article, "--sentences", "3", "--json"]
        let system = try PrecisRunner.run(arguments)
        let reference = try PrecisRunner.run(arguments, environment: ["LD_LIBRARY_PATH": Self.referenceBLASDirectory])
        #expect(system.status == 0 && reference.status == 0, "\(system.stderr) \(reference.stderr)")
        func chosen(_ json: String) throws -> [Int] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let sentences = object?["sentences"] as? [[String: Any]] ?? []
            return sentences.compactMap { $0["index"] as? Int }
        }
        let picked = try chosen(system.stdout)
        #expect(picked.count == 3)
        #expect(try chosen(reference.stdout) == picked)
    }
}
