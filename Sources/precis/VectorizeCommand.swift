import ArgumentParser
import Foundation
import Precis

/// `precis vectorize`: TF-IDF features of a labelled data set, written as
/// `DIR/matrix.mtx` (Matrix Market) and `DIR/vocabulary.txt`.
struct VectorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectorize",
        abstract: "Write the TF-IDF matrix and vocabulary of a data set (scikit-learn compatible).",
        discussion: """
        Writes DIR/matrix.mtx (Matrix Market, coordinate real general, 1-based; row i is \
        document i of the input, column j is feature j) and DIR/vocabulary.txt (feature j \
        on line j+1, features sorted like scikit-learn's get_feature_names_out()). With the \
        same settings the values equal scikit-learn's TfidfVectorizer at float32 precision.

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
        """
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var vectorizer: VectorizerOptions

    @Option(help: ArgumentHelp("Directory to write matrix.mtx and vocabulary.txt into (created if missing).", valueName: "DIR"))
    var output: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Hash terms into N columns instead of learning a vocabulary.", valueName: "N"))
    var hashing: Int?

    @Flag(help: "Print the time of each stage (read, fit+transform, write) to standard error.")
    var timings = false

    func run() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        try Self.checkOutput(output, input: data.path)
        let documents = try data.loadTexts()
        let t1 = clock.now
        let cpu1 = processCPUSeconds()
        let config = try vectorizer.configuration(defaults: TfidfConfiguration())
        let matrix: SparseMatrix
        let vocabulary: Data
        if let hashing {
            // vocabulary.txt lists every column: 2^26 columns is already a 1 GB file.
            guard hashing > 0 && hashing <= 1 << 26 else {
                throw ValidationError("--hashing takes a number of columns in 1...\(1 << 26), got \(hashing)")
            }
            let defaults = TfidfConfiguration()
            guard config.minDF == defaults.minDF, config.maxDF == defaults.maxDF, config.maxFeatures == nil else {
                throw ValidationError("--min-df, --max-df and --max-features need a vocabulary; they cannot be used with --hashing")
            }
            matrix = try HashingVectorizer(featureCount: hashing, alternateSign: false, configuration: config)
                .fitTransform(documents).matrix
            vocabulary = Data((0..<hashing).map { "hash:\($0)\n" }.joined().utf8)
        } else {
            let fitted = try TfidfVectorizer(configuration: config).fitTransform(documents)
            matrix = fitted.matrix
            vocabulary = fitted.model.vocabularyText()
        }
        let t2 = clock.now
        let cpu2 = processCPUSeconds()
        try Self.write(matrix: matrix, vocabulary: vocabulary, to: output, input: data.path)
        let t3 = clock.now
        if timings {
            let bytes = documents.reduce(0) { $0 + $1.utf8.count }
            let fit = seconds(t2 - t1)
            let line = String(format: "read %.3f s, fit+transform %.3f s (%.1f MB/s of text; %.3f s of CPU), write %.3f s; %d documents, %d features, %d non-zeros",
                         seconds(t1 - t0), fit, Double(bytes) / 1e6 / fit, cpu2 - cpu1, seconds(t3 - t2),
                         documents.count, matrix.columns, matrix.nonZeroCount)
            ClassifierSupport.printError(line)
        }
    }

    /// Refuses, before any work, an output that is not a directory, or whose
    /// `matrix.mtx` or `vocabulary.txt` is the input or not a regular file.
    static func checkOutput(_ directory: String, input: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw CommandFailure("\(directory): --output must be a directory (it holds matrix.mtx and vocabulary.txt), and this is not one")
            }
            for name in ["matrix.mtx", "vocabulary.txt"] {
                _ = try OutputTarget(path: (directory as NSString).appendingPathComponent(name), inputs: [input])
            }
        }
    }

    /// Writes the pair so that a `matrix.mtx` present always matches its `vocabulary.txt`:
    /// the old matrix is removed first, the new one renamed into place last; each file
    /// is written atomically (``AtomicFile``), so an interrupted run leaves nothing behind.
    static func write(matrix: SparseMatrix, vocabulary: Data, to directory: String, input: String = "") throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: directory, "cannot create directory")
        }
        let inputs = input.isEmpty ? [] : [input]
        let matrixPath = (directory as NSString).appendingPathComponent("matrix.mtx")
        let vocabularyPath = (directory as NSString).appendingPathComponent("vocabulary.txt")
        let matrixTarget = try OutputTarget(path: matrixPath, inputs: inputs)
        let vocabularyTarget = try OutputTarget(path: vocabularyPath, inputs: inputs)
        if matrixTarget.existing != nil && unlink(matrixTarget.path) != 0 && errno != ENOENT {
            throw OutputError(path: matrixPath, "cannot replace the existing file")
        }
        try AtomicFile.write(to: vocabularyTarget) { file in
            try vocabulary.withUnsafeBytes { try file.write(bytes: $0) }
        }
        try AtomicFile.write(to: matrixTarget) { file in
            try MatrixMarket.write(matrix) { piece in try file.write(piece) }
        }
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
private func seconds(_ d: Duration) -> Double {
    let (s, attoseconds) = d.components
    return Double(s) + Double(attoseconds) / 1e18
}
