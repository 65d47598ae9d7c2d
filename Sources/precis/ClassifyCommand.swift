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
          cat news.jsonl | precis classify --jsonl - > labels.jsonl

        Row files (TSV, JSONL, lines) and --jsonl are streamed: read, classified on all cores and written block by block, in input order, in bounded memory. A malformed row stops the stream with its line number, after every row before it was written; --skip-bad-lines counts such rows on standard error and goes on.
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

    @Option(help: ArgumentHelp("Classify every {\"id\",\"text\"} line of a JSONL file (- for standard input) as a stream, writing one JSON object per line: {\"id\", \"label\", \"probabilities\"} (id: the record's, else its line number).", valueName: "PATH"))
    var jsonl: String?

    @OptionGroup var streaming: StreamingOptions

    func validate() throws {
        if jsonl != nil && !files.isEmpty { throw ValidationError("give either FILE... or --jsonl, not both") }
        if jsonl != nil && format != .auto { throw ValidationError("--jsonl reads JSONL; drop --format") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top)") }
        guard explainTerms >= 1 else { throw ValidationError("--explain-terms must be at least 1, got \(explainTerms)") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1, got \(threshold)") }
    }

    func run() throws {
        let classifier = try model.map { try ModelFile.read(path: $0) } ?? ShippedModel.load()
        let source = DocumentSource(paths: files, layout: format, textColumn: textField, idColumn: idField)
        if let jsonl { return try classifyJSONL(classifier, source: source, path: jsonl) }
        let paths = files.isEmpty ? ["-"] : files
        if paths.count == 1, source.isRowStream(paths[0]) {
            return try classifyRows(classifier, source: source, path: paths[0])
        }
        let inputs = try source.documents()
        try write(classify(classifier, inputs), classifier: classifier, showSource: inputs.count > 1)
    }

    /// A document with its prediction and whether it had nothing to go on.
    typealias Row = (input: SourcedDocument, result: Prediction, empty: Bool)

    /// A single- or multi-label prediction.
    enum Prediction {
        case single(TextClassifier.Classification)
        case multi(TextClassifier.MultiLabelClassification)
    }

    /// The rows of `inputs`, classified on all cores.
    func classify(_ classifier: TextClassifier, _ inputs: [SourcedDocument]) -> [Row] {
        let texts = inputs.map(\.text)
        // Documents with nothing to go on (empty, stop words only, no known term): said so, not silently labelled.
        let empty: [Bool], results: [Prediction]
        if classifier.isMultiLabel {
            (empty, results) = (classifier.isUninformative(texts), classifier.classifyMultiLabel(texts).map { .multi($0) })
        } else {
            let single = classifier.classifyFlaggingUninformative(texts, top: max(top ?? (json ? 1 : 0), 1))
            (empty, results) = (single.uninformative, single.results.map { .single($0) })
        }
        return (0..<inputs.count).map { (inputs[$0], results[$0], empty[$0]) }
    }

    /// Streams one row file: blocks classified and written in input order. Whether
    /// each line shows its source (as for several documents) is known once a
    /// second row or block is seen, so the first block waits for that.
    func classifyRows(_ classifier: TextClassifier, source: DocumentSource, path: String) throws {
        var held: [Row]?
        var showSource: Bool?
        let read = try source.streamRows(of: path, options: streaming.options, process: { classify(classifier, $0) }, emit: { rows in
            if let shown = showSource { return try write(rows, classifier: classifier, showSource: shown) }
            if let first = held {
                showSource = true
                held = nil
                try write(first, classifier: classifier, showSource: true)
                try write(rows, classifier: classifier, showSource: true)
            } else {
                held = rows
            }
        })
        if let first = held { try write(first, classifier: classifier, showSource: first.count > 1) }
        streaming.report(read, name: path)
    }

    /// `--jsonl PATH`: one JSON object per record, `{"id", "label", "probabilities"}`, streamed.
    /// An empty standard input gives empty output (an empty partition of a
    /// batch job), an empty file is an error.
    func classifyJSONL(_ classifier: TextClassifier, source: DocumentSource, path: String) throws {
        let name = path == "-" ? "<stdin>" : path
        var ids: [String] = []
        let read = try LineRecordStream.run(path: path, options: streaming.options, parse: { line, number -> (String, SourcedDocument) in
            let record = try source.jsonlRecord(line, path: name, line: number)
            return (record.id ?? String(number), SourcedDocument(source: record.id ?? "\(name):\(number)", text: record.text))
        }, process: { records in
            ids = records.map(\.0)
            return classify(classifier, records.map(\.1))
        }, emit: { rows in
            var out: [UInt8] = []
            for (id, row) in zip(ids, rows) { out += try jsonLine(classifier, row, key: "id", value: id) }
            Output.write(out)
        })
        if read.records == 0 && read.badLines == 0 && path != "-" {
            throw DatasetError(path: name, "no records (the file is empty)")
        }
        streaming.report(read, name: name)
    }

    /// Writes classified rows (and notes the empty ones on standard error).
    func write(_ rows: [Row], classifier: TextClassifier, showSource: Bool) throws {
        let k = top ?? (json ? 1 : 0)
        var out: [UInt8] = []
        for row in rows where row.empty {
            Output.note("warning: \(row.input.source): empty or stop-word-only document; its label\(classifier.isMultiLabel ? "s are" : " is") only the prior")
        }
        for row in rows {
            if json {
                out += try jsonLine(classifier, row, key: "source", value: row.input.source)
                continue
            }
            switch row.result {
            case .multi(let result):
                out += MultiLabelCommands.textLine(classifier, result, source: showSource ? row.input.source : nil, top: top)
            case .single(let result):
                let abstains = abstaining(result)
                let label = abstains ? "(none)" : result.label
                var line = showSource ? "\(row.input.source)\t\(label)" : label
                if k > 0 {
                    line += "\t" + result.probabilities.map { "\($0.label) \(String(format: "%.4f", $0.probability))" }.joined(separator: ", ")
                }
                if explain {
                    let terms = classifier.explain(row.input.text, label: result.label, top: explainTerms)
                        .map { "\($0.term) (\(String(format: "%.3f", $0.weight)))" }
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

    /// Whether `--threshold` makes the classifier abstain on `result`.
    func abstaining(_ result: TextClassifier.Classification) -> Bool {
        threshold.map { Double(result.probabilities.first?.probability ?? 0) < $0 } ?? false
    }

    /// One `--json` line: the prediction with its `source` (or, for `--jsonl`, `id`).
    func jsonLine(_ classifier: TextClassifier, _ row: Row, key: String, value: String) throws -> [UInt8] {
        switch row.result {
        case .multi(let result):
            return try MultiLabelCommands.jsonLine(classifier, result, key: key, value: value, empty: row.empty, top: top)
        case .single(let result):
            let label: any Encodable = abstaining(result) ? String?.none : String?.some(result.label)
            let explanation = explain ? classifier.explain(row.input.text, label: result.label, top: explainTerms) : nil
            return try Output.jsonLine(JSONRecord(base: result, fields: [
                key: value, "label": label, "empty": row.empty ? true : nil, "explanation": explanation,
            ]))
        }
    }
}
