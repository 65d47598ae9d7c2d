import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks on the HTML reports: XML well-formedness and rendering in headless Chromium.
public enum HTMLChecks {
    /// The parser's error when `text` is not well-formed XML, nil when it is.
    public static func xmlError(_ text: String) -> String? {
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        if parser.parse() { return nil }
        return "\(parser.parserError.map { String(describing: $0) } ?? "unknown") at line \(parser.lineNumber), column \(parser.columnNumber)"
    }

    /// The path of a Chromium executable on PATH, if any.
    public static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Renders `html` (a file) to `png` with headless Chromium in a `width`×`height` window.
    public static func screenshot(html: String, png: String, width: Int, height: Int) throws {
        guard let chromium else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        let profile = NSTemporaryDirectory() + "precis-chromium-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile)",
                             "--window-size=\(width),\(height)", "--screenshot=\(png)", URL(fileURLWithPath: html).absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    /// Width and height from a PNG file's IHDR chunk, nil when it is not a PNG.
    public static func pngSize(_ path: String) -> (width: Int, height: Int)? {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 24,
              Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        let b = [UInt8](data[16..<24])
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(0), be(4))
    }
}
