// swift-tools-version:6.0
//
// libFuzzer targets for Precis, kept out of the main build: `make fuzz` builds
// this package with `--sanitize fuzzer --sanitize address` and runs every
// target (Fuzz/run.sh). Each target is one `LLVMFuzzerTestOneInput` over one
// parser of untrusted bytes; seeds live in Fuzz/Seeds/<target>/, crashes found
// become files in Fuzz/Regressions/<target>/ that the normal test suite replays.
import PackageDescription

let targets = [
    "FuzzTSV", "FuzzCSV", "FuzzJSONL", "FuzzSummaryJSONL", "FuzzTokenizer",
    "FuzzSentences", "FuzzHTML", "FuzzStemmer", "FuzzModel", "FuzzServerRequest",
]

let package = Package(
    name: "PrecisFuzz",
    products: targets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "Precis", path: "..")],
    targets: targets.map {
        .executableTarget(name: $0, dependencies: [$0 == "FuzzServerRequest" ? .product(name: "PrecisServer", package: "Precis")
                                                                           : .product(name: "Precis", package: "Precis")],
                          // The targets' own code is instrumented too: release builds specialise the
                          // library's generic and inlinable code into it (without this the
                          // tokenizer target showed no coverage at all).
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    },
    swiftLanguageModes: [.v5]
)
