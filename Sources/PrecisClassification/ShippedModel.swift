import Foundation

/// The topic model shipped with Precis (`Models/bbc-news.precis`: business,
/// entertainment, politics, sport, tech), and where to find it.
///
/// Looked up in order: `$PRECIS_MODEL_DIR`; then, walking up from the executable's
/// folder, from the folder of `argv[0]` and from the current directory, a
/// `Models/` folder (a checkout, e.g. `.build/release/precis`) or an installed
/// `share/precis/models/` folder (`PREFIX/bin/precis`).
///
/// ```swift
/// let classifier = try ShippedModel.load()
/// classifier.predict(["The striker scored twice"])    // ["sport"]
/// ```
public enum ShippedModel {
    /// The file name of the shipped model.
    public static let fileName = "bbc-news.precis"

    /// The folders, relative to an ancestor of the executable or working directory,
    /// that may hold the shipped model.
    public static let folders = ["Models", "share/precis/models"]

    /// The path of the shipped model.
    ///
    /// - Parameter environment: where `PRECIS_MODEL_DIR` is looked up.
    /// - Throws: ``ModelFileError`` saying where it looked.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let fm = FileManager.default
        if let dir = environment["PRECIS_MODEL_DIR"], !dir.isEmpty {
            let path = URL(fileURLWithPath: dir).appendingPathComponent(fileName).path
            guard fm.fileExists(atPath: path) else {
                throw ModelFileError(path: path, "default model not found (PRECIS_MODEL_DIR is set to \(dir)); pass --model PATH")
            }
            return path
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let starts = [executable,
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
                      URL(fileURLWithPath: fm.currentDirectoryPath)]
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                for folder in folders {
                    let candidate = dir.appendingPathComponent(folder).appendingPathComponent(fileName)
                    if fm.fileExists(atPath: candidate.path) { return candidate.path }
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw ModelFileError("default model \(folders[0])/\(fileName) not found above \(executable.path) or the current directory; set PRECIS_MODEL_DIR or pass --model PATH")
    }

    /// Reads the shipped model (see ``path(environment:)``).
    ///
    /// - Throws: ``ModelFileError``.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TextClassifier {
        try ModelFile.read(path: path(environment: environment))
    }
}
