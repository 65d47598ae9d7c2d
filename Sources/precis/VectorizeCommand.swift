import ArgumentParser
import Foundation
import Precis

/// `precis vectorize`: TF-IDF features of a labelled data set, written as
/// `DIR/matrix.mtx` (Matrix Market), `DIR/vocabulary.txt`, `DIR/labels.txt`,
/// `DIR/idf.txt` and `DIR/vectorizer.json`; or, with `--vocabulary-from` / `--model`,
/// the features of new data with a fitted vocabulary.
struct VectorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectorize",
        abstract: "Write the TF-IDF matrix and vocabulary of a data set (scikit-learn compatible).",
        discussion: """
        Writes DIR/matrix.mtx (Matrix Market, coordinate real general, 1-based; row i is \
        document i of the input, column j is feature j) and DIR/vocabulary.txt (feature j \
        on line j+1, features sorted like scikit-learn's get_feature_names_out()). With the \
        same settings the values equal scikit-learn's TfidfVectorizer at float32 precision.

        Also written: DIR/labels.txt (the label of matrix row i on line i+1; empty lines for \
        JSONL records without a label), DIR/idf.txt (the idf of feature j on line j+1) and \
        DIR/vectorizer.json (the options).

        To transform test data with the training features (scikit-learn's transform, not \
        fit_transform), give --vocabulary-from TRAIN_DIR (a folder written by vectorize) or \
        --model M.precis (a trained classifier's vectoriser): the vocabulary, idf and \
        options come from there, so the columns line up with the training matrix.

        With --hashing N, --vocabulary-from or --model, a TSV or JSONL input (a file, a pipe or \
        standard input) is streamed: read, vectorised on all cores and written block by block, in \
        bounded memory, whatever its size. The matrix body goes to a temporary file (in $TMPDIR) \
        until its entry count, which the header needs, is known; --hashing also spills the hashed \
        counts there between its two passes (document frequencies, then weighting). A malformed \
        line stops the stream with its line number after the files were written for the rows \
        before it (the exit status is non-zero); --skip-bad-lines counts such lines on standard \
        error and goes on. CSV and directories are read whole.

        Both files are written under temporary names and renamed into place; matrix.mtx \
        is removed first and renamed last, so a matrix.mtx present always belongs to the \
        vocabulary.txt beside it.

        With --hashing N there is no vocabulary: each term goes to column |h| mod N, h the \
        signed MurmurHash3 (seed 0) of its UTF-8 bytes, as scikit-learn's HashingVectorizer \
        with alternate_sign=False; counts are then TF-IDF weighted as TfidfTransformer does. \
        vocabulary.txt then lists the column names hash:0 … hash:N-1.

        Examples:
          precis vectorize --data train.tsv --output features
          precis vectorize --data train.tsv --output features --ngram-range 1,2 --min-df 2 --sublinear-tf
          precis vectorize --data big.tsv --output features --hashing 1048576
          precis vectorize --data train.tsv --output train-features
          precis vectorize --data test.tsv --output test-features --vocabulary-from train-features
          precis vectorize --data test.tsv --output test-features --model topics.precis
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var vectorizer: VectorizerOptions

    @Option(help: ArgumentHelp("Directory to write matrix.mtx and vocabulary.txt into (created if missing).", valueName: "DIR"))
    var output: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Hash terms into N columns instead of learning a vocabulary.", valueName: "N"))
    var hashing: Int?

    @Option(name: .customLong("vocabulary-from"), help: ArgumentHelp("Transform with the vocabulary, idf and options saved by an earlier vectorize in DIR.", valueName: "DIR"))
    var vocabularyFrom: String?

    @Option(help: ArgumentHelp("Transform with the vectoriser of this trained model.", valueName: "M.precis"))
    var model: String?

    @Flag(help: "Print the time of each stage (read, fit+transform, write) to standard error.")
    var timings = false

    @OptionGroup var streaming: StreamingOptions

    @OptionGroup(title: "Progress") var progress: ProgressOptions

    func validate() throws {
        let config = try vectorizer.configuration(defaults: TfidfConfiguration())
        if vocabularyFrom != nil || model != nil {
            if vocabularyFrom != nil && model != nil { throw ValidationError("give either --vocabulary-from or --model, not both") }
            if hashing != nil { throw ValidationError("--hashing has no vocabulary to reuse; drop --vocabulary-from / --model") }
            if config != TfidfConfiguration() {
                throw ValidationError("the vectoriser options come from \(vocabularyFrom ?? model ?? ""); do not give them as well")
            }
        }
        if let hashing {
            do {
                try OptionFlags.validated(overrides: ["featureCount": "--hashing"]) {
                    try HashingVectorizer(featureCount: hashing, alternateSign: false, configuration: config).validate()
                }
            } catch let error as ValidationError {
                throw ValidationError("with --hashing: " + error.message)
            }
            // vocabulary.txt and idf.txt list every column: bounded so that they stay files one can load.
            guard hashing <= Self.maximumHashedColumns else {
                throw ValidationError("--hashing must be at most \(Self.maximumHashedColumns) for vectorize (vocabulary.txt and idf.txt list one line per column), got \(hashing)")
            }
        }
    }

    /// The most hashed columns `vectorize` writes (2^24: idf.txt and vocabulary.txt of about 250 MB each).
    static let maximumHashedColumns = 1 << 24

    func run() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let inputs = inputPaths
        try Self.checkOutput(output, inputs: inputs)
        let bar = progress.start("vectorising")
        defer { bar.finish() }
        let reused = try reusedModel()
        let documents: [String], labels: [String]?
        if hashing != nil || reused != nil {
            // Transforming needs no whole corpus: a row file or stream is streamed.
            let input = try DataInput(path: data.path, format: data.layout.format)
            if input.isRowStream { return try runStreaming(input, reused: reused, bar: bar) }
            bar.update(0, of: 3, note: "reading \(data.path)")
            (documents, labels) = try LabeledDataset.readTextsAndLabels(input, labelColumn: data.layout.labelColumn,
                                                                        textColumn: data.layout.textColumn, limits: data.limits())
        } else {
            bar.update(0, of: 3, note: "reading \(data.path)")
            (documents, labels) = try data.loadTextsAndLabels()
        }
        bar.update(1, of: 3, note: "vectorising \(documents.count) documents")
        let t1 = clock.now
        let cpu1 = processCPUSeconds()
        let config = try vectorizer.configuration(defaults: TfidfConfiguration())
        let matrix: SparseMatrix
        let vocabulary: Data
        var idf: [Float] = [], settings: Data?
        if let fitted = reused {
            matrix = fitted.transform(documents)
            vocabulary = fitted.vocabularyText()
            idf = fitted.idf
            settings = try VectorizerFiles.settingsJSON(fitted.configuration)
        } else if let hashing {
            let fitted = try HashingVectorizer(featureCount: hashing, alternateSign: false, configuration: config)
                .fitTransform(documents)
            matrix = fitted.matrix
            idf = fitted.model.idf
            vocabulary = Data(Self.hashedColumnNames(hashing))
        } else {
            let fitted = try TfidfVectorizer(configuration: config).fitTransform(documents)
            matrix = fitted.matrix
            vocabulary = fitted.model.vocabularyText()
            idf = fitted.model.idf
            settings = try VectorizerFiles.settingsJSON(fitted.model.configuration)
        }
        // The fit ends here; the text of the other files is part of writing them.
        let t2 = clock.now
        let cpu2 = processCPUSeconds()
        var files: [(String, Data)] = [(VectorizerFiles.vocabularyName, vocabulary), (VectorizerFiles.idfName, VectorizerFiles.idfText(idf)),
                     ("labels.txt", Data((labels ?? documents.map { _ in "" }).map { Self.oneLine($0) + "\n" }.joined().utf8))]
        if let settings { files.append((VectorizerFiles.settingsName, settings)) }
        bar.update(2, of: 3, note: "writing \(matrix.nonZeroCount) values to \(output)")
        try Self.write(matrix: { file in try MatrixMarket.write(matrix) { piece in try file.write(piece) } },
                       files: files.map { name, data in (name, { file in try data.withUnsafeBytes { try file.write(bytes: $0) } }) },
                       to: output, inputs: inputs)
        let t3 = clock.now
        if timings {
            let bytes = documents.reduce(0) { $0 + $1.utf8.count }
            let fit = seconds(t2 - t1)
            let line = String(format: "read %.3f s, fit+transform %.3f s (%.1f MB/s of text; %.3f s of CPU), write %.3f s; %d documents, %d features, %d non-zeros",
                         seconds(t1 - t0), fit, Double(bytes) / 1e6 / fit, cpu2 - cpu1, seconds(t3 - t2),
                         documents.count, matrix.columns, matrix.nonZeroCount)
            Output.note(line)
        }
    }

    /// The files the command reads (no output file may be one of them).
    var inputPaths: [String] {
        [data.path] + [model, vocabularyFrom.map { ($0 as NSString).appendingPathComponent(VectorizerFiles.vocabularyName) }].compactMap { $0 }
    }

    /// The fitted vectoriser to reuse (`--vocabulary-from` or `--model`), if any.
    func reusedModel() throws -> TfidfModel? {
        if let vocabularyFrom { return try VectorizerFiles.read(directory: vocabularyFrom) }
        if let model { return try ModelFile.read(path: model).vectorizer }
        return nil
    }

    /// `vocabulary.txt` of `columns` hashed columns: `hash:0` … `hash:columns-1`, one per line.
    static func hashedColumnNames(_ columns: Range<Int>) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(columns.count * 13)
        for j in columns {
            text.append(contentsOf: "hash:".utf8)
            text.append(contentsOf: String(j).utf8)
            text.append(0x0A)
        }
        return text
    }

    /// ``hashedColumnNames(_:)-(Range<Int>)`` of all `columns`.
    static func hashedColumnNames(_ columns: Int) -> [UInt8] { hashedColumnNames(0..<columns) }

    /// A label on one line (line breaks, which no label file can hold, become spaces).
    static func oneLine(_ label: String) -> String {
        label.contains(where: \.isNewline) ? String(label.map { $0.isNewline ? " " : $0 }) : label
    }

    /// The files `vectorize` writes into its output directory.
    static let fileNames = ["matrix.mtx", VectorizerFiles.vocabularyName, VectorizerFiles.idfName, "labels.txt",
                            VectorizerFiles.settingsName]

    /// Refuses, before any work, an output that is not a directory, or any of whose
    /// files is an input or exists and is not a regular file (see ``OutputTarget``).
    static func checkOutput(_ directory: String, inputs: [String]) throws {
        var info = stat()
        guard stat(directory, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(path: directory, "--output must be a directory (it holds matrix.mtx, vocabulary.txt, …), and this is not one")
        }
        for name in fileNames {
            _ = try OutputTarget(path: (directory as NSString).appendingPathComponent(name), inputs: inputs)
        }
    }

    /// Writes the files so that a `matrix.mtx` present always matches the files beside it:
    /// the old matrix is removed first, the new one renamed into place last; each file is
    /// written atomically (``AtomicFile``: O_TMPFILE + linkat, mode kept), so an
    /// interrupted run leaves no temporary behind.
    static func write(matrix: (AtomicFile.Output) throws -> Void, files: [(String, (AtomicFile.Output) throws -> Void)],
                      to directory: String, inputs: [String] = []) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, "cannot create directory")
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let matrixTarget = try OutputTarget(path: path("matrix.mtx"), inputs: inputs)
        let targets = try files.map { try OutputTarget(path: path($0.0), inputs: inputs) }
        if matrixTarget.existing != nil && unlink(matrixTarget.path) != 0 && errno != ENOENT {
            throw OutputError.system(path("matrix.mtx"), "cannot replace the existing file")
        }
        // A settings file left from an earlier run with other options must not outlive it.
        if !files.contains(where: { $0.0 == VectorizerFiles.settingsName }) {
            let settings = path(VectorizerFiles.settingsName)
            var info = stat()
            if lstat(settings, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { unlink(settings) }
        }
        for ((_, contents), target) in zip(files, targets) {
            try AtomicFile.write(to: target, contents)
        }
        try AtomicFile.write(to: matrixTarget, matrix)
    }
}

/// CPU time used by the process so far (all threads, user + system), in seconds.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// A duration in seconds.
func seconds(_ d: Duration) -> Double {
    let (s, attoseconds) = d.components
    return Double(s) + Double(attoseconds) / 1e18
}
