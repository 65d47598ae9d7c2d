import Testing
import PrecisCore

struct PrecisErrorTests {
    struct Located: PrecisError {
        var path: String?
        var line: Int?
        var message: String
    }

    @Test("the description names the path and line when they are known")
    func description() {
        #expect(Located(path: "a.tsv", line: 3, message: "bad").description == "a.tsv:3: bad")
        #expect(Located(path: "a.tsv", line: nil, message: "bad").description == "a.tsv: bad")
        #expect(Located(path: nil, line: 7, message: "bad").description == "line 7: bad")
        #expect(Located(path: nil, line: nil, message: "bad").description == "bad")
    }

    @Test("a configuration error carries the parameter, the value and what is allowed")
    func configuration() {
        let error = ConfigurationError("epochs", 0, allowed: "at least 1")
        #expect(error.parameter == "epochs" && error.value == "0" && error.allowed == "at least 1")
        #expect(error.description == "epochs must be at least 1, got 0")
        #expect(error.path == nil && error.line == nil)
        let any: any PrecisError = error
        #expect(any.message == error.description)
    }
}
