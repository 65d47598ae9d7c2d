import Testing
import PrecisCore
import PrecisFeatures

/// The vectoriser's options: parsing document-frequency bounds, and the one range check.
struct TfidfConfigurationTests {
    @Test("an integer is a count, a number with a point a proportion")
    func documentFrequency() {
        #expect(DocumentFrequency("2") == .count(2))
        #expect(DocumentFrequency("0.5") == .proportion(0.5))
        #expect(DocumentFrequency("1.0") == .proportion(1))
        #expect(DocumentFrequency("half") == nil)
        #expect(DocumentFrequency.proportion(1).description == "1.0" && DocumentFrequency.count(3).description == "3")
    }

    @Test("validate() names the parameter", arguments: [
        ("ngramRange", { (c: inout TfidfConfiguration) in c.ngramRange = 0...2 }),
        ("ngramRange", { (c: inout TfidfConfiguration) in c.ngramRange = 1...10 }),
        ("minDF", { (c: inout TfidfConfiguration) in c.minDF = .count(-1) }),
        ("maxDF", { (c: inout TfidfConfiguration) in c.maxDF = .proportion(1.5) }),
        ("maxFeatures", { (c: inout TfidfConfiguration) in c.maxFeatures = 0 }),
    ] as [(String, @Sendable (inout TfidfConfiguration) -> Void)])
    func validate(parameter: String, change: @Sendable (inout TfidfConfiguration) -> Void) throws {
        var config = TfidfConfiguration()
        try config.validate()
        change(&config)
        let error = #expect(throws: ConfigurationError.self) { try config.validate() }
        #expect(error?.parameter == parameter)
        // The vectoriser refuses it too, before reading any document.
        #expect(throws: ConfigurationError.self) { try TfidfVectorizer(configuration: config).fit(["a b c"]) }
    }
}
