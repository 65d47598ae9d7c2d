// swift-tools-version:6.0
//
// Precis: text classification and extractive summarisation for Linux.
//
// The targets read as the pipeline they implement:
//
//   CBLAS (system BLAS) → PrecisLinearAlgebra (dense algebra)
//   PrecisText (tokens, sentences, stems) → PrecisDatasets (readers)
//   → PrecisFeatures (TF-IDF, sparse matrices)
//   → PrecisClassification / PrecisSummarization (models)
//   → PrecisEvaluation (metrics, ROUGE)
//   → Precis (umbrella library) → precis (the command-line tool)
import PackageDescription

let package = Package(
    name: "Precis",
    products: [
        .library(name: "Precis", targets: ["Precis"]),
        .executable(name: "precis", targets: ["precis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C: the standard CBLAS interface. Debian's alternatives decide which BLAS
        // (reference or OpenBLAS) `libblas.so.3` resolves to at run time.
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "blas",
            providers: [.apt(["libblas-dev"])]
        ),
        .target(name: "PrecisLinearAlgebra", dependencies: ["CBLAS"]),
        .target(name: "PrecisText"),
        .target(name: "PrecisDatasets"),
        .target(name: "PrecisFeatures", dependencies: ["PrecisText", "PrecisLinearAlgebra"]),
        .target(name: "PrecisClassification", dependencies: ["PrecisFeatures", "PrecisLinearAlgebra", "PrecisDatasets"]),
        .target(name: "PrecisSummarization", dependencies: ["PrecisText", "PrecisFeatures", "PrecisLinearAlgebra"]),
        .target(name: "PrecisEvaluation", dependencies: ["PrecisText"]),
        .target(name: "Precis", dependencies: [
            "PrecisLinearAlgebra", "PrecisText", "PrecisDatasets", "PrecisFeatures",
            "PrecisClassification", "PrecisSummarization", "PrecisEvaluation",
        ]),
        .executableTarget(name: "precis", dependencies: [
            "Precis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Micro-benchmarks for Benchmarks/run.sh; not part of any product.
        .executableTarget(name: "precis-bench", dependencies: ["PrecisLinearAlgebra", "CBLAS"],
                          path: "Benchmarks/Sources/precis-bench"),

        // Tests, with a small helper module shared by every test target.
        .target(name: "PrecisTestSupport", dependencies: ["PrecisClassification"], path: "Tests/PrecisTestSupport"),
        .testTarget(name: "PrecisLinearAlgebraTests", dependencies: ["PrecisLinearAlgebra", "PrecisTestSupport"]),
        .testTarget(name: "PrecisTextTests", dependencies: ["PrecisText", "PrecisTestSupport"]),
        .testTarget(name: "PrecisFeaturesTests", dependencies: ["PrecisFeatures", "PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisDatasetsTests", dependencies: ["PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisCLITests", dependencies: ["PrecisTestSupport"]),
        .testTarget(name: "PrecisClassificationTests", dependencies: ["PrecisClassification", "PrecisFeatures", "PrecisDatasets", "PrecisTestSupport"]),
        .testTarget(name: "PrecisSummarizationTests", dependencies: [
            "PrecisSummarization", "PrecisText", "PrecisFeatures", "PrecisDatasets", "PrecisEvaluation", "PrecisTestSupport",
        ]),
        .testTarget(name: "PrecisEvaluationTests", dependencies: ["PrecisEvaluation", "PrecisText", "PrecisTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
