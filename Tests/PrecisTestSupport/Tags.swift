import Foundation
import Testing

/// The tags of the test suite. Every test that reads the shared corpora is tagged
/// `.corpus` and `.slow`; every other test that takes seconds rather than
/// milliseconds (a server process, a model trained end to end) is tagged `.slow`.
/// Both carry ``Testing/Trait/notInQuickRuns`` too, so that
/// `PRECIS_QUICK_TESTS=1 swift test` (or `make test-quick`) skips them.
extension Tag {
    /// Reads the shared corpora (`../shared/data`) and trains or scores real models on them.
    @Tag public static var corpus: Self
    /// Takes seconds, not milliseconds.
    @Tag public static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Skips the test when `PRECIS_QUICK_TESTS` is set: goes with the `.slow` tag.
    public static var notInQuickRuns: Self {
        .enabled(if: ProcessInfo.processInfo.environment["PRECIS_QUICK_TESTS"] == nil,
                 "a slow test, and PRECIS_QUICK_TESTS is set")
    }
}
