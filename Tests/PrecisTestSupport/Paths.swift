import Foundation

/// Where tests find the repository, the project's own fixtures and the shared corpora.
public enum TestPaths {
    /// The repository root (the folder holding `Package.swift`).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The project's own data folder, `Data/`.
    public static var projectData: URL { repositoryRoot.appendingPathComponent("Data") }

    /// The shared public corpora: `$PRECIS_SHARED_DATA`, else `../shared/data` beside the repository.
    public static var sharedData: URL {
        if let env = ProcessInfo.processInfo.environment["PRECIS_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// A file of the shared corpora, e.g. `shared("bbc-news/train.tsv")`.
    public static func shared(_ relative: String) -> String {
        sharedData.appendingPathComponent(relative).path
    }

    /// Whether the shared corpora are present (tests that need them are skipped otherwise).
    public static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: shared("bbc-news/train.tsv"))
    }

    /// The directory of the running test binary, where SwiftPM also puts `precis`.
    public static var productsDirectory: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // XCTest bundles on Linux are plain executables; step out of a `.xctest` folder if any.
        while dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        return dir
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("precis-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
