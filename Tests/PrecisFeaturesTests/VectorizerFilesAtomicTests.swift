import Foundation
import Testing
import PrecisFeatures
import PrecisTestSupport

/// `VectorizerFiles.write` goes through the CLI's atomic writer: mode kept, no temporaries
/// left, a FIFO or directory in the way refused instead of replaced.
struct VectorizerFilesAtomicTests {
    func fitted() throws -> TfidfModel {
        try TfidfVectorizer().fit(["the market rallied", "shares fell in early trading"])
    }

    @Test("an existing file keeps its mode and nothing else is left in the folder")
    func modeAndNoLeftovers() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vocabulary = dir.appendingPathComponent(VectorizerFiles.vocabularyName).path
        FileManager.default.createFile(atPath: vocabulary, contents: Data("old\n".utf8))
        chmod(vocabulary, 0o600)
        try VectorizerFiles.write(try fitted(), to: dir.path)
        var info = stat()
        #expect(stat(vocabulary, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == [VectorizerFiles.idfName, VectorizerFiles.vocabularyName, VectorizerFiles.settingsName].sorted())
        #expect(try VectorizerFiles.read(directory: dir.path).vocabulary == (try fitted()).vocabulary)
    }

    @Test("a FIFO or a directory where a file goes is refused, not replaced")
    func refusesNonRegular() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let idf = dir.appendingPathComponent(VectorizerFiles.idfName).path
        #expect(mkfifo(idf, 0o644) == 0)
        do { try VectorizerFiles.write(try fitted(), to: dir.path); Issue.record("wrote over a FIFO") } catch {
            #expect("\(error)".contains("FIFO"), "\(error)")
        }
        var info = stat()
        #expect(lstat(idf, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
}
