import PrecisClassification

/// The deterministic generator randomised tests use: the library's own SplitMix64,
/// so tests and training draw from one implementation.
public typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// `count` floats uniform in `-1...1`.
    public mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in Float.random(in: -1...1, using: &self) }
    }
}
