import ArgumentParser
import Precis

/// `--text-field` and `--id-field`: the keys of a JSONL record's text and id in the
/// `--jsonl` modes of summarize, segment and keywords.
///
/// ```
/// precis summarize --jsonl news.jsonl --text-field body --id-field doc_id
/// ```
struct RecordFieldOptions: ParsableArguments {
    @Option(name: .customLong("text-field"), help: ArgumentHelp("With --jsonl: the key of the article text (default: article).", valueName: "NAME"))
    var textField: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("With --jsonl: the key of the record id (default: id).", valueName: "NAME"))
    var idField: String?

    /// The keys in effect.
    var fields: SummaryRecordFields { SummaryRecordFields(article: textField ?? "article", id: idField ?? "id") }

    /// Refuses the keys without `--jsonl`, where they would be ignored.
    func validate(jsonl: String?) throws {
        if jsonl == nil && (textField != nil || idField != nil) {
            throw ValidationError("--text-field and --id-field apply to --jsonl input")
        }
    }
}
