// The umbrella module: `import Precis` brings in the whole toolkit.
@_exported import PrecisCore
@_exported import PrecisLinearAlgebra
@_exported import PrecisText
@_exported import PrecisDatasets
@_exported import PrecisFeatures
@_exported import PrecisClassification
@_exported import PrecisSummarization
@_exported import PrecisEvaluation

/// The toolkit's version, as printed by `precis --version`.
public let precisVersion = "0.1.0"
