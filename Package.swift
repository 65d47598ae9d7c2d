// swift-tools-version:6.1
//
// Precis: text classification and extractive summarisation for Linux.
//
// The targets read as the pipeline they implement (A → B: B depends on A):
//
//   PrecisCore (package-internal: random numbers, hashing, buffers, parallel-for;
//     public: the atomic file writer AtomicFile/OutputTarget/OutputError, shared by the CLI and VectorizerFiles;
//     public: the PrecisError protocol and ConfigurationError) → every other library target
//   CBLAS (system BLAS) → PrecisLinearAlgebra (dense and sparse matrices, products, Matrix Market)
//   PrecisText (tokens, sentences, stems) → PrecisDatasets (readers, document sources)
//   PrecisText + PrecisLinearAlgebra → PrecisFeatures (TF-IDF, hashing)
//   PrecisFeatures + CPrefetch (a C cache-prefetch hint) → PrecisClassification (logistic regression, model files)
//   PrecisFeatures + PrecisDatasets → PrecisSummarization (TextRank, LexRank, keywords, batches)
//   PrecisClassification + PrecisSummarization + PrecisDatasets → PrecisEvaluation
//     (metrics, ROUGE, and the evaluate / cross-validate / ROUGE-evaluation workflows)
//   all of them → Precis (umbrella library) → precis (the command-line tool)
//   Precis + Hummingbird → PrecisServer (the HTTP service) → precis (`precis serve`)
import PackageDescription

let package = Package(
    name: "Precis",
    products: [
        .library(name: "Precis", targets: ["Precis"]),
        // The HTTP service as a library: used by `precis serve` and the request-decoding fuzz target (Fuzz/).
        .library(name: "PrecisServer", targets: ["PrecisServer"]),
        .executable(name: "precis", targets: ["precis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `precis serve` (the PrecisServer module): HTTP server, logging, Prometheus metrics.
        // Hummingbird's default traits are off (swift-configuration support, URL-encoded forms: unused).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
    ],
    targets: [
        // C: the standard CBLAS interface. Debian's alternatives decide which BLAS
        // (reference or OpenBLAS) `libblas.so.3` resolves to at run time.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "blas",
            providers: [.apt(["libblas-dev"])]
        ),
        // Shared internals (`package` access), plus the public error protocol
        // (`PrecisError`, `ConfigurationError`) that every module's errors conform to.
        .target(name: "PrecisCore"),
        .target(name: "PrecisLinearAlgebra", dependencies: ["CBLAS", "PrecisCore"]),
        .target(name: "PrecisText", dependencies: ["PrecisCore"]),
        .target(name: "PrecisDatasets", dependencies: ["PrecisCore", "PrecisText"]),
        .target(name: "PrecisFeatures", dependencies: ["PrecisCore", "PrecisText", "PrecisLinearAlgebra"]),
        // A cache prefetch hint (C, since Swift has none) for SGD's gather of weight rows.
        .target(name: "CPrefetch"),
        .target(name: "PrecisClassification", dependencies: ["CPrefetch", "PrecisCore", "PrecisText", "PrecisFeatures", "PrecisLinearAlgebra", "PrecisDatasets"]),
        .target(name: "PrecisSummarization", dependencies: [
            "PrecisCore", "PrecisText", "PrecisDatasets", "PrecisFeatures", "PrecisLinearAlgebra",
        ]),
        .target(name: "PrecisEvaluation", dependencies: [
            "PrecisCore", "PrecisText", "PrecisLinearAlgebra", "PrecisDatasets", "PrecisClassification", "PrecisSummarization",
        ]),
        .target(name: "Precis", dependencies: [
            "PrecisCore", "PrecisLinearAlgebra", "PrecisText", "PrecisDatasets", "PrecisFeatures",
            "PrecisClassification", "PrecisSummarization", "PrecisEvaluation",
        ]),
        // The HTTP service behind `precis serve`.
        .target(name: "PrecisServer", dependencies: [
            "Precis", "PrecisCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "precis", dependencies: [
            "Precis", "PrecisCore", "PrecisServer",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Micro-benchmarks for Benchmarks/run.sh; not part of any product.
        .executableTarget(name: "precis-bench", dependencies: ["PrecisLinearAlgebra", "CBLAS"],
                          path: "Benchmarks/Sources/precis-bench"),

        // Tests, with a small helper module shared by every test target.
        .target(name: "PrecisTestSupport", dependencies: ["PrecisCore"], path: "Tests/PrecisTestSupport"),
        .testTarget(name: "PrecisCoreTests", dependencies: ["PrecisCore", "PrecisTestSupport"]),
        .testTarget(name: "PrecisLinearAlgebraTests", dependencies: ["PrecisLinearAlgebra", "PrecisTestSupport"]),
        .testTarget(name: "PrecisTextTests", dependencies: ["PrecisText", "PrecisTestSupport"]),
        .testTarget(name: "PrecisFeaturesTests", dependencies: ["PrecisFeatures", "PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisDatasetsTests", dependencies: ["PrecisCore", "PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisCLITests", dependencies: ["PrecisTestSupport", "PrecisClassification", "PrecisFeatures", "PrecisLinearAlgebra"]),
        .testTarget(name: "PrecisClassificationTests", dependencies: ["PrecisClassification", "PrecisFeatures", "PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisSummarizationTests", dependencies: [
            "PrecisSummarization", "PrecisText", "PrecisFeatures", "PrecisDatasets", "PrecisEvaluation", "PrecisTestSupport",
        ]),
        .testTarget(name: "PrecisServerTests", dependencies: ["PrecisServer", "PrecisTestSupport"]),
        .testTarget(name: "PrecisEvaluationTests", dependencies: [
            "PrecisEvaluation", "PrecisText", "PrecisFeatures", "PrecisClassification", "PrecisDatasets", "PrecisSummarization", "PrecisTestSupport",
        ]),
    ],
    swiftLanguageModes: [.v5]
)
