/// Rules recognising page furniture in scraped articles: text that is part of
/// the web page rather than of the story, and so never a summary candidate.
///
/// A line is furniture when it
/// - starts with a page label ("Last Updated:", "First Published:", "Share this article",
///   "Image caption", "Read more", "Advertisement", ...),
/// - is a byline ("By Jane Smith", "By Jane Smith, BBC News"),
/// - is a bare photo caption (no final punctuation, with a photo credit or label), or
/// - has at most ``maximumFurnitureWords`` words.
///
/// ```swift
/// let rules = PageFurniture()
/// rules.isFurniture(line: "Last Updated: 10:32 GMT, 4 May")   // true
/// rules.isFurniture(line: "By Jane Smith, Political editor")  // true
/// rules.isFurniture(line: "The bank raised rates by 0.25%.")  // false
/// ```
public struct PageFurniture: Sendable {
    /// Lines (and sentences) with this many words or fewer are furniture.
    public var maximumFurnitureWords: Int = 2

    /// Furniture rules with the default word limit.
    public init(maximumFurnitureWords: Int = 2) {
        self.maximumFurnitureWords = maximumFurnitureWords
    }

    /// Lowercase prefixes that mark a whole line as furniture.
    public static let linePrefixes: [String] = [
        "last updated", "last modified", "first published", "published:", "published on", "updated:",
        "updated on", "posted:", "posted on", "posted by", "share this", "share on", "share:", "follow us",
        "follow @", "read more", "read next", "related:", "related articles", "related stories",
        "related topics", "more on this", "click here", "sign up for our", "sign up to our",
        "sign up to receive", "subscribe to our", "subscribe now", "advertisement:", "sponsored content",
        "image caption", "image copyright", "image source", "media caption", "photo:", "photograph:",
        "picture:", "pictured:", "caption:", "credit:", "copyright ©", "copyright (c)", "all rights reserved",
        "getty images", "(photo", "(image", "©", "watch:", "listen:", "video:", "email this", "print this",
        "comments (", "skip to content", "skip to main", "jump to navigation", "you may also like",
        "most read", "top stories", "we use cookies", "cookie policy", "cookie settings", "accept cookies",
        "tags:", "topics:",
    ]

    /// Lowercase fragments that, in a line without final punctuation, mark a photo caption.
    public static let captionMarkers: [String] = [
        "photo:", "photograph:", "picture:", "image:", "credit:", "getty images", "/getty", "(photo",
        "(picture", "(reuters)", "(afp)", "(ap)", "ap photo", "pa media", "pa images", "/reuters", "/afp",
        "©",
    ]

    /// Whether a whole line is furniture.
    public func isFurniture(line: String) -> Bool {
        var line = line
        return line.withUTF8 { b in
            guard let (lo, hi) = TextBytes.trim(b, 0, b.count) else { return true }
            return isFurnitureLine(b, lo, hi)
        }
    }

    /// Whether the trimmed line `b[lo..<hi]` is furniture.
    public func isFurnitureLine(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        // Long lines are story text; only short ones are inspected.
        guard hi - lo <= 600 else { return false }
        let line = UnsafeBufferPointer(rebasing: b[lo..<hi])
        if !TextBytes.hasMoreWords(than: maximumFurnitureWords, line) { return true }
        if Self.startsWithLabel(b, lo, hi) && !TextBytes.hasMoreWords(than: 20, line) { return true }
        if !TextBytes.endsWithTerminalPunctuation(b, lo, hi) {
            if Self.isByline(b, lo, hi, words: TextBytes.wordCount(line)) { return true }
            if Self.containsCaptionMarker(b, lo, hi) { return true }
        }
        return false
    }

    /// Whether a sentence inside a line is furniture (a page label in mid-line).
    public func isFurnitureSentence(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard hi - lo <= 600, Self.startsWithLabel(b, lo, hi) else { return false }
        return !TextBytes.hasMoreWords(than: 20, UnsafeBufferPointer(rebasing: b[lo..<hi]))
    }

    static let captionBytes: [[UInt8]] = captionMarkers.map { Array($0.utf8) }

    /// Whether `b[lo..<hi]` contains, ignoring ASCII case, one of ``captionMarkers``.
    static func containsCaptionMarker(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        for start in lo..<hi {
            let first = b[start] &- 0x41 < 26 ? b[start] | 0x20 : b[start]
            outer: for marker in captionBytes where marker[0] == first && marker.count <= hi - start {
                for k in 1..<marker.count {
                    let c = b[start + k]
                    if (c &- 0x41 < 26 ? c | 0x20 : c) != marker[k] { continue outer }
                }
                return true
            }
        }
        return false
    }

    /// The label prefixes as bytes, grouped by first byte for a quick rejection.
    static let labelBytes: [[UInt8]] = linePrefixes.map { Array($0.utf8) }
    static let labelFirstBytes: Set<UInt8> = Set(labelBytes.compactMap(\.first))

    /// Whether `b[lo..<hi]` starts, ignoring ASCII case, with one of ``linePrefixes``.
    static func startsWithLabel(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        guard lo < hi else { return false }
        let first = b[lo] &- 0x41 < 26 ? b[lo] | 0x20 : b[lo]
        guard labelFirstBytes.contains(first) else { return false }
        outer: for label in labelBytes where label.count <= hi - lo && label[0] == first {
            for k in 1..<label.count {
                let c = b[lo + k]
                if (c &- 0x41 < 26 ? c | 0x20 : c) != label[k] { continue outer }
            }
            return true
        }
        return false
    }

    /// "By Jane Smith", "By Jane Smith and John Doe, BBC News", "By JANE SMITH | Reporter".
    static func isByline(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, words: Int) -> Bool {
        guard hi - lo > 3, b[lo] == 0x42 || b[lo] == 0x62, b[lo + 1] == 0x79 || b[lo + 1] == 0x59,
              b[lo + 2] == 0x20, words <= 14 else { return false }
        // The name: one to four capitalised words (particles allowed) before a separator or the end.
        var i = lo + 3
        var names = 0
        while i < hi {
            while i < hi && b[i] == 0x20 { i += 1 }
            guard i < hi else { break }
            let c = b[i]
            if c == 0x2C || c == 0x7C || c == 0x2D || c == 0x2F { break }     // , | - /
            var e = i
            while e < hi && b[e] != 0x20 && b[e] != 0x2C && b[e] != 0x7C { e += 1 }
            let isCapitalised = c &- 0x41 < 26 || c >= 0xC0
            let length = e - i
            let isParticle = length <= 3 && (c == 0x61 || c == 0x64 || c == 0x76)   // and, de, van, von, da
            if isCapitalised { names += 1 } else if !isParticle { return false }
            i = e
            if names > 5 { return false }
        }
        return names >= 1
    }
}
