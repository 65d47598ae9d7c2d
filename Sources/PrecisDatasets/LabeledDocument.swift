/// One labelled text: a row of a classification data set.
public struct LabeledDocument: Equatable, Sendable {
    /// The class label (for example `sport`).
    public var label: String
    /// The document text.
    public var text: String

    /// A document with its label.
    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}
