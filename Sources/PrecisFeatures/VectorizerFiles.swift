import Foundation
import PrecisCore
import PrecisLinearAlgebra

/// The files a fitted TF-IDF vectoriser is saved as beside `precis vectorize`'s
/// matrix, so that other data can be transformed with the same features later
/// (`precis vectorize --vocabulary-from DIR`):
///
/// - `vocabulary.txt`: feature `j` on line `j + 1`;
/// - `idf.txt`: the idf of feature `j` on line `j + 1` (`%.9g`, exact for float32);
/// - `vectorizer.json`: the ``TfidfConfiguration`` (n-grams, tf/idf/norm options,
///   stop words, tokeniser).
///
/// ```swift
/// let fitted = try TfidfVectorizer().fitTransform(train)
/// try VectorizerFiles.write(fitted.model, to: "features")
/// let model = try VectorizerFiles.read(directory: "features")
/// let test = model.transform(testTexts)     // same columns, idf and options
/// ```
public enum VectorizerFiles {
    /// File names inside the directory.
    public static let vocabularyName = "vocabulary.txt", idfName = "idf.txt", settingsName = "vectorizer.json"

    /// `idf` one value per line, `%.9g` (enough digits to read back the same float32).
    public static func idfText(_ idf: [Float]) -> Data {
        Data(MatrixMarket.lines(of: idf))
    }

    /// The configuration as JSON (sorted keys, so the same options give the same bytes).
    public static func settingsJSON(_ configuration: TfidfConfiguration) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try encoder.encode(configuration)
    }

    /// Writes `idf.txt` and `vectorizer.json` of `model` into `directory` (which must
    /// exist). `vocabulary.txt` is written with the matrix by the caller
    /// (``TfidfModel/vocabularyText()``), so that the pair is replaced together.
    public static func writeSettings(_ model: TfidfModel, to directory: String) throws {
        try write(idfText(model.idf), to: directory, name: idfName)
        try write(settingsJSON(model.configuration), to: directory, name: settingsName)
    }

    /// Writes `idf.txt` and `vocabulary.txt` and `vectorizer.json` of `model` into `directory`.
    public static func write(_ model: TfidfModel, to directory: String) throws {
        try write(model.vocabularyText(), to: directory, name: vocabularyName)
        try writeSettings(model, to: directory)
    }

    /// Each file through ``AtomicFile``: a reader sees the old file or the whole new one,
    /// an interrupted run leaves no temporary behind, a replaced file keeps its mode, and
    /// a target that is not a regular file (a FIFO, a device, a directory) is refused.
    static func write(_ data: Data, to directory: String, name: String) throws {
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try AtomicFile.write(Array(data), to: path)
        } catch let error as OutputError {
            throw VectorizerFileError(path: path, message: error.message)
        }
    }

    /// The fitted vectoriser saved in `directory` by ``write(_:to:)`` (or `precis vectorize`).
    ///
    /// - Throws: ``VectorizerFileError`` naming the missing or malformed file.
    public static func read(directory: String) throws -> TfidfModel {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        func text(_ name: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path(name)) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
                throw VectorizerFileError(path: path(name), message: exists && isDirectory.boolValue
                    ? "missing: \(directory) is not the output folder of a vectorize run with a vocabulary"
                    : "no such file or directory")
            }
            guard let s = String(data: data, encoding: .utf8) else {
                throw VectorizerFileError(path: path(name), message: "not valid UTF-8")
            }
            return s
        }
        let settings = try text(settingsName)
        let configuration: TfidfConfiguration
        do {
            configuration = try JSONDecoder().decode(TfidfConfiguration.self, from: Data(settings.utf8))
        } catch {
            throw VectorizerFileError(path: path(settingsName), message: "not a vectoriser settings file")
        }
        var vocabulary = try text(vocabularyName).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if vocabulary.last == "" { vocabulary.removeLast() }
        var idf: [Float] = []
        idf.reserveCapacity(vocabulary.count)
        for (i, line) in try text(idfName).split(separator: "\n").enumerated() {
            guard let value = Float(line), value.isFinite else {
                throw VectorizerFileError(path: path(idfName) + ":\(i + 1)", message: "not a number: \(line.prefix(40))")
            }
            idf.append(value)
        }
        guard idf.count == vocabulary.count else {
            throw VectorizerFileError(path: path(idfName),
                                      message: "\(idf.count) idf values for \(vocabulary.count) terms in \(vocabularyName)")
        }
        return TfidfModel(configuration: configuration, vocabulary: vocabulary, idf: idf)
    }
}

/// A vectoriser file that is missing, unreadable or malformed.
public struct VectorizerFileError: PrecisError, Equatable {
    /// The file concerned.
    public var path: String?
    /// What is wrong.
    public var message: String
}
