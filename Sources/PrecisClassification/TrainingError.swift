import PrecisCore

/// A fit that must not become a model: the optimisation diverged (non-finite
/// loss or weights), or the model would be too large to hold. `description` is
/// the one-line message the command-line tool prints; it names the cause and the
/// option to change.
///
/// ```swift
/// do { _ = try TextClassifierTrainer(classifier: config).fit(texts: texts, labels: labels) }
/// catch let error as TrainingError { print(error) }   // "training diverged: …; lower --intercept-step …"
/// ```
public struct TrainingError: PrecisError, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        /// The loss, a weight or an intercept is not a finite number.
        case diverged
        /// Classes × features exceeds what the trainer may allocate.
        case tooLarge
    }

    /// What went wrong.
    public var kind: Kind
    /// The full message.
    public var message: String

    /// An error of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// No file: the problem is the fit, not an input (the command adds the data file).
    public var path: String? { nil }

    /// The divergence error for a fit with `configuration`: what is not finite, and
    /// the options that make steps smaller or the penalty stronger.
    static func diverged(_ what: String, configuration c: LogisticRegressionConfiguration) -> TrainingError {
        var advice: [String] = []
        let penalty: String
        switch c.regularization {
        case .c(let value): penalty = "lower --c (now \(value)) for a stronger penalty"
        case .alpha(let value): penalty = "raise --alpha (now \(value)" + (c.solver == .sgd ? "; SGD's steps grow as alpha shrinks)" : ")")
        }
        if c.solver == .sgd {
            let defaultStep = LogisticRegressionConfiguration().interceptStep
            if c.interceptStep > defaultStep { advice.append("lower --intercept-step (now \(c.interceptStep), default \(defaultStep))") }
            advice.append(penalty)
            advice.append("try --solver lbfgs")
        } else {
            advice.append(penalty)
        }
        let options = advice.count > 1 ? advice.dropLast().joined(separator: ", ") + " or " + advice[advice.count - 1] : advice[0]
        return TrainingError(.diverged, "training diverged: \(what) is not a finite number, so no model was written; \(options)")
    }
}
