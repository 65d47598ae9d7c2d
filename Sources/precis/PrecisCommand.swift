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
    /// would print the top-level help and exit 0).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let unknown = unknownHelpTopic(Array(arguments.dropFirst())) {
            let topics = configuration.subcommands.map { $0.configuration.commandName ?? "" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("""
                Error: no help topic '\(unknown)'. Topics: \(topics).
                Usage: precis help [<subcommands> ...]

                """.utf8))
            Foundation.exit(64)   // EX_USAGE, as argument-parser's other usage errors
        }
        main(arguments)
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
