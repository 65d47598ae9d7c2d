import ArgumentParser
import Foundation
import Precis

/// `precis document-frequencies`: the document frequencies, label counts and
/// document count of one partition of a corpus in a hashed feature space, or
/// the sum of several such files (`--merge`): the shared idf of distributed
/// training (see `Integrations/spark/`).
struct DocumentFrequenciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document-frequencies",
        abstract: "Count a partition's hashed document frequencies, or sum several counts files.",
        discussion: """
        Counting (--data): reads labelled data, hashes every document's terms into N columns as train --hashing N does (same vectoriser options and defaults), and writes how many documents hit each column, the number of documents and the documents per label. Summing (--merge): adds up counts files from partitions of one corpus; they must have been counted with the same hashing width, tokeniser, n-grams and stop words.

        precis train --hashing N --document-frequencies FILE then weighs features by the idf of the summed counts, the same idf one process would learn from the whole corpus.

        TSV and JSONL data (a file, a pipe or standard input) is streamed: counted block by block on all cores, in bounded memory (one counter per column), whatever its size; a malformed line stops the count with its line number (nothing is written), --skip-bad-lines counts such lines on standard error and goes on. CSV and directories are read whole.

        File format: UTF-8 text; line 1 a JSON header ({"format":"precis-document-frequencies","version":1,"features":N,"documents":D,"labels":{label: count},"vectorizer":{settings},"stop_words":[...]}), then one line column<TAB>count per column with a non-zero count, columns ascending. --output - writes it to standard output.

        Examples:
          precis document-frequencies --data part-0.tsv --hashing 1048576 --output part-0.df
          precis document-frequencies --merge part-*.df --output corpus.df
          precis train --data part-0.tsv --hashing 1048576 --document-frequencies corpus.df --model part-0.precis
        """
    )

    @Option(name: .customLong("data"), help: ArgumentHelp("Labelled data to count (TSV, CSV, JSONL, or a directory of <label>/*.txt).", valueName: "PATH"))
    var dataPath: String?

    @OptionGroup var layout: DataLayoutOptions

    @Option(help: ArgumentHelp("Number of hashed columns (as train --hashing N).", valueName: "N"))
    var hashing: Int?

    @Flag(help: "Sum the counts files given as arguments instead of counting --data.")
    var merge = false

    @Argument(help: ArgumentHelp("With --merge: the counts files to sum.", valueName: "FILE"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Where to write the counts (- for standard output).", valueName: "PATH"))
    var output: String

    @OptionGroup var lineLimit: LineLimitOptions
    @OptionGroup var streaming: StreamingOptions

    @OptionGroup(title: "Vectoriser options") var vectorizer: VectorizerOptions
    @OptionGroup(title: "Progress") var progress: ProgressOptions

    func validate() throws {
        if merge {
            if dataPath != nil || hashing != nil { throw ValidationError("--merge sums counts files; do not give --data or --hashing") }
            if files.isEmpty { throw ValidationError("--merge needs at least one counts file") }
            if try vectorizer.configuration(defaults: Self.defaults) != Self.defaults {
                throw ValidationError("--merge takes the vectoriser settings from the files; do not give vectoriser options")
            }
        } else {
            guard dataPath != nil else { throw ValidationError("give --data PATH to count, or --merge FILE... to sum counts files") }
            guard let hashing else { throw ValidationError("counting needs --hashing N (the number of columns)") }
            if !files.isEmpty { throw ValidationError("unexpected arguments \(files.joined(separator: " ")) (only --merge takes files)") }
            try OptionFlags.validated(overrides: ["featureCount": "--hashing"]) { _ = try Self.vectorizer(hashing, vectorizer) }
        }
    }

    /// The vectoriser defaults of hashed training: ``TfidfConfiguration/classifierDefaults``
    /// without the vocabulary pruning hashing cannot do.
    static var defaults: TfidfConfiguration { TfidfConfiguration.classifierDefaults.withoutVocabularyOptions }

    /// The unsigned hashing vectoriser of `columns` columns with the user's options.
    static func vectorizer(_ columns: Int, _ options: VectorizerOptions) throws -> HashingVectorizer {
        let hashing = HashingVectorizer(featureCount: columns, alternateSign: false,
                                        configuration: try options.configuration(defaults: defaults))
        _ = try DocumentFrequencies(vectorizer: hashing)
        return hashing
    }

    func run() throws {
        // Refuse an output path that is an input or not a regular file before any work.
        let target = try output == "-" ? nil : OutputTarget(path: output, inputs: files + (dataPath.map { [$0] } ?? []))
        let bar = progress.start("counting")
        defer { bar.finish() }
        let counts: DocumentFrequencies
        if merge {
            counts = try DocumentFrequencies.merged(files.map { try DocumentFrequencies.read(path: $0) }, paths: files)
        } else if let dataPath, let hashing {
            var total = try OptionFlags.validated(overrides: ["featureCount": "--hashing"]) {
                try DocumentFrequencies(vectorizer: try Self.vectorizer(hashing, vectorizer))
            }
            let input = try DataInput(path: dataPath, format: layout.format)
            if input.isRowStream {
                // TSV and JSONL are streamed: each block hashed on the cores and counted, in bounded memory.
                var options = lineLimit.applied(to: streaming.options)
                options.progress = bar.streamCallback(unit: "documents")
                let rows = try LabeledRowStream(input: input, labelColumn: layout.labelColumn, textColumn: layout.textColumn,
                                                options: options)
                let read = try rows.forEachBlock { documents in
                    try total.add(documents.map(\.text), labels: documents.map(\.label))
                }
                guard total.documents > 0 else { throw DatasetError(path: dataPath, "no documents") }
                streaming.report(read, name: dataPath)
            } else {
                let documents = try LabeledDataset.read(input, labelColumn: layout.labelColumn, textColumn: layout.textColumn,
                                                        limits: lineLimit.limits())
                let batch = 4096
                for start in stride(from: 0, to: documents.count, by: batch) {
                    let part = documents[start..<min(start + batch, documents.count)]
                    try total.add(part.map(\.text), labels: part.map(\.label))
                    bar.documents(start + part.count, of: documents.count)
                }
            }
            counts = total
        } else {
            throw ValidationError("give --data PATH or --merge FILE...")
        }
        let bytes = try counts.encoded()
        if let target {
            try AtomicFile.write(to: target) { try $0.write([UInt8](bytes)) }
            Output.note("\(output): \(counts.documents) documents, \(counts.labelCounts.count) labels, "
                        + "\(counts.counts.lazy.filter { $0 > 0 }.count) of \(counts.featureCount) columns used")
        } else {
            try Output.write([UInt8](bytes))
        }
    }
}

extension DocumentFrequencies {
    /// ``merged(_:)`` with errors naming the file at fault.
    static func merged(_ parts: [DocumentFrequencies], paths: [String]) throws -> DocumentFrequencies {
        guard var total = parts.first else { return try merged(parts) }
        for (part, path) in zip(parts, paths).dropFirst() {
            if let reason = total.incompatibility(with: part) {
                throw DocumentFrequenciesError(path: path, "cannot merge with \(paths[0]): \(reason)")
            }
            try total.merge(part)
        }
        return total
    }
}
