/// What an HTML evaluation report shows below its title: ``ClassificationReport``,
/// ``CrossValidationReport`` and ``SummaryReport`` are ``Report``s of these.
public protocol ReportContent: Sendable {
    /// The line under the page title.
    var subtitle: String { get }
    /// Adds the page's sections; `facts` (name/value lines about the model, the data
    /// and the options) belong in the first.
    func addSections(to page: inout HTMLReport, facts: [(String, String)])
}

/// A self-contained HTML evaluation report: a title, name/value lines about the
/// model, the data and the options, and the result it shows.
///
/// ```swift
/// let (metrics, predictions) = try classifier.evaluateWithPredictions(on: test)
/// let report = ClassificationReport(title: "topics.precis on test.tsv", metrics: metrics, predictions: predictions)
/// try report.html().write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct Report<Content: ReportContent>: Sendable {
    /// The page title.
    public var title: String
    /// Name/value lines about the model, the data and the options, shown first.
    public var facts: [(String, String)]
    /// What the page reports.
    public var content: Content

    /// A report of `content`.
    public init(title: String, facts: [(String, String)] = [], content: Content) {
        self.title = title
        self.facts = facts
        self.content = content
    }

    /// The page.
    public func html() -> String {
        var page = HTMLReport(title: title, subtitle: content.subtitle)
        content.addSections(to: &page, facts: facts)
        return page.render()
    }
}
