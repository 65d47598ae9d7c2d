/// A failed command: the one-line message ArgumentParser prints after `Error: `
/// (used by `serve` for server start-up failures).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
