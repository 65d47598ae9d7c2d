import Testing
import Foundation
import PrecisDatasets
import PrecisTestSupport

struct DatasetReaderTests {
    static func fixture(_ name: String) -> String {
        TestPaths.projectData.appendingPathComponent("fixtures/datasets/\(name)").path
    }

    /// The error `body` throws, as its one-line description.
    func message(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return String(describing: error) }
    }

    @Test("TSV: label, then everything after the first TAB; CRLF and blank lines handled")
    func tsv() throws {
        let docs = try LabeledDataset.read(path: Self.fixture("small.tsv"))
        #expect(docs == [
            LabeledDocument(label: "sport", text: "The match ended 2-1."),
            LabeledDocument(label: "tech", text: "New chips are faster."),
            LabeledDocument(label: "sport", text: "A goal in the last minute\twith a tab inside."),
        ])
    }

    @Test("CSV: columns by name, RFC 4180 quotes, doubled quotes and embedded newlines")
    func csv() throws {
        let docs = try LabeledDataset.read(path: Self.fixture("small.csv"))
        #expect(docs == [
            LabeledDocument(label: "sport", text: "The match ended 2-1, after extra time."),
            LabeledDocument(label: "tech", text: "He said \"fast\" twice.\nThen a new line."),
            LabeledDocument(label: "sport", text: "Plain field without quotes"),
        ])
        let byID = try LabeledDataset.read(path: Self.fixture("small.csv"), labelColumn: "id", textColumn: "label")
        #expect(byID.map(\.label) == ["1", "2", "3"])
    }

    @Test("JSONL: string or numeric labels, keys in any order, blank lines skipped")
    func jsonl() throws {
        let docs = try LabeledDataset.read(path: Self.fixture("small.jsonl"))
        #expect(docs == [
            LabeledDocument(label: "sport", text: "The match ended 2-1."),
            LabeledDocument(label: "3", text: "Numeric label, é escaped."),
            LabeledDocument(label: "tech", text: "Keys in any order"),
        ])
    }

    @Test("texts only: labels not needed, JSONL articles read through their 'article' key")
    func textsOnly() throws {
        #expect(try LabeledDataset.readTexts(path: Self.fixture("articles.jsonl")) == ["First article text.", "Second one."])
        #expect(try LabeledDataset.readTexts(path: Self.fixture("small.jsonl")).count == 3)
        #expect(try LabeledDataset.readTexts(path: Self.fixture("small.tsv")).count == 3)
        #expect(message { try LabeledDataset.read(path: Self.fixture("articles.jsonl")) }?.contains(":1: missing key 'text'") == true)
    }

    @Test("directory: one sub-directory per label, .txt files in name order, hidden entries skipped")
    func directory() throws {
        let docs = try LabeledDataset.read(path: Self.fixture("dir"))
        #expect(docs == [
            LabeledDocument(label: "sport", text: "The match ended 2-1.\n"),
            LabeledDocument(label: "sport", text: "Another game: 3-0.\n"),
            LabeledDocument(label: "tech", text: "New chips.\n"),
        ])
    }

    @Test("auto: by extension, by directory, or by the first line")
    func auto() throws {
        #expect(try DataFormat.auto.resolved(for: Self.fixture("small.csv")) == .csv)
        #expect(try DataFormat.auto.resolved(for: Self.fixture("small.jsonl")) == .jsonl)
        #expect(try DataFormat.auto.resolved(for: Self.fixture("dir")) == .directory)
        #expect(try DataFormat.auto.resolved(for: Self.fixture("noextension")) == .tsv)
        #expect(try DataFormat.auto.resolved(for: Self.fixture("noextension-csv")) == .csv)
        #expect(try LabeledDataset.read(path: Self.fixture("noextension-csv")).map(\.text) == ["csv without extension"])
        // An explicit format wins over the extension.
        #expect(message { try LabeledDataset.read(path: Self.fixture("small.tsv"), format: .csv) } != nil)
    }

    @Test("errors name the file and line", arguments: [
        ("invalid-utf8.tsv", ":2: invalid UTF-8"),
        ("missing-tab.tsv", ":2: expected label<TAB>text"),
        ("unterminated.csv", ":2: unterminated quoted field"),
        ("wrong-column.csv", ":1: no column named 'text'"),
        ("extra-field.csv", ":2: expected 2 fields"),
        ("invalid.jsonl", ":2: invalid JSON"),
        ("bool-label.jsonl", ":2: 'label' is not a string or a number"),
        ("missing-text.jsonl", ":1: missing key 'text'"),
        ("no-such-file.tsv", ": no such file"),
    ])
    func errors(file: String, expected: String) {
        let path = Self.fixture(file)
        let error = message { try LabeledDataset.read(path: path) }
        #expect(error?.hasPrefix(path + expected) == true, "\(error ?? "no error")")
        #expect(error?.contains("\n") == false)
    }

    @Test("a directory without label folders of .txt files is an error")
    func emptyDirectory() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = message { try LabeledDataset.read(path: dir.path) }
        #expect(error?.hasPrefix(dir.path + ": no documents") == true)
    }

    @Test("the shared corpora read as TSV", .enabled(if: TestPaths.hasSharedData), .tags(.corpus, .slow), .notInQuickRuns)
    func sharedCorpus() throws {
        let docs = try LabeledDataset.read(path: TestPaths.shared("bbc-news/train.tsv"))
        #expect(docs.count > 1000)
        #expect(Set(docs.map(\.label)).count == 5)
    }
}

struct MultiLabelDatasetTests {
    func write(_ text: String, _ name: String) throws -> String {
        let dir = TestPaths.temporaryDirectory()
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("TSV label fields split on the separator, trimmed, without repeats")
    func tsv() throws {
        let path = try write("grain,corn\tCorn credits\ntrade, trade ,grain\tTalks\n", "ml.tsv")
        let docs = try MultiLabelDataset.read(path: path)
        #expect(docs.map(\.labels) == [["grain", "corn"], ["trade", "grain"]])
        let piped = try write("a|b\tx\n", "p.tsv")
        #expect(try MultiLabelDataset.read(path: piped, separator: "|")[0].labels == ["a", "b"])
    }

    @Test("JSONL labels arrays (or a label string split on the separator)")
    func jsonl() throws {
        let path = try write("{\"labels\": [\"grain\", \"corn\"], \"text\": \"x\"}\n{\"label\": \"a,b\", \"text\": \"y\"}\n", "ml.jsonl")
        #expect(try MultiLabelDataset.read(path: path).map(\.labels) == [["grain", "corn"], ["a", "b"]])
    }

    @Test("a document without labels is refused, naming the file and line")
    func empty() throws {
        let path = try write("{\"labels\": [], \"text\": \"x\"}\n", "empty.jsonl")
        #expect { try MultiLabelDataset.read(path: path) } throws: { error in
            "\(error)".contains("empty.jsonl") && "\(error)".contains("1")
        }
    }
}
