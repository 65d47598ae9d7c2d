/// Whether `precis train` and `precis cross-validate` run the internal
/// hyper-parameter search (``HyperparameterSearch``).
///
/// ```swift
/// Tuning.allCases.map(\.rawValue)   // ["auto", "off"]
/// ```
public enum Tuning: String, Equatable, Sendable, Codable, CaseIterable {
    /// Choose what the options leave open (penalty, epochs) and fit a temperature.
    case auto
    /// Train exactly the configured values, without a temperature.
    case off
}
