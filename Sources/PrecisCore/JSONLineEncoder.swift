/// A small, fast JSON encoder for the command-line tool's output: any `Encodable`
/// value as one line of compact JSON, object keys sorted by their UTF-8 bytes (so
/// the output is stable), `/` not escaped, non-finite numbers written as the
/// strings `"inf"`, `"-inf"` and `"nan"`, integral `Double`s without a fraction.
///
/// It builds a light tree of the value and writes it in one pass, several times
/// faster than Foundation's `JSONEncoder` on text-heavy values (batch summaries).
///
/// ```swift
/// let bytes = try JSONLineEncoder().encode(["b": 1, "a": 2])   // {"a":2,"b":1}
/// ```
package struct JSONLineEncoder {
    package init() {}

    /// `value` as compact JSON, without a trailing newline.
    package func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = JSONNode()
        try value.encode(to: NodeEncoder(node: root, codingPath: []))
        var out: [UInt8] = []
        out.reserveCapacity(512)
        root.write(to: &out)
        return out
    }
}

/// One value of the tree; objects keep their keys in encoding order until written.
final class JSONNode {
    enum Kind {
        case null, bool(Bool), string(String), double(Double), float(Float), integer(Int64), unsigned(UInt64)
        case array([JSONNode]), object([(key: String, node: JSONNode)])
    }
    var kind: Kind = .null

    func write(to out: inout [UInt8]) {
        switch kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .string(let s): JSONNode.appendString(s, to: &out)
        case .double(let x): JSONNode.appendNumber(x, to: &out)
        case .float(let x):
            if !x.isFinite || (x == x.rounded() && abs(x) < 1e7) { JSONNode.appendNumber(Double(x), to: &out) }
            else { out.append(contentsOf: x.description.utf8) }
        case .integer(let n): out.append(contentsOf: String(n).utf8)
        case .unsigned(let n): out.append(contentsOf: String(n).utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                element.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(var pairs):
            func precedes(_ a: (key: String, node: JSONNode), _ b: (key: String, node: JSONNode)) -> Bool {
                a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
            if !zip(pairs, pairs.dropFirst()).allSatisfy({ !precedes($1, $0) }) { pairs.sort(by: precedes) }
            out.append(UInt8(ascii: "{"))
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONNode.appendString(pair.key, to: &out)
                out.append(UInt8(ascii: ":"))
                pair.node.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func appendNumber(_ x: Double, to out: inout [UInt8]) {
        if !x.isFinite {
            appendString(x.isNaN ? "nan" : x > 0 ? "inf" : "-inf", to: &out)
        } else if x == x.rounded(), abs(x) < 1e15 {
            out.append(contentsOf: String(Int64(x)).utf8)
        } else {
            out.append(contentsOf: x.description.utf8)
        }
    }

    /// Appends `s` as a JSON string literal (RFC 8259 escapes; runs without escapes copied at once).
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        JSONStringSyntax.escape(s) { out.append(contentsOf: $0) }
        out.append(0x22)
    }

    /// Makes this node an object (keeping its keys if it already is one).
    func makeObject() {
        if case .object = kind { return }
        kind = .object([])
    }

    /// A new child of this object at `key`.
    func child(_ key: String) -> JSONNode {
        let node = JSONNode()
        guard case .object(var pairs) = kind else { return node }
        kind = .null
        // A key written twice keeps its place and takes the last value (a record's extra fields override its base).
        if let i = pairs.firstIndex(where: { $0.key == key }) { pairs[i].node = node } else { pairs.append((key, node)) }
        kind = .object(pairs)
        return node
    }

    /// A new last element of this array.
    func append() -> JSONNode {
        let node = JSONNode()
        guard case .array(var elements) = kind else { return node }
        kind = .null
        elements.append(node)
        kind = .array(elements)
        return node
    }
}

struct NodeEncoder: Encoder {
    let node: JSONNode
    var codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedNodeContainer(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array = node.kind {} else { node.kind = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: JSONNode
    var codingPath: [CodingKey]

    mutating func encodeNil() { node.kind = .null }
    mutating func encode(_ value: Bool) { node.kind = .bool(value) }
    mutating func encode(_ value: String) { node.kind = .string(value) }
    mutating func encode(_ value: Double) { node.kind = .double(value) }
    mutating func encode(_ value: Float) { node.kind = .float(value) }
    mutating func encode(_ value: Int) { node.kind = .integer(Int64(value)) }
    mutating func encode(_ value: Int64) { node.kind = .integer(Int64(value)) }
    mutating func encode(_ value: UInt64) { node.kind = .unsigned(value) }
    mutating func encode(_ value: UInt32) { node.kind = .unsigned(UInt64(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    var codingPath: [CodingKey]
    var count: Int { if case .array(let a) = node.kind { return a.count }; return 0 }

    mutating func encodeNil() { node.append().kind = .null }
    mutating func encode(_ value: String) { node.append().kind = .string(value) }
    mutating func encode(_ value: Double) { node.append().kind = .double(value) }
    mutating func encode(_ value: Float) { node.append().kind = .float(value) }
    mutating func encode(_ value: Int) { node.append().kind = .integer(Int64(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: NodeEncoder(node: node.append(), codingPath: codingPath))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.append(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.append(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.append(), codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    var codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) { node.child(key.stringValue).kind = .null }
    mutating func encode(_ value: String, forKey key: Key) { node.child(key.stringValue).kind = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) { node.child(key.stringValue).kind = .double(value) }
    mutating func encode(_ value: Float, forKey key: Key) { node.child(key.stringValue).kind = .float(value) }
    mutating func encode(_ value: Int, forKey key: Key) { node.child(key.stringValue).kind = .integer(Int64(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> Encoder { NodeEncoder(node: node.child("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath)
    }
}
