import ArgumentParser
import Precis

/// `--c` or `--alpha`: the L2 penalty in scikit-learn's two spellings, shared by the
/// single-label and the multi-label fits.
struct RegularizationOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Inverse L2 regularisation strength, scikit-learn's C (instead of --alpha).", valueName: "C"))
    var c: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("L2 penalty on the mean loss, scikit-learn's SGD alpha (default: chosen from 1e-6 to 1e-4 by --tune auto, else 1e-6).", valueName: "ALPHA"))
    var alpha: Double?

    /// The penalty the user gave (nil: the fit's default).
    func regularization() throws -> Regularization? {
        if c != nil && alpha != nil { throw ValidationError("give either --c or --alpha, not both") }
        return c.map { .c($0) } ?? alpha.map { .alpha($0) }
    }
}
