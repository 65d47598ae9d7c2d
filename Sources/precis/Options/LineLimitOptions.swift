import ArgumentParser
import Precis

/// `--max-line-bytes N`: the longest line, CSV record or field a reader accepts, for every
/// command that reads rows (whole files, and streams alike).
struct LineLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-line-bytes"), parsing: .unconditional,
            help: ArgumentHelp("Longest line, CSV record or field accepted, in bytes (default: 64 MiB).", valueName: "N"))
    var maxLineBytes: Int?

    func validate() throws { _ = try limits() }

    /// The reader limits, with `--max-line-bytes` for both lines and fields.
    func limits() throws -> ReaderLimits {
        try ReaderLimits.commandLine(maxLineBytes: maxLineBytes)
    }

    /// `options` with `--max-line-bytes` as its line limit.
    func applied(to options: StreamOptions) -> StreamOptions {
        var options = options
        if let maxLineBytes { options.maximumLineBytes = maxLineBytes }
        return options
    }
}
