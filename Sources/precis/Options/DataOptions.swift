import ArgumentParser
import Precis

/// Where a command reads labelled data from, shared by `train`, `evaluate`,
/// `cross-validate` and `vectorize`.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("Labelled data: TSV, CSV, JSONL, or a directory of <label>/*.txt.", valueName: "PATH"))
    var path: String

    @Option(help: ArgumentHelp("Input format.", valueName: "FORMAT"))
    var format: DataFormat = .auto

    @Option(help: ArgumentHelp("CSV column / JSONL key of the label (default: label).", valueName: "NAME"))
    var labelColumn: String?

    @Option(help: ArgumentHelp("CSV column / JSONL key of the text (default: text).", valueName: "NAME"))
    var textColumn: String?

    @OptionGroup var lineLimit: LineLimitOptions

    /// Reads every document (at least one, or a message naming the file).
    func load() throws -> [LabeledDocument] {
        try LabeledDataset.read(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                                limits: limits())
    }

    /// Reads the texts and the labels when the file has them.
    func loadTextsAndLabels() throws -> (texts: [String], labels: [String]?) {
        try LabeledDataset.readTextsAndLabels(path: path, format: format, labelColumn: labelColumn, textColumn: textColumn,
                                limits: limits())
    }

    /// The reader limits, with `--max-line-bytes` for both lines and fields.
    func limits() throws -> ReaderLimits { try lineLimit.limits() }
}
