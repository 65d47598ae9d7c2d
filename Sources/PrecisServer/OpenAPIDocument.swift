import Foundation
import Precis

/// The OpenAPI 3.1 description of the server, served at `GET /openapi.json`. Built from the
/// same route table and limits the server uses (model names, batch size, summary methods),
/// so the document and the server cannot drift apart; a test checks every route against it.
enum OpenAPIDocument {
    /// Request-field bounds, shared by the validation in `Requests.swift` and the schemas.
    static let maximumTop = 1000
    static let maximumSentences = 100_000
    static let maximumWords = 10_000_000

    /// The document, as compact JSON with sorted keys.
    static func json(models: [String], maximumBatch: Int) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: document(models: models, maximumBatch: maximumBatch),
                                                options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func document(models: [String], maximumBatch: Int) -> [String: Any] {
        var paths: [String: Any] = [:]
        for endpoint in Endpoint.routes {
            paths[endpoint.path] = [endpoint.method.rawValue.lowercased(): operation(endpoint)]
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Precis",
                "version": precisVersion,
                "description": "Text classification, extractive summaries, sentence segmentation and keyphrases over HTTP (`precis serve`). "
                    + "Errors are `{\"error\": {\"code\", \"message\"}}` with a 4xx or 5xx status.",
            ],
            "paths": paths,
            "components": ["schemas": schemas(models: models, maximumBatch: maximumBatch)],
        ]
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func jsonContent(_ schema: [String: Any], example: Any? = nil) -> [String: Any] {
        var media: [String: Any] = ["schema": schema]
        if let example { media["example"] = example }
        return ["application/json": media]
    }

    private static func errorResponse(_ description: String) -> [String: Any] {
        ["description": description, "content": jsonContent(ref("Error"))]
    }

    private static func operation(_ endpoint: Endpoint) -> [String: Any] {
        let (summary, id, request, response, example): (String, String, String?, [String: Any], Any?)
        switch endpoint {
        case .classify:
            (summary, id, request, response, example) = ("Classify one text or a batch", "classify", "ClassifyRequest",
                                                         ref("ClassifyResponse"), ["text": "The striker scored twice in the second half.", "top": 2])
        case .summarize:
            (summary, id, request, response, example) = ("Summarise a text or HTML article", "summarize", "SummarizeRequest", ref("Summary"),
                                                         ["text": "Shares in Acme rose 5% on Monday. The firm said profits doubled. Analysts were surprised.", "sentences": 1])
        case .segment:
            (summary, id, request, response, example) = ("Split a text into sentences", "segment", "DocumentRequest", ref("Segmentation"),
                                                         ["text": "Shares in Acme Inc. rose 3.5%. \"It is good,\" he said."])
        case .keywords:
            (summary, id, request, response, example) = ("TextRank keyphrases of a text", "keywords", "KeywordsRequest", ref("Keywords"),
                                                         ["text": "Solar power is cheap. Solar panels and wind power compete on price.", "top": 3])
        case .models:
            (summary, id, request, response, example) = ("The served models: classes and training metadata", "listModels", nil, ref("Models"), nil)
        case .healthz:
            (summary, id, request, response, example) = ("Liveness: the server answers and has its models", "health", nil, ref("Health"), nil)
        case .metrics:
            (summary, id, request, response, example) = ("Prometheus metrics (text exposition format)", "metrics", nil, ["type": "string"], nil)
        case .openapi, .other:
            (summary, id, request, response, example) = ("This document", "openapi", nil, ["type": "object"], nil)
        }
        var responses: [String: Any] = [:]
        if endpoint == .metrics {
            responses["200"] = ["description": "OK", "content": ["text/plain": ["schema": response]]]
        } else {
            responses["200"] = ["description": "OK", "content": jsonContent(response)]
        }
        var op: [String: Any] = ["summary": summary, "operationId": id, "responses": responses]
        if let request {
            op["requestBody"] = ["required": true, "content": jsonContent(ref(request), example: example)]
            responses["400"] = errorResponse("Invalid JSON, a field of the wrong type, a missing or out-of-range field, a batch over `--max-batch`, or an unknown model")
            responses["413"] = errorResponse("The body is over the server's limit (`--max-body`)")
            responses["415"] = errorResponse("The body is not sent as `application/json`")
            responses["503"] = errorResponse("The request took longer than the server's time limit (`--timeout`)")
            op["responses"] = responses
        }
        return op
    }

    private static func document(oneOf fields: [String]) -> [[String: Any]] {
        fields.map { ["required": [$0]] }
    }

    private static func schemas(models: [String], maximumBatch: Int) -> [String: Any] {
        let string: [String: Any] = ["type": "string"]
        let documentFields: [String: Any] = [
            "text": ["type": "string", "description": "Plain text (HTML is detected and stripped)."],
            "html": ["type": "string", "description": "An HTML page; markup, scripts and styles are stripped."],
        ]
        let classification: [String: Any] = [
            "type": "object",
            "required": ["label", "probabilities"],
            "properties": [
                "label": ["type": ["string", "null"], "description": "The most probable class; null below `threshold` or for an empty text."],
                "probabilities": ["type": "object", "additionalProperties": ["type": "number"],
                                  "description": "The `top` most probable classes and their probabilities."],
                "empty": ["type": "boolean", "description": "Present (true) when the text gives the model nothing to go on: empty, white space, only stop words, or no term the model knows (the CLI's `empty`)."],
                "explanation": ["type": "array", "items": [
                    "type": "object", "required": ["term", "weight"],
                    "properties": ["term": string, "weight": ["type": "number"]],
                ]],
            ],
        ]
        return [
            "Error": [
                "type": "object", "required": ["error"],
                "properties": ["error": [
                    "type": "object", "required": ["code", "message"],
                    "properties": ["code": string, "message": string],
                ]],
            ],
            "ClassifyRequest": [
                "type": "object",
                "properties": [
                    "text": string,
                    "texts": ["type": "array", "items": string, "minItems": 1, "maxItems": maximumBatch],
                    "model": ["type": "string", "enum": models, "description": "Default: `\(models.first ?? "default")`."],
                    "top": ["type": "integer", "minimum": 1, "maximum": maximumTop, "description": "How many classes to list (default 1)."],
                    "explain": ["type": "boolean", "description": "Also list the terms that pushed the prediction most."],
                    "explain_terms": ["type": "integer", "minimum": 1, "maximum": 1000, "description": "How many terms `explain` lists (default 8)."],
                    "threshold": ["type": "number", "minimum": 0, "maximum": 1, "description": "`label` is null when the best probability is below this."],
                ],
                "oneOf": document(oneOf: ["text", "texts"]),
            ],
            "Classification": classification,
            "ClassifyResponse": [
                "description": "One object for `text`, a list in input order for `texts`.",
                "oneOf": [ref("Classification"), ["type": "array", "items": ref("Classification")]],
            ],
            "DocumentRequest": [
                "type": "object", "properties": documentFields, "oneOf": document(oneOf: ["text", "html"]),
            ],
            "SummarizeRequest": [
                "type": "object",
                "properties": documentFields.merging([
                    "sentences": ["type": "integer", "minimum": 0, "maximum": maximumSentences, "description": "Sentences in the summary (default 3)."],
                    "words": ["type": "integer", "minimum": 0, "maximum": maximumWords, "description": "Word budget."],
                    "ratio": ["type": "number", "exclusiveMinimum": 0, "maximum": 1, "description": "Fraction of the sentences to keep."],
                    "method": ["type": "string", "enum": SummaryMethod.names, "description": "Scoring method (default `\(SummaryMethod.default.rawValue)`)."],
                ] as [String: Any]) { a, _ in a },
                "oneOf": document(oneOf: ["text", "html"]),
                "not": ["anyOf": [["required": ["sentences", "words"]], ["required": ["sentences", "ratio"]], ["required": ["words", "ratio"]]]],
            ],
            "Summary": [
                "type": "object", "required": ["summary", "sentences", "method"],
                "properties": [
                    "summary": string,
                    "sentences": ["type": "array", "items": [
                        "type": "object", "required": ["index", "text", "score"],
                        "properties": ["index": ["type": "integer"], "text": string, "score": ["type": "number"]],
                    ]],
                    "method": string,
                ],
            ],
            "Segmentation": [
                "type": "object", "required": ["sentences", "language"],
                "properties": [
                    "sentences": ["type": "array", "items": [
                        "type": "object", "required": ["text", "start", "end"],
                        "properties": ["text": string,
                                       "start": ["type": "integer", "description": "Offset in Unicode scalars in the plain text."],
                                       "end": ["type": "integer", "description": "Offset in Unicode scalars just past the sentence."]],
                    ]],
                    "language": string,
                ],
            ],
            "KeywordsRequest": [
                "type": "object",
                "properties": documentFields.merging([
                    "top": ["type": "integer", "minimum": 0, "maximum": maximumTop, "description": "How many keyphrases (default 10)."],
                ] as [String: Any]) { a, _ in a },
                "oneOf": document(oneOf: ["text", "html"]),
            ],
            "Keywords": [
                "type": "object", "required": ["keywords"],
                "properties": ["keywords": ["type": "array", "items": [
                    "type": "object", "required": ["text", "score", "count"],
                    "properties": ["text": string, "score": ["type": "number"], "count": ["type": "integer"]],
                ]]],
            ],
            "Models": [
                "type": "object", "required": ["default", "models"],
                "properties": [
                    "default": string,
                    "models": ["type": "array", "items": [
                        "type": "object", "required": ["name", "path", "classes", "features", "loaded_at", "training"],
                        "properties": [
                            "name": string, "path": string, "classes": ["type": "array", "items": string],
                            "features": ["type": "integer"], "loaded_at": string,
                            "training": ["type": "object", "description": "The model's training metadata (as `precis inspect --json`)."],
                        ],
                    ]],
                ],
            ],
            "Health": [
                "type": "object", "required": ["status", "models"],
                "properties": ["status": ["type": "string", "enum": ["ok"]], "models": ["type": "integer"]],
            ],
        ]
    }
}
