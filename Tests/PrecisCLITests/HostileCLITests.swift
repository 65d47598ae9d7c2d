import Foundation
import Testing
import PrecisClassification
import PrecisFeatures
import PrecisLinearAlgebra
import PrecisTestSupport

/// Every case of issue 16, end to end: a message and a non-zero exit, or a
/// refusal before any damage; never a trap, a silent exit 0 or a leftover file.
@Suite(.serialized)
struct HostileCLITests {
    /// Runs a shell script with `$PRECIS` set to the tool; returns status and stderr.
    @discardableResult
    static func shell(_ script: String, in dir: URL) throws -> CommandResult {
        try PrecisRunner.run([], environment: ["PRECIS": PrecisRunner.executable], currentDirectory: dir,
                             launcher: ["/bin/sh", "-c", script, "sh"])
    }

    static var train: String { ClassifierCLIFixtures.path("train.tsv") }

    /// A trapped process dies by a signal: the shell reports 128 + signal.
    static func expectFailedCleanly(_ result: CommandResult, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "status \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
    }

    @Test("a full disk on standard output or error is an error, never a trap or a silent exit 0")
    func fullDisk() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        try #"{"id":"1","article":"The first sentence is here. A second sentence follows it. The third one ends."}"#
            .write(to: dir.appendingPathComponent("a.jsonl"), atomically: false, encoding: .utf8)
        try "The first sentence is here. A second sentence follows it.".write(to: dir.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        let cases = [
            "echo 'shares rose' | \"$PRECIS\" classify --model '\(model)' > /dev/full",
            "\"$PRECIS\" summarize a.txt > /dev/full",
            "\"$PRECIS\" summarize --jsonl a.jsonl > /dev/full",
            "\"$PRECIS\" keywords a.txt > /dev/full",
            "\"$PRECIS\" evaluate --model '\(model)' --data '\(Self.train)' > /dev/full",
            "\"$PRECIS\" evaluate --model '\(model)' --data '\(Self.train)' --json > /dev/full",
            "\"$PRECIS\" inspect --model '\(model)' > /dev/full",
            "\"$PRECIS\" cross-validate --data '\(Self.train)' --folds 2 --min-df 1 > /dev/full",
        ]
        for script in cases {
            let result = try Self.shell(script, in: dir)
            Self.expectFailedCleanly(result, "standard output: cannot write: No space left on device")
        }
        // Standard error full: the message cannot be shown, the status still says so.
        for script in ["printf '' | \"$PRECIS\" summarize 2>/dev/full",
                       "\"$PRECIS\" vectorize --data '\(Self.train)' --output out --timings 2>/dev/full"] {
            let result = try Self.shell(script, in: dir)
            #expect(result.status == 1, "\(script): \(result.status)")
        }
    }

    @Test("a closed pipe ends quietly, by SIGPIPE, as Unix tools do")
    func brokenPipe() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let result = try Self.shell("""
        yes 'shares rose sharply in the market today' | head -n 200000 > in.txt
        ( "$PRECIS" classify --model '\(model)' --format lines in.txt 2>err.txt; echo $? > code.txt ) | head -c 10 > /dev/null
        cat code.txt err.txt
        """, in: dir)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "141", "\(result.stdout) \(result.stderr)")
        #expect(lines.count == 1, "no message on a closed pipe: \(result.stdout)")
    }

    @Test("divergent training is an error naming the option, and the old model survives")
    func divergence() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        for (options, names) in [(["--intercept-step", "1e300"], "--intercept-step"), (["--alpha", "1e-300"], "--alpha"),
                                 (["--c", "1e300"], "--c")] {
            let result = try PrecisRunner.run(["train", "--data", Self.train, "--model", model, "--min-df", "1"] + options)
            Self.expectFailedCleanly(result, "training diverged")
            #expect(result.stderr.contains(names), "\(result.stderr)")
            #expect(!result.stderr.contains("EncodingError"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["topics.precis"])
    }

    @Test("negative numbers reach the range checks and explain themselves", arguments: [
        (["train", "--c", "-1"], "--c must be a positive number, got -1"),
        (["train", "--alpha", "-1"], "--alpha must be a non-negative number"),
        (["train", "--epochs", "-3"], "--epochs must be at least 1, got -3"),
        (["train", "--max-features", "-5"], "--max-features"),
        (["train", "--validation-split", "-0.5"], "--validation-split must be in [0, 1)"),
        (["train", "--intercept-step", "-1"], "--intercept-step must be a non-negative number"),
        (["cross-validate", "--folds", "-2"], "--folds must be at least 2"),
    ])
    func negativeNumbers(arguments: [String], expected: String) throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var full = arguments + ["--data", Self.train]
        if arguments[0] == "train" { full += ["--model", dir.appendingPathComponent("m.precis").path] }
        let result = try PrecisRunner.run(full)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test("destructive model paths are refused before any work: the data, a FIFO, a directory, a device")
    func destructivePaths() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data.tsv").path
        try FileManager.default.copyItem(atPath: Self.train, toPath: data)
        let original = try Data(contentsOf: URL(fileURLWithPath: data))
        var result = try PrecisRunner.run(["train", "--data", data, "--model", data])
        Self.expectFailedCleanly(result, "is also an input file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == original)
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        result = try PrecisRunner.run(["train", "--data", data, "--model", fifo])
        Self.expectFailedCleanly(result, "not a regular file (a FIFO)")
        result = try PrecisRunner.run(["train", "--data", data, "--model", dir.path])
        Self.expectFailedCleanly(result, "not a regular file (a directory)")
        result = try PrecisRunner.run(["train", "--data", data, "--model", "/dev/null"])
        Self.expectFailedCleanly(result, "not a regular file (a character device)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        // vectorize: the output must be a directory; matrix.mtx may not be a FIFO.
        result = try PrecisRunner.run(["vectorize", "--data", data, "--output", data])
        Self.expectFailedCleanly(result, "--output must be a directory")
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(mkfifo(out.appendingPathComponent("matrix.mtx").path, 0o600) == 0)
        result = try PrecisRunner.run(["vectorize", "--data", data, "--output", out.path])
        Self.expectFailedCleanly(result, "a FIFO")
        // The data inside the output directory under the name vectorize writes.
        let inside = dir.appendingPathComponent("out2")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        let vocabulary = inside.appendingPathComponent("vocabulary.txt").path
        try FileManager.default.copyItem(atPath: Self.train, toPath: vocabulary)
        result = try PrecisRunner.run(["vectorize", "--data", vocabulary, "--format", "tsv", "--output", inside.path])
        Self.expectFailedCleanly(result, "is also an input file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: vocabulary)) == original)
    }

    @Test("an existing model keeps its mode when replaced; vectorize leaves no temporaries")
    func modeAndLeftovers() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        #expect(chmod(model, 0o600) == 0)
        _ = try ClassifierCLIFixtures.trainModel(in: dir, extra: ["--c", "10", "--solver", "lbfgs"])
        var info = stat()
        #expect(stat(model, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let out = dir.appendingPathComponent("features")
        let result = try PrecisRunner.run(["vectorize", "--data", Self.train, "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
                == ["idf.txt", "labels.txt", "matrix.mtx", "vectorizer.json", "vocabulary.txt"])
    }

    @Test("interrupted training (SIGINT, SIGTERM, SIGKILL) leaves the old model and nothing else",
          .enabled(if: TestPaths.hasSharedData))
    func interrupted() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        let data = TestPaths.shared("bbc-news/train.tsv")
        for (signal, named) in [("INT", false), ("TERM", false), ("KILL", false), ("INT", true), ("TERM", true)] {
            for delay in ["0.3", "0.8", "1.5"] {
                try Self.shell("""
                \(named ? "PRECIS_NAMED_TEMPORARIES=1 " : "")"$PRECIS" train --data '\(data)' --model '\(model)' --solver lbfgs --max-iter 300 >/dev/null 2>&1 &
                pid=$!
                sleep \(delay)
                kill -\(signal) $pid 2>/dev/null
                wait $pid 2>/dev/null
                true
                """, in: dir)
                let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                #expect(entries == ["topics.precis"], "after SIG\(signal) at \(delay) s (named: \(named)): \(entries)")
                let after = try Data(contentsOf: URL(fileURLWithPath: model))
                // Either the old model or, if training finished first, a complete new one.
                #expect(after == before || after.starts(with: Array("PRECISLR".utf8)))
            }
        }
    }

    /// A model file with the given labels (and a tiny vocabulary), written directly.
    static func craftedModel(labels: [String], at path: String) throws {
        let terms = ["market", "match"]
        let tfidf = TfidfModel(configuration: TfidfConfiguration(), vocabulary: terms, idf: [1, 1])
        let weights = Matrix(rows: terms.count, columns: labels.count,
                             elements: (0..<(terms.count * labels.count)).map { Float($0 % 7) / 7 })
        let model = LogisticRegressionModel(weights: weights, intercepts: [Float](repeating: 0, count: labels.count))
        let classifier = TextClassifier(vectorizer: tfidf, model: model, labels: labels,
                                        metadata: TrainingMetadata(documents: 1, dataChecksum: "0"))
        try Data(ModelFile.encode(classifier)).write(to: URL(fileURLWithPath: path))
    }

    @Test("crafted models with duplicate or empty labels are refused by every command, without a trap")
    func craftedLabels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for labels in [["sport", "sport", "business"], ["", "sport"]] {
            let path = dir.appendingPathComponent("bad.precis").path
            try Self.craftedModel(labels: labels, at: path)
            for arguments in [["inspect", "--model", path, "--json"], ["evaluate", "--model", path, "--data", Self.train]] {
                let result = try PrecisRunner.run(arguments)
                Self.expectFailedCleanly(result, "bad.precis: corrupt model file")
            }
        }
    }

    @Test("labels with escape sequences are printed escaped")
    func escapedLabels() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ansi.precis").path
        try Self.craftedModel(labels: ["sport\u{1B}[2J", "biz\u{1B}]0;pwned\u{07}"], at: path)
        let classify = try PrecisRunner.run(["classify", "--model", path, "--top", "2"], stdin: Data("market match".utf8))
        #expect(classify.status == 0, "\(classify.stderr)")
        #expect(!classify.stdout.contains("\u{1B}"))
        #expect(classify.stdout.contains("\\u{1B}"))
        let inspect = try PrecisRunner.run(["inspect", "--model", path])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(!inspect.stdout.contains("\u{1B}") && !inspect.stdout.contains("\u{07}"))
        let json = try PrecisRunner.run(["classify", "--model", path, "--json"], stdin: Data("market".utf8))
        #expect(!json.stdout.contains("\u{1B}"))
    }

    @Test("evaluating a 20,000-class model on a few documents stays small")
    func manyClasses() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("wide.precis").path
        try Self.craftedModel(labels: (0..<20_000).map { "class\($0)" }, at: path)
        let data = dir.appendingPathComponent("five.tsv").path
        try (1...5).map { "class\($0)\tmarket match \($0)" }.joined(separator: "\n")
            .write(toFile: data, atomically: false, encoding: .utf8)
        let result = try PrecisRunner.run(["evaluate", "--model", path, "--data", data, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let labels = try #require(object?["labels"] as? [String])
        #expect(labels.count <= 10)
        #expect((object?["confusion"] as? [[Int]])?.count == labels.count)
    }

    @Test("reader problems end with line-accurate messages through the CLI")
    func readers() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("d.tsv").path
        try "sport\ta match\nbusiness\tshares\n".write(toFile: tsv, atomically: false, encoding: .utf8)
        var result = try PrecisRunner.run(["train", "--data", tsv, "--model", dir.appendingPathComponent("m.precis").path,
                                           "--label-column", "topic"])
        Self.expectFailedCleanly(result, "label column can only be chosen for CSV or JSONL")
        let cr = dir.appendingPathComponent("cr.tsv").path
        try "sport\ta\rbroken line\rbusiness\tb\r".write(toFile: cr, atomically: false, encoding: .utf8)
        result = try PrecisRunner.run(["train", "--data", cr, "--model", dir.appendingPathComponent("m.precis").path])
        Self.expectFailedCleanly(result, "cr.tsv:2: expected label<TAB>text")
        result = try PrecisRunner.run(["train", "--data", tsv, "--model", dir.appendingPathComponent("m.precis").path,
                                       "--max-line-bytes", "10"])
        Self.expectFailedCleanly(result, "d.tsv:1: line of 13 bytes exceeds the limit of 10 bytes")
    }

    @Test("inputs that never end or block are refused: devices everywhere, FIFOs inside data directories")
    func endlessInputs() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        for arguments in [["summarize", "/dev/zero"], ["keywords", "/dev/zero"], ["classify", "--model", model, "/dev/zero"],
                          ["evaluate-summaries", "--data", "/dev/zero"], ["evaluate", "--model", model, "--data", "/dev/zero", "--format", "tsv"],
                          ["train", "--data", Self.train, "--model", dir.appendingPathComponent("x.precis").path, "--stop-words", "/dev/zero"]] {
            let result = try PrecisRunner.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("/dev/zero"), "\(arguments): \(result.stderr)")
        }
        let data = dir.appendingPathComponent("news")
        for label in ["sport", "business"] {
            try FileManager.default.createDirectory(at: data.appendingPathComponent(label), withIntermediateDirectories: true)
            try "some text".write(to: data.appendingPathComponent("\(label)/1.txt"), atomically: false, encoding: .utf8)
        }
        #expect(mkfifo(data.appendingPathComponent("sport/2.txt").path, 0o600) == 0)
        let result = try PrecisRunner.run(["train", "--data", data.path, "--model", dir.appendingPathComponent("y.precis").path])
        Self.expectFailedCleanly(result, "2.txt: is not a regular file")
        // A pipe as --data still works (process substitution, named FIFOs).
        let piped = try Self.shell("cat '\(Self.train)' | \"$PRECIS\" evaluate --model '\(model)' --data /dev/stdin --format tsv", in: dir)
        #expect(piped.status == 0, "\(piped.stderr)")
        let batch = try Self.shell(#"printf '{"id":"a","article":"One sentence is here. Another sentence is there."}\n' | "$PRECIS" summarize --jsonl /dev/stdin"#, in: dir)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.hasPrefix(#"{"id":"a""#))
        // A device streams like a pipe, bounded by the line limit: /dev/zero never ends its first line.
        let device = try PrecisRunner.run(["summarize", "--jsonl", "/dev/zero", "--max-line-bytes", "1048576"])
        #expect(device.status != 0 && device.stderr.contains("/dev/zero:1: line of more than 1048576 bytes"), "\(device.stderr)")
        // --hashing beyond what vocabulary.txt can list.
        let hashing = try PrecisRunner.run(["vectorize", "--data", Self.train, "--output", dir.appendingPathComponent("h").path,
                                            "--hashing", "2147483647"])
        #expect(hashing.status != 0)
        #expect(hashing.stderr.contains("--hashing"), "\(hashing.stderr)")
    }

    @Test("one label per document: training is refused before allocating, evaluation stays bounded")
    func labelPerDocument() throws {
        let dir = TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("unique.tsv").path
        try (0..<40_000).map { "label\($0)\tthe market match shares rose \($0)" }.joined(separator: "\n")
            .write(toFile: data, atomically: false, encoding: .utf8)
        let train = try PrecisRunner.run(["train", "--data", data, "--model", dir.appendingPathComponent("m.precis").path, "--min-df", "1"])
        Self.expectFailedCleanly(train, "every distinct label is a class (check the label column)")
        let model = try ClassifierCLIFixtures.trainModel(in: dir)
        let evaluate = try PrecisRunner.run(["evaluate", "--model", model, "--data", data])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stderr.contains("40000 document(s) have labels the model never saw"))
        #expect(evaluate.stderr.contains("and 39980 more"))
        // The confusion display is bounded (main's `--confusion auto`: top confusions beyond 20 classes).
        #expect(evaluate.stdout.contains("top confusions"))
    }
}
