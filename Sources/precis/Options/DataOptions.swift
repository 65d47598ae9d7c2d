import ArgumentParser
import Precis

/// Where a command reads labelled data from, shared by `train`, `evaluate`,
/// `cross-validate` and `vectorize`.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Labelled data: TSV, CSV, JSONL, or a directory of <label>/*.txt.", valueName: "PATH"))
    var path: String

    @OptionGroup var layout: DataLayoutOptions

    @OptionGroup var lineLimit: LineLimitOptions

    /// Reads every document (at least one, or a message naming the file).
    func load() throws -> [LabeledDocument] {
        try layout.read(path: path, limits: limits())
    }

    /// Reads the texts and the labels when the file has them.
    func loadTextsAndLabels() throws -> (texts: [String], labels: [String]?) {
        try LabeledDataset.readTextsAndLabels(path: path, format: layout.format, labelColumn: layout.labelColumn,
                                              textColumn: layout.textColumn, limits: limits())
    }

    /// The reader limits, with `--max-line-bytes` for both lines and fields.
    func limits() throws -> ReaderLimits { try lineLimit.limits() }
}

/// `--format`, `--label-column` and `--text-column`: how labelled data is laid out,
/// for every command that reads it (``DataOptions``, `document-frequencies`).
struct DataLayoutOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Input format.", valueName: "FORMAT"))
    var format: DataFormat = .auto

    @Option(help: ArgumentHelp("CSV column / JSONL key of the label (default: label).", valueName: "NAME"))
    var labelColumn: String?

    @Option(help: ArgumentHelp("CSV column / JSONL key of the text (default: text).", valueName: "NAME"))
    var textColumn: String?

    /// Every document at `path` in this layout (at least one, or a message naming the file).
    func read(path: String, limits: ReaderLimits) throws -> [LabeledDocument] {
        try LabeledDataset.read(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn, limits: limits)
    }
}
