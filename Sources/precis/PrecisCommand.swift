import ArgumentParser
import Precis

/// The `precis` command: the root of every subcommand.
@main
struct PrecisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "precis",
        abstract: "Text classification and extractive summarisation, natively on Linux.",
        discussion: """
        Train a topic model, summarise an article, evaluate on labelled data.

        Examples:
          Train a topic classifier on label<TAB>text data and evaluate it:
            precis train --data train.tsv --model topics.precis
            precis evaluate --model topics.precis --data test.tsv

          Summarise an article in three sentences:
            precis summarize article.txt --sentences 3

          Score summaries against references with ROUGE:
            precis evaluate-summaries --data articles.jsonl --match-reference
        """,
        version: precisVersion,
        subcommands: [
            TrainCommand.self, ClassifyCommand.self, EvaluateCommand.self, CrossValidateCommand.self,
            InspectCommand.self, SummarizeCommand.self, KeywordsCommand.self, EvaluateSummariesCommand.self,
            VectorizeCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command, then flushes standard output: a write that failed (full
    /// disk, I/O error) ends with a message and a non-zero exit, never exit 0 with
    /// the output lost. A closed pipe ends the process quietly (see ``OutputSink``).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            try OutputSink.standardOutput.flush()
        } catch {
            try? OutputSink.standardOutput.flush()
            exit(withError: error)
        }
        // Diagnostics that could not be written still make the run a failure.
        if OutputSink.standardError.failure != nil { exit(withError: ExitCode.failure) }
    }
}
