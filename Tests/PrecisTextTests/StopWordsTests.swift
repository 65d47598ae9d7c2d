import Testing
import Foundation
import PrecisText
import PrecisTestSupport

struct StopWordsTests {
    @Test("the embedded English list equals Data/stop-words-english.txt")
    func embeddedMatchesDataFile() throws {
        let fromFile = try StopWords.read(path: TestPaths.projectData.appendingPathComponent("stop-words-english.txt").path)
        #expect(fromFile == StopWords.english)
        #expect(StopWords.english.count == 318)
        #expect(StopWords.english.contains("the") && !StopWords.english.contains("cat"))
    }

    @Test("a missing stop-word file is an error naming the file")
    func missingFile() {
        #expect {
            try StopWords.read(path: "/no/such/stopwords.txt")
        } throws: { error in
            String(describing: error).hasPrefix("/no/such/stopwords.txt: ")
        }
    }
}
