import Foundation

/// A document whose label is optional: a row of the data `precis vectorize`
/// reads (a TSV row always has a label; a JSONL record may have none).
public struct TextRow: Equatable, Sendable {
    /// The label, when the row has a usable one.
    public var label: String?
    /// The document text.
    public var text: String

    /// A row with its text and label.
    public init(label: String?, text: String) {
        self.label = label
        self.text = text
    }
}

extension LabeledRowStream {
    /// The row on one line with its label when it has one, as
    /// ``LabeledDataset/readTextsAndLabels(path:format:labelColumn:textColumn:limits:)``
    /// reads it: a TSV row as ``parse(_:number:)``; a JSONL record as a labelled
    /// document when it is one, else its text alone (the text column, or without
    /// one `text`, else `article`), with no label.
    ///
    /// - Throws: ``DatasetError`` naming the file and line when the line has no usable text.
    public func parseText(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws -> TextRow? {
        guard format == .jsonl else { return try parse(line, number: number).map { TextRow(label: $0.label, text: $0.text) } }
        let name = path == "-" ? "<stdin>" : path
        let data = Data(line)
        if let document = (try? JSONLReader.parse(data, path: name, labelKey: labelKey, textKey: textKey))?.first {
            return TextRow(label: document.label, text: document.text)
        }
        do {
            return try JSONLReader.parseTexts(data, path: name, textKey: textColumn).first.map { TextRow(label: nil, text: $0) }
        } catch var error as DatasetError {
            error.line = number
            throw error
        }
    }

    /// Streams the file as rows that may lack a label (see ``parseText(_:number:)``):
    /// `process` gets each block's rows, in file order, and its outputs go to
    /// `emit` in that order (see ``LineRecordStream``).
    ///
    /// ```swift
    /// let rows = try LabeledRowStream(path: "test.jsonl")
    /// try rows.streamTexts(process: { rows in rows.map(\.text.count) }, emit: { print($0) })
    /// ```
    ///
    /// - Throws: the first bad line's ``DatasetError`` (after every block before it
    ///   was emitted), unless ``StreamOptions/skipBadLines``; or what `process` or `emit` threw.
    @discardableResult
    public func streamTexts<Output>(process: ([TextRow]) throws -> [Output],
                                    emit: ([Output]) throws -> Void) throws -> StreamSummary {
        try LineRecordStream.run(try lines(), options: options, parse: { line, number in try parseText(line, number: number) },
                                 process: process, emit: emit)
    }
}
