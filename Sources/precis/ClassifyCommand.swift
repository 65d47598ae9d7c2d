import ArgumentParser
import Foundation
import Precis

/// `precis classify`: predicted topic of each document.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Predict the topic of documents (files, standard input, or each row of a TSV/JSONL file).",
        discussion: """
        Without --model, the shipped default model (Models/bbc-news.precis: business, entertainment, politics, sport, tech) is used; it is looked up in $PRECIS_MODEL_DIR, then in a Models/ folder above the executable or the current directory.

        Output: one line per document, the label (preceded by the document's source when there are several), then with --top K the K most probable labels and their probabilities. --json writes one object per line: {"source", "label", "probabilities"} (and "explanation").

        Examples:
          precis classify article.txt
          echo "The striker scored twice" | precis classify --top 3
          precis classify --model topics.precis test.tsv --json
          precis classify article.txt --explain
        """
    )

    @Option(help: ArgumentHelp("The model file (default: the shipped model).", valueName: "PATH"))
    var model: String?

    @Argument(help: ArgumentHelp("Files to classify; - or nothing reads standard input.", valueName: "FILE"))
    var files: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Show the K most probable labels with their probabilities.", valueName: "K"))
    var top: Int?

    @Option(help: ArgumentHelp("How inputs split into documents: \(ClassifierInput.Layout.allCases.map(\.rawValue).joined(separator: ", ")) (auto: .tsv/.jsonl by row, else whole file).", valueName: "LAYOUT"))
    var format: String = "auto"

    @Flag(help: "Print one JSON object per document.")
    var json = false

    @Flag(help: "Also list the terms that pushed the prediction most.")
    var explain = false

    @Option(name: .customLong("explain-terms"), parsing: .unconditional, help: ArgumentHelp("How many terms --explain lists.", valueName: "N"))
    var explainTerms: Int = 8

    func run() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
        guard explainTerms >= 1 else { throw ValidationError("--explain-terms must be at least 1, got \(explainTerms)") }
        guard let layout = ClassifierInput.Layout(rawValue: format) else {
            throw ValidationError("--format must be one of \(ClassifierInput.Layout.allCases.map(\.rawValue).joined(separator: ", ")), got '\(format)'")
        }
        let path = try model ?? ClassifierSupport.defaultModelPath()
        let classifier = try ClassifierSupport.loadModel(path)
        let inputs = try ClassifierInput.read(paths: files, layout: layout)
        let k = top ?? (json ? 1 : 0)
        let results = classifier.classify(inputs.map(\.text), top: max(k, 1))
        let showSource = inputs.count > 1
        var out = ""
        for (input, result) in zip(inputs, results) {
            let explanation = explain ? classifier.explain(input.text, label: result.label, top: explainTerms) : []
            if json {
                var fields = ["\"source\":" + ClassifierSupport.jsonString(input.source),
                              "\"label\":" + ClassifierSupport.jsonString(result.label)]
                let probabilities = result.probabilities.map {
                    ClassifierSupport.jsonString($0.label) + ":" + ClassifierSupport.jsonNumber(Double($0.probability))
                }
                fields.append("\"probabilities\":{" + probabilities.joined(separator: ",") + "}")
                if explain {
                    let terms = explanation.map {
                        "{\"term\":" + ClassifierSupport.jsonString($0.term) + ",\"weight\":" + ClassifierSupport.jsonNumber(Double($0.weight)) + "}"
                    }
                    fields.append("\"explanation\":[" + terms.joined(separator: ",") + "]")
                }
                out += "{" + fields.joined(separator: ",") + "}\n"
            } else {
                // Labels and terms come from the model file: escaped, never raw to a terminal.
                let label = TerminalText.escaped(result.label)
                var line = showSource ? "\(TerminalText.escaped(input.source))\t\(label)" : label
                if k > 0 {
                    line += "\t" + result.probabilities.map { "\(TerminalText.escaped($0.label)) \(String(format: "%.4f", $0.probability))" }.joined(separator: ", ")
                }
                out += line + "\n"
                if explain {
                    let terms = explanation.map { "\(TerminalText.escaped($0.term)) (\(String(format: "%.3f", $0.weight)))" }
                    out += "  because of: " + (terms.isEmpty ? "(no known terms)" : terms.joined(separator: ", ")) + "\n"
                }
            }
            if out.utf8.count > 1 << 16 {
                try OutputSink.standardOutput.write(out)
                out = ""
            }
        }
        try OutputSink.standardOutput.write(out)
    }
}
