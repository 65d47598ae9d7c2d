import PrecisCore

extension TfidfConfiguration {
    /// The longest n-grams the vectorisers extract.
    public static let maximumNGramLength = 9

    /// Checks every value against its range; the vectorisers call it before
    /// fitting, and the command-line tool relies on it for its options.
    ///
    /// - Throws: ``PrecisCore/ConfigurationError`` naming the property
    ///   (`ngramRange`, `minDF`, `maxDF`, `maxFeatures`), the value and what is allowed.
    ///
    /// ```swift
    /// var config = TfidfConfiguration()
    /// config.maxDF = .proportion(1.5)
    /// try config.validate()    // "maxDF must be an integer count >= 0 or a fraction in [0, 1], got 1.5"
    /// ```
    public func validate() throws {
        guard ngramRange.lowerBound >= 1, ngramRange.upperBound <= Self.maximumNGramLength else {
            throw ConfigurationError("ngramRange", "\(ngramRange.lowerBound),\(ngramRange.upperBound)",
                                     allowed: "MIN,MAX with 1 <= MIN <= MAX <= \(Self.maximumNGramLength)")
        }
        for (name, bound) in [("minDF", minDF), ("maxDF", maxDF)] {
            let valid: Bool
            switch bound {
            case .count(let n): valid = n >= 0
            case .proportion(let p): valid = p >= 0 && p <= 1
            }
            if !valid { throw ConfigurationError(name, bound, allowed: "an integer count >= 0 or a fraction in [0, 1]") }
        }
        if let maxFeatures, maxFeatures < 1 {
            throw ConfigurationError("maxFeatures", maxFeatures, allowed: "a positive integer")
        }
    }
}
