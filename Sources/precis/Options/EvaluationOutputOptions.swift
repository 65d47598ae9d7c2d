import ArgumentParser
import Precis

/// What `evaluate` and `cross-validate` write besides their text results: a
/// self-contained HTML report, and how the confusion matrix is shown.
///
/// ```
/// precis evaluate --model topics.precis --data test.tsv --report report.html --confusion top
/// ```
struct EvaluationOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write a self-contained HTML report (inline SVG charts) to this file.", valueName: "FILE.html"))
    var report: String?

    @Option(help: ArgumentHelp("How the text output shows the confusion matrix (cross-validate: of the pooled out-of-fold predictions): auto (full up to 20 classes, top confusions beyond), full, top or none.", valueName: "mode"))
    var confusion: ConfusionDisplay = .auto
}
