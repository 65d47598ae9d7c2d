import ArgumentParser
import Precis

extension ReaderLimits {
    /// The limits `--max-line-bytes N` asks for (lines, CSV records and fields alike), or
    /// the defaults without it; `N` below 1 is a usage error.
    static func commandLine(maxLineBytes: Int?) throws -> ReaderLimits {
        guard let maxLineBytes else { return .standard }
        guard maxLineBytes >= 1 else { throw ValidationError("--max-line-bytes must be at least 1, got \(maxLineBytes)") }
        return ReaderLimits(maximumLineBytes: maxLineBytes, maximumFieldBytes: maxLineBytes)
    }
}
