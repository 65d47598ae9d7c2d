import ArgumentParser
import Precis

/// `--skip-bad-lines`: how the streaming reads (`classify`, `summarize --jsonl`,
/// `segment --jsonl`, `keywords --jsonl`, `vectorize`, `document-frequencies`, `train --hashing`) treat a malformed line.
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

/// `--text-field`, `--id-field`, `--skip-bad-lines` and `--max-line-bytes`, read together
/// by the `--jsonl` record streams of `summarize`, `segment` and `keywords`.
struct RecordStreamOptions: ParsableArguments {
    @OptionGroup var fields: RecordFieldOptions
    @OptionGroup var streaming: StreamingOptions
    @OptionGroup var lineLimit: LineLimitOptions

    /// The library's stream options, with `--max-line-bytes` as the line limit.
    var options: StreamOptions { lineLimit.applied(to: streaming.options) }

    /// ``options`` reporting each block read to `bar`.
    func options(reportingTo bar: ProgressBar) -> StreamOptions {
        var options = self.options
        options.progress = bar.streamCallback(unit: "records")
        return options
    }

    /// Refuses a FILE given with `--jsonl`, and the record keys without `--jsonl`.
    func validate(jsonl: String?, file: String?) throws {
        if jsonl != nil && file != nil { throw ValidationError("give either FILE or --jsonl, not both") }
        try fields.validate(jsonl: jsonl)
    }
}
