/// Turns an HTML page into plain text with one paragraph per line.
///
/// Scripts, styles and non-story page parts (`<script>`, `<style>`,
/// `<noscript>`, `<head>`, `<nav>`, `<footer>`, `<aside>`, `<form>`,
/// `<figcaption>`, `<svg>`, `<iframe>`, ...) are removed with their contents;
/// comments are removed; block elements (`<p>`, `<div>`, `<br>`, `<h1>`,
/// `<li>`, ...) become line breaks; inline tags vanish; character references
/// (`&amp;`, `&#8217;`, `&#x2019;`) are decoded; white space is collapsed as a
/// browser would.
///
/// ```swift
/// let html = "<html><script>x()</script><p>First &amp; best.</p><p>Second<br>line</p></html>"
/// HtmlText.looksLikeHTML(html)     // true
/// HtmlText.plainText(fromHTML: html)   // "First & best.\nSecond\nline"
/// ```
///
/// Complexity: O(n) in the UTF-8 length of the page.
public enum HtmlText {
    /// Elements removed together with everything inside them.
    public static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "form", "button",
        "figcaption", "svg", "iframe", "select", "textarea", "object", "canvas", "video", "audio", "menu",
    ]

    /// Elements that break the text into paragraphs.
    public static let blockElements: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
        "section", "article", "header", "blockquote", "pre", "hr", "dd", "dt", "dl", "main", "figure",
        "address", "title", "body", "html", "caption", "details", "summary", "tbody", "thead",
    ]

    /// Whether `text` is (probably) HTML: a doctype or `<html>` at the start, or at
    /// least two common tags in its first 64 KB.
    public static func looksLikeHTML(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { looksLikeHTML(utf8: $0) }
    }

    /// `text` itself, or its paragraphs when it ``looksLikeHTML(_:)``: what the
    /// summariser and keyword extractor read.
    ///
    /// ```swift
    /// HtmlText.plainTextIfHTML("<html><p>One.</p><p>Two.</p></html>")   // the paragraphs "One." and "Two."
    /// HtmlText.plainTextIfHTML("Just text.")                             // "Just text."
    /// ```
    public static func plainTextIfHTML(_ text: String) -> String {
        looksLikeHTML(text) ? plainText(fromHTML: text) : text
    }

    /// ``looksLikeHTML(_:)`` on UTF-8 bytes.
    public static func looksLikeHTML(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(b.count, 65_536)
        var i = 0
        while i < n && (b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 || b[i] == 0xEF || b[i] == 0xBB || b[i] == 0xBF) { i += 1 }
        if i < n && b[i] == 0x3C {
            let name = tagName(b, i + 1, n).name
            if name == "!doctype" || name == "html" || name == "?xml" || name == "!--" { return true }
        }
        var tags = 0
        while i < n {
            if b[i] == 0x3C {
                let (name, _) = tagName(b, i + 1, n)
                if blockElements.contains(name) || droppedElements.contains(name) || name == "a" || name == "span" {
                    tags += 1
                    if tags >= 2 { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The text of an HTML page, one paragraph per line.
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        return html.withUTF8 { plainText(fromHTML: $0) }
    }

    /// ``plainText(fromHTML:)`` on UTF-8 bytes.
    public static func plainText(fromHTML b: UnsafeBufferPointer<UInt8>) -> String {
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n / 2)
        var pendingSpace = false
        func newline() {
            pendingSpace = false
            if let last = out.last, last != 0x0A { out.append(0x0A) }
        }
        func emit(_ bytes: some Sequence<UInt8>) {
            if pendingSpace, let last = out.last, last != 0x0A { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x3C {
                // Comment.
                if i + 3 < n && b[i + 1] == 0x21 && b[i + 2] == 0x2D && b[i + 3] == 0x2D {
                    i = find(b, "-->", from: i + 4, n).map { $0 + 3 } ?? n
                    continue
                }
                let (name, closing) = tagName(b, i + 1, n)
                if name.isEmpty {              // a literal "<"
                    emit([c]); i += 1; continue
                }
                let end = tagEnd(b, i + 1, n)
                if !closing && droppedElements.contains(name) && !(end >= 2 && b[end - 2] == 0x2F) {
                    i = skipElement(b, name: name, from: end, n)
                    newline()
                    continue
                }
                if blockElements.contains(name) { newline() }
                i = end
                continue
            }
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C {
                pendingSpace = true; i += 1; continue
            }
            if c == 0x26, let (scalar, width) = decodeEntity(b, i, n) {
                if scalar == "\u{A0}" { pendingSpace = true } else { emit(Array(String(scalar).utf8)) }
                i += width
                continue
            }
            emit(CollectionOfOne(c))
            i += 1
        }
        // Trim each line; drop empty ones.
        var lines: [String] = []
        for line in out.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let text = line.withUnsafeBufferPointer { lb -> String? in
                guard let (lo, hi) = TextBytes.trim(lb, 0, lb.count) else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: lb[lo..<hi]), as: UTF8.self)
            }
            if let text { lines.append(text) }
        }
        return lines.joined(separator: "\n")
    }

    /// The lowercased tag name after `<` at `i` (with a leading `/` removed and reported),
    /// or an empty name when `<` does not start a tag.
    static func tagName(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (name: String, closing: Bool) {
        var i = i
        var closing = false
        if i < n && b[i] == 0x2F { closing = true; i += 1 }
        var bytes: [UInt8] = []
        if i < n && (b[i] == 0x21 || b[i] == 0x3F) { bytes.append(b[i]); i += 1 }
        if i + 1 < n && bytes == [0x21] && b[i] == 0x2D && b[i + 1] == 0x2D { return ("!--", false) }
        while i < n && bytes.count < 16 {
            let c = b[i]
            if TextBytes.isASCIILetter(c) || (c &- 0x30 < 10 && !bytes.isEmpty) { bytes.append(c | (c < 0x40 ? 0 : 0x20)); i += 1 } else { break }
        }
        if bytes.isEmpty || bytes == [0x21] || bytes == [0x3F] { return ("", false) }
        return (String(decoding: bytes, as: UTF8.self), closing)
    }

    /// The index after the `>` closing the tag that starts before `i` (quotes respected).
    static func tagEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        var i = i
        var quote: UInt8 = 0
        while i < n {
            let c = b[i]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x3E { return i + 1 }
            i += 1
        }
        return n
    }

    /// The index after `</name ...>`, searching from `i`, or the end of the text.
    static func skipElement(_ b: UnsafeBufferPointer<UInt8>, name: String, from i: Int, _ n: Int) -> Int {
        var i = i
        while i + 1 < n {
            if b[i] == 0x3C && b[i + 1] == 0x2F {
                let (found, _) = tagName(b, i + 2, n)
                if found == name { return tagEnd(b, i + 2, n) }
            }
            i += 1
        }
        return n
    }

    static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from i: Int, _ n: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        var i = i
        while i + count <= n {
            var k = 0
            while k < count && b[i + k] == p[k] { k += 1 }
            if k == count { return i }
            i += 1
        }
        return nil
    }

    /// Decodes the character reference at `i` (`&name;`, `&#123;`, `&#x1F;`), with its width.
    static func decodeEntity(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> (Character, Int)? {
        var e = i + 1
        while e < n && e - i <= 32 && b[e] != 0x3B && b[e] != 0x26 && b[e] != 0x20 && b[e] != 0x3C { e += 1 }
        guard e < n, b[e] == 0x3B, e > i + 1 else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<e]), as: UTF8.self)
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") { value = UInt32(digits.dropFirst(), radix: 16) }
            else { value = UInt32(digits) }
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return ("\u{FFFD}", e + 1 - i) }
            return (Character(scalar), e + 1 - i)
        }
        guard let scalar = namedEntities[body] else { return nil }
        return (Character(scalar), e + 1 - i)
    }

    /// The named character references Precis decodes.
    public static let namedEntities: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "bdquo": "\u{201E}", "hellip": "\u{2026}", "pound": "£", "euro": "€", "yen": "¥",
        "cent": "¢", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "times": "×", "divide": "÷",
        "middot": "·", "bull": "•", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "shy": "\u{AD}",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â",
        "auml": "ä", "aring": "å", "atilde": "ã", "iacute": "í", "igrave": "ì", "icirc": "î", "iuml": "ï",
        "oacute": "ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö", "otilde": "õ", "oslash": "ø", "uacute": "ú",
        "ugrave": "ù", "ucirc": "û", "uuml": "ü", "ntilde": "ñ", "ccedil": "ç", "szlig": "ß", "Eacute": "É",
        "Aacute": "Á", "Ouml": "Ö", "Uuml": "Ü", "Auml": "Ä", "Ntilde": "Ñ", "Ccedil": "Ç", "aelig": "æ",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "plusmn": "±", "micro": "µ",
        "para": "¶", "sect": "§", "iexcl": "¡", "iquest": "¿", "dagger": "†", "prime": "′", "Prime": "″",
    ]
}
