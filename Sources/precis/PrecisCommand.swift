import ArgumentParser
import Foundation
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
            VectorizeCommand.self, SegmentCommand.self, ServeCommand.self,
            DocumentFrequenciesCommand.self, MergeModelsCommand.self,
        ]
    )

    /// Runs the command line, refusing unknown `help` topics (argument-parser
    /// would print the top-level help and exit 0), then flushes standard output: a
    /// write that failed (full disk, I/O error) ends with a message and a non-zero
    /// exit, never exit 0 with the output lost. A closed pipe ends the process
    /// quietly (see ``OutputSink``).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let unknown = unknownHelpTopic(Array(arguments.dropFirst())) {
            let topics = configuration.subcommands.map { $0.configuration.commandName ?? "" }.joined(separator: ", ")
            try? OutputSink.standardError.write("""
                Error: no help topic '\(unknown)'. Topics: \(topics).
                Usage: precis help [<subcommands> ...]

                """)
            Foundation.exit(64)   // EX_USAGE, as argument-parser's other usage errors
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            try OutputSink.standardOutput.flush()
        } catch {
            try? OutputSink.standardOutput.flush()
            exit(withError: error)
        }
        // Diagnostics that could not be written still make the run a failure.
        if OutputSink.standardError.failure != nil { exit(withError: ExitCode.failure) }
    }

    /// The first word of a `help` topic path that names no subcommand, if any.
    static func unknownHelpTopic(_ words: [String]) -> String? {
        var level: [ParsableCommand.Type] = configuration.subcommands
        for word in words where !word.hasPrefix("-") {
            guard let command = level.first(where: {
                $0.configuration.commandName == word || $0.configuration.aliases.contains(word)
            }) else { return word }
            level = command.configuration.subcommands
        }
        return nil
    }
}
