import Testing
import Foundation
import PrecisText
import PrecisTestSupport

struct HtmlTextTests {
    @Test("markup, scripts, styles and comments go; paragraphs stay; entities are decoded")
    func strip() {
        let html = """
        <!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style></head>
        <body><script type="text/javascript">var x = "<p>not text</p>";</script>
        <!-- a comment <p>hidden</p> -->
        <p>First &amp; best:   the <b>bold</b> move.</p><p>Second&nbsp;one&#8217;s &#x201C;quoted&#x201D;<br>line two</p>
        <nav>Home | News</nav><p>Caf&eacute; &lt;open&gt; &bogus; end.</p></body></html>
        """
        #expect(HtmlText.looksLikeHTML(html))
        #expect(HtmlText.plainText(fromHTML: html) ==
                "First & best: the bold move.\nSecond one’s “quoted”\nline two\nCafé <open> &bogus; end.")
    }

    @Test("plain text is not mistaken for HTML")
    func detection() {
        #expect(!HtmlText.looksLikeHTML("Profits rose 5% <as expected> in 2004."))
        #expect(!HtmlText.looksLikeHTML(""))
        #expect(HtmlText.looksLikeHTML("<p>One.</p><p>Two.</p>"))
    }

    @Test("the HTML sample article loses its furniture")
    func sample() throws {
        let url = TestPaths.projectData.appendingPathComponent("samples/harbour-festival.html")
        let text = HtmlText.plainText(fromHTML: try String(contentsOf: url, encoding: .utf8))
        #expect(!text.contains("analytics") && !text.contains("font-family") && !text.contains("Most read"))
        let body = SentenceSegmenter().bodySentences(in: text)
        #expect(body.first?.hasPrefix("More than 85,000 people visited") == true)
        #expect(!body.contains { $0.contains("Last Updated") || $0.contains("Share this") || $0.hasPrefix("By ") })
    }

    @Test("unterminated tags and comments end cleanly")
    func truncated() {
        #expect(HtmlText.plainText(fromHTML: "<p>Text<!-- never closed") == "Text")
        #expect(HtmlText.plainText(fromHTML: "<p>Text<script>never closed") == "Text")
        #expect(HtmlText.plainText(fromHTML: "<p>Text <a href=\"x") == "Text")
    }
}
