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
}
