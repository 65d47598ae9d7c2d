import ArgumentParser
import Precis

/// `--skip-bad-lines`: how the streaming reads (`classify`, `summarize --jsonl`,
/// `segment --jsonl`, `keywords --jsonl`, `vectorize`, `train --hashing`) treat a malformed line.
struct StreamingOptions: ParsableArguments {
    @Flag(name: .customLong("skip-bad-lines"), help: "Skip malformed input lines (counted on standard error) instead of stopping at the first.")
    var skipBadLines = false

    /// The library's stream options.
    var options: StreamOptions { StreamOptions(skipBadLines: skipBadLines) }

    /// Notes skipped lines on standard error.
    func report(_ summary: StreamSummary, name: String) {
        if let note = summary.skippedNote(name: name == "-" ? "<stdin>" : name) { Output.note("precis: " + note) }
    }
}
