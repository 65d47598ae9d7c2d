/// How a linear classifier with one score per class turns its scores into a
/// training loss and into probabilities.
///
/// ```swift
/// var config = LogisticRegressionConfiguration()
/// config.multiClass = .ovr      // scikit-learn SGDClassifier(loss="log_loss")'s strategy
/// ```
public enum MultiClass: String, Equatable, Sendable, Codable, CaseIterable {
    /// Multinomial (softmax) logistic regression: one softmax over all classes, the
    /// loss is `−log softmax(s)_y`. The default.
    case multinomial
    /// One-vs-rest: one binary logistic regression per class against all the others,
    /// the loss is `Σ_c log(1 + exp(∓s_c))`; probabilities are the per-class sigmoids
    /// scaled to sum to one (as scikit-learn's `predict_proba` for one-vs-rest).
    /// Predictions (the highest score) are read the same way as for ``multinomial``.
    case ovr
}
