import Foundation
import Testing
import PrecisFeatures
import PrecisTestSupport

struct VectorizerFilesTests {
    @Test("saved vocabulary, idf and options transform new documents as scikit-learn's transform does")
    func transformParity() throws {
        let fixture = try ParityFixture.json("expected-transform.json")
        let train = fixture["train"] as! [String], test = fixture["test"] as! [String]
        let config = ParityFixture.configuration(fixture["settings"] as! [String: Any])
        let fitted = try TfidfVectorizer(configuration: config).fit(train)
        #expect(fitted.vocabulary == fixture["vocabulary"] as! [String])
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try VectorizerFiles.write(fitted, to: dir.path)
        let loaded = try VectorizerFiles.read(directory: dir.path)
        #expect(loaded == fitted, "the saved vectoriser reads back equal (idf exact at float32)")
        let mismatch = ParityFixture.mismatch(loaded.transform(test), ParityFixture.rows(fixture["rows"]))
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("a folder without the files, or with a short idf.txt, is refused naming the file")
    func errors() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect { try VectorizerFiles.read(directory: dir.path) } throws: {
            "\($0)".contains("vectorizer.json")
        }
        let fitted = try TfidfVectorizer().fit(["a cat sat", "a dog ran"])
        try VectorizerFiles.write(fitted, to: dir.path)
        try Data("1.0\n".utf8).write(to: dir.appendingPathComponent("idf.txt"))
        #expect { try VectorizerFiles.read(directory: dir.path) } throws: {
            "\($0)".contains("idf.txt") && "\($0)".contains("idf values")
        }
    }
}
