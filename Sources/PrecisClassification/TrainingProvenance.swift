import Foundation
import PrecisCore

extension TrainingMetadata {
    /// The training date to record, ISO 8601 UTC: `SOURCE_DATE_EPOCH` (seconds
    /// since 1970, the reproducible-builds convention) when it is set, else now.
    ///
    /// ```swift
    /// try TrainingMetadata.creationDate(environment: ["SOURCE_DATE_EPOCH": "1767225600"])  // "2026-01-01T00:00:00Z"
    /// ```
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` when the variable is not an integer.
    public static func creationDate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var date = Date()
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch) else {
                throw ConfigurationError("SOURCE_DATE_EPOCH", "'\(epoch)'", allowed: "an integer number of seconds")
            }
            date = Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Records where a model came from: the program that trained it, the date
    /// (see ``creationDate(environment:)``) and the training file's name.
    ///
    /// ```swift
    /// var classifier = try TextClassifierTrainer().fit(texts: texts, labels: labels).classifier
    /// try classifier.metadata.recordProvenance(producer: "my-app 1.0", dataPath: "data/train.tsv")
    /// ```
    public mutating func recordProvenance(producer: String, dataPath: String,
                                          environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.producer = producer
        created = try Self.creationDate(environment: environment)
        dataFile = URL(fileURLWithPath: dataPath).lastPathComponent
    }
}
