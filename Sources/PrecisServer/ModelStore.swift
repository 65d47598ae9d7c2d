import Foundation
import Logging
import Precis
import Synchronization

/// A loaded model file: the classifier and what identifies the file version it came from.
/// Immutable, so requests share it read-only; a reload replaces the whole value.
final class LoadedModel: Sendable {
    let name: String
    let path: String
    let classifier: TextClassifier
    let stamp: FileStamp
    /// When it was loaded, ISO 8601 UTC.
    let loadedAt: String

    init(name: String, path: String, classifier: TextClassifier, stamp: FileStamp, loadedAt: String) {
        self.name = name
        self.path = path
        self.classifier = classifier
        self.stamp = stamp
        self.loadedAt = loadedAt
    }
}

/// What tells one version of a file from the next: device, inode (an atomic rename makes a
/// new one), size and modification time.
struct FileStamp: Equatable, Sendable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = 0
    var modified: Int64 = 0

    /// The file's stamp, or `nil` when it cannot be read.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                         modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}

/// The served models. Readers take a snapshot (one lock, one reference count); a reload
/// loads the new file completely before swapping it in, so requests in flight finish on the
/// model they started with and a file that fails to load leaves the old model serving.
final class ModelStore: Sendable {
    /// The configured models, in order; the first is the default.
    let sources: [ModelSource]
    private let current: Mutex<[String: LoadedModel]>
    /// The stamp of the last file version tried and failed, per model (so a broken file is
    /// reported once, not at every check).
    private let failedStamps = Mutex<[String: FileStamp]>([:])
    /// Serialises reloads (a signal and a file change at the same time).
    private let reloading = Mutex<Void>(())

    /// Loads every model; throws a one-line message naming the file if one fails.
    init(sources: [ModelSource]) throws {
        guard !sources.isEmpty else { throw ServerError("no model to serve") }
        var seen = Set<String>()
        for source in sources where !seen.insert(source.name).inserted {
            throw ServerError("--model: the name '\(source.name)' is given twice")
        }
        self.sources = sources
        var models: [String: LoadedModel] = [:]
        for source in sources {
            models[source.name] = try Self.load(source)
        }
        current = Mutex(models)
    }

    /// The name of the default model (the first configured).
    var defaultName: String { sources[0].name }

    /// The model called `name`, as it is now.
    func model(named name: String) -> LoadedModel? {
        current.withLock { $0[name] }
    }

    /// Every model, in configuration order.
    func all() -> [LoadedModel] {
        let models = current.withLock { $0 }
        return sources.compactMap { models[$0.name] }
    }

    /// The outcome of one reload pass.
    struct ReloadReport: Sendable {
        var reloaded: [String] = []
        var failed: [String] = []
    }

    /// Reloads the models (only those whose file changed, with `onlyChanged`), swapping each
    /// one in atomically once it has loaded; logs each success and failure.
    @discardableResult
    func reload(onlyChanged: Bool, logger: Logger) -> ReloadReport {
        reloading.withLock { _ in
            var report = ReloadReport()
            for source in sources {
                let stamp = FileStamp.of(source.path)
                if onlyChanged {
                    let old = current.withLock { $0[source.name]?.stamp }
                    // A missing file (mid-replacement, say) is not a change: keep serving.
                    guard let stamp, stamp != old, failedStamps.withLock({ $0[source.name] }) != stamp else { continue }
                }
                do {
                    let model = try Self.load(source)
                    current.withLock { $0[source.name] = model }
                    _ = failedStamps.withLock { $0.removeValue(forKey: source.name) }
                    report.reloaded.append(source.name)
                    logger.info("reloaded model '\(source.name)' from \(source.path) (\(model.classifier.labels.count) classes, \(model.classifier.vectorizer.featureCount) features)")
                } catch {
                    if let stamp { failedStamps.withLock { $0[source.name] = stamp } }
                    report.failed.append(source.name)
                    logger.error("reload of model '\(source.name)' failed, still serving the previous one: \(error)")
                }
            }
            return report
        }
    }

    /// Reads one model file, with an error message naming it.
    private static func load(_ source: ModelSource) throws -> LoadedModel {
        // Stamp first: if the file changes while we read it, the next check sees a new stamp.
        guard let stamp = FileStamp.of(source.path) else {
            throw ServerError("\(source.path): cannot read model file (missing or unreadable)")
        }
        let classifier: TextClassifier
        do {
            classifier = try ModelFile.read(path: source.path)
        } catch let error as CustomStringConvertible {
            throw ServerError(error.description)
        }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return LoadedModel(name: source.name, path: source.path, classifier: classifier, stamp: stamp,
                           loadedAt: formatter.string(from: Date()))
    }
}
