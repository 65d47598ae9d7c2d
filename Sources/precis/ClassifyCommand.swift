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
          precis classify news.csv --text-field body
          precis classify news.jsonl --text-field body --id-field doc_id --json
        """
    )

    @Option(help: ArgumentHelp("The model file (default: the shipped model).", valueName: "PATH"))
    var model: String?

    @Argument(help: ArgumentHelp("Files to classify; - or nothing reads standard input.", valueName: "FILE"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Show the K most probable labels with their probabilities.", valueName: "K"))
    var top: Int?

    @Option(help: ArgumentHelp("How inputs split into documents (auto: .tsv/.csv/.jsonl by row, a directory by .txt file, else whole file).", valueName: "LAYOUT"))
    var format: DocumentLayout = .auto

    @Option(name: .customLong("text-field"), help: ArgumentHelp("CSV column / JSONL key of the text (default: text, or JSONL article).", valueName: "NAME"))
    var textField: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("JSONL key of the id shown as each row's source (default: id).", valueName: "NAME"))
    var idField: String?

    @Flag(help: "Print one JSON object per document.")
    var json = false

    @Flag(help: "Also list the terms that pushed the prediction most.")
    var explain = false

    @Option(name: .customLong("explain-terms"), help: ArgumentHelp("How many terms --explain lists.", valueName: "N"))
    var explainTerms: Int = 8

    @Option(help: ArgumentHelp("Abstain (label null in JSON, (none) in text) when the top probability is below P.", valueName: "P"))
    var threshold: Double?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
        guard explainTerms >= 1 else { throw ValidationError("--explain-terms must be at least 1, got \(explainTerms)") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1, got \(threshold)") }
    }

    /// Which of `inputs` give `classifier` nothing to go on (empty, stop words only, no
    /// known term), each said on standard error (`prior` says what its result is) rather
    /// than silently labelled.
    static func warnUninformative(_ classifier: TextClassifier, _ inputs: [SourcedDocument], prior: String) -> [Bool] {
        let empty = classifier.isUninformative(inputs.map(\.text))
        for (input, isEmpty) in zip(inputs, empty) where isEmpty {
            Output.note("warning: \(input.source): empty or stop-word-only document; \(prior)")
        }
        return empty
    }

    func run() throws {
        let classifier = try model.map { try ModelFile.read(path: $0) } ?? ShippedModel.load()
        let inputs = try DocumentSource(paths: files, layout: format, textColumn: textField, idColumn: idField).documents()
        if classifier.isMultiLabel { return try MultiLabelCommands.classify(classifier, inputs: inputs, json: json, top: top) }
        let k = top ?? (json ? 1 : 0)
        let results = classifier.classify(inputs.map(\.text), top: max(k, 1))
        let showSource = inputs.count > 1
        let empty = Self.warnUninformative(classifier, inputs, prior: "its label is only the prior")
        var out: [UInt8] = []
        for (i, (input, result)) in zip(inputs, results).enumerated() {
            let abstains = threshold.map { Double(result.probabilities.first?.probability ?? 0) < $0 } ?? false
            let explanation = explain ? classifier.explain(input.text, label: result.label, top: explainTerms) : nil
            if json {
                let label: any Encodable = abstains ? String?.none : String?.some(result.label)
                out += try Output.jsonLine(JSONRecord(base: result, fields: [
                    "source": input.source, "label": label, "empty": empty[i] ? true : nil, "explanation": explanation,
                ]))
            } else {
                let label = abstains ? "(none)" : result.label
                var line = showSource ? "\(input.source)\t\(label)" : label
                if k > 0 {
                    line += "\t" + result.probabilities.map { "\($0.label) \(String(format: "%.4f", $0.probability))" }.joined(separator: ", ")
                }
                if let explanation {
                    let terms = explanation.map { "\($0.term) (\(String(format: "%.3f", $0.weight)))" }
                    line += "\n  because of: " + (terms.isEmpty ? "(no known terms)" : terms.joined(separator: ", "))
                }
                out += Array((line + "\n").utf8)
            }
            if out.count > 1 << 16 {
                Output.write(out)
                out = []
            }
        }
        Output.write(out)
    }
}
