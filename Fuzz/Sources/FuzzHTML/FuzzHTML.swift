import Precis

/// Any bytes through the HTML detector and the HTML-to-text converter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = HtmlText.looksLikeHTML(utf8: bytes)
    let text = HtmlText.plainText(fromHTML: bytes)
    _ = HtmlText.plainText(fromHTML: text)
    return 0
}
