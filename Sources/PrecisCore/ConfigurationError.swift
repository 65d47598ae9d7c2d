/// A hyper-parameter out of its range, or two that contradict each other: thrown
/// by the configurations' `validate()` (the only place Precis checks ranges).
///
/// `parameter` is the Swift name of the configuration property (`epochs`,
/// `minDF`, …), so a front end can name its own spelling of the option.
///
/// ```swift
/// var config = LogisticRegressionConfiguration()
/// config.epochs = 0
/// do { try config.validate() } catch let error as ConfigurationError {
///     error.parameter   // "epochs"
///     error.value       // "0"
///     error.allowed     // "at least 1"
///     print(error)      // "epochs must be at least 1, got 0"
/// }
/// ```
public struct ConfigurationError: PrecisError, Equatable {
    /// The configuration property, as spelled in Swift.
    public var parameter: String
    /// The value given, as text.
    public var value: String
    /// What the parameter accepts, phrased to follow "must be".
    public var allowed: String

    /// An error about `parameter`, which was given `value`.
    public init(_ parameter: String, _ value: some CustomStringConvertible, allowed: String) {
        self.parameter = parameter
        self.value = value.description
        self.allowed = allowed
    }

    /// Throws an error about `parameter`, which was given `value`, unless `ok`: the
    /// one-line range check of the configurations' `validate()`.
    ///
    /// ```swift
    /// try ConfigurationError.check(epochs >= 1, "epochs", epochs, "at least 1")
    /// ```
    package static func check(_ ok: Bool, _ parameter: String, _ value: some CustomStringConvertible, _ allowed: String) throws {
        if !ok { throw ConfigurationError(parameter, value, allowed: allowed) }
    }

    /// Configuration errors are not about a file.
    public var path: String? { nil }

    public var message: String { "\(parameter) must be \(allowed), got \(value)" }
}
