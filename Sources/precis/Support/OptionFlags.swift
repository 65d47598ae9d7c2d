import ArgumentParser
import Precis

/// How the library's configuration properties are spelled on the command line,
/// so that the library's `validate()` errors name the flag the user typed.
enum OptionFlags {
    /// Library parameter → flag, for every command.
    static let flags: [String: String] = [
        // Vectoriser.
        "ngramRange": "--ngram-range", "minDF": "--min-df", "maxDF": "--max-df", "maxFeatures": "--max-features",
        // Classifier.
        "c": "--c", "alpha": "--alpha", "epochs": "--epochs", "averagedEpochs": "--average-epochs", "runs": "--sgd-runs",
        "interceptStep": "--intercept-step", "interceptRampDocuments": "--intercept-ramp", "maxIterations": "--max-iter",
        "tolerance": "--tol", "validationFraction": "--validation-split", "patience": "--patience", "folds": "--folds",
        // Summariser.
        "sentences": "--sentences", "ratio": "--ratio", "words": "--words", "damping": "--damping",
        "mmrLambda": "--mmr-lambda", "positionExponent": "--position-exponent", "lengthExponent": "--length-exponent",
        "danglingPronounFactor": "--pronoun-factor", "redundancyThreshold": "--redundancy-threshold",
        "lexRankThreshold": "--lexrank-threshold",
    ]

    /// `error` as a usage error naming the flag (`overrides` first, for commands
    /// that spell a parameter their own way).
    static func validationError(_ error: ConfigurationError, overrides: [String: String] = [:]) -> ValidationError {
        let flag = overrides[error.parameter] ?? flags[error.parameter] ?? error.parameter
        return ValidationError("\(flag) must be \(error.allowed), got \(error.value)")
    }

    /// Runs `body`, turning the library's configuration errors into usage errors naming the flag.
    static func validated<T>(overrides: [String: String] = [:], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigurationError {
            throw validationError(error, overrides: overrides)
        }
    }

    /// Runs `body` on the data at `path`. Errors then come from the data, so they
    /// are one line naming `path` (no usage text): a configuration the data cannot
    /// honour names the flag, and errors that name no file (one class only, an
    /// empty vocabulary) get `path`.
    static func naming<T>(_ path: String, overrides: [String: String] = [:], _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigurationError {
            throw DatasetError(path: path, validationError(error, overrides: overrides).message)
        } catch let error as PrecisError where error.path == nil {
            throw DatasetError(path: path, line: error.line, error.message)
        }
    }
}

// The library's enumerated options list their values in help and completions.
extension Solver: ExpressibleByArgument {}
extension MultiClass: ExpressibleByArgument {}
extension ClassWeighting: ExpressibleByArgument {}
extension Tuning: ExpressibleByArgument {}
extension Norm: ExpressibleByArgument {}
extension ConfusionDisplay: ExpressibleByArgument {}
extension DataFormat: ExpressibleByArgument {}
extension DocumentLayout: ExpressibleByArgument {}
extension DocumentFrequency: ExpressibleByArgument {}

extension SummaryMethod: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}
