import ArgumentParser
import Precis

/// Options of multi-label data and models, shared by `train`, `evaluate` and
/// `cross-validate`.
struct MultiLabelOptions: ParsableArguments {
    @Flag(name: .customLong("multi-label"), help: "Each document may have several labels: TSV/CSV label field split on --label-separator, or a JSONL \"labels\" array. Trains one binary model per label with per-label thresholds.")
    var enabled = false

    @Option(name: .customLong("label-separator"), help: ArgumentHelp("Separator of the labels in a multi-label label field (default: ,).", valueName: "SEP"))
    var separator: String = ","

    @Flag(help: "With --multi-label, a document may get no label when none reaches its threshold (default: the closest label).")
    var allowEmpty = false

    /// Reads multi-label documents, naming the file on failure.
    func load(_ data: DataOptions) throws -> (texts: [String], labelSets: [[String]]) {
        let documents = try MultiLabelDataset.read(path: data.path, format: data.layout.format, separator: separator,
                                                   labelColumn: data.layout.labelColumn, textColumn: data.layout.textColumn,
                                                   limits: data.limits())
        return (documents.map(\.text), documents.map(\.labels))
    }
}
