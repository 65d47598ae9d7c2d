import PrecisCore
import Foundation

/// Built-in stop-word lists.
///
/// The canonical list lives in `Data/stop-words-english.txt`; it is embedded here so
/// the `precis` binary needs no data files, and a test checks that the two agree.
public enum StopWords {
    /// scikit-learn's English stop-word list (`stop_words='english'`), 318 words.
    ///
    /// ```swift
    /// var config = TfidfConfiguration()
    /// config.stopWords = StopWords.english
    /// ```
    public static let english: Set<String> = [
        "a", "about", "above", "across", "after", "afterwards", "again", "against", "all",
        "almost", "alone", "along", "already", "also", "although", "always", "am", "among",
        "amongst", "amoungst", "amount", "an", "and", "another", "any", "anyhow", "anyone",
        "anything", "anyway", "anywhere", "are", "around", "as", "at", "back", "be", "became",
        "because", "become", "becomes", "becoming", "been", "before", "beforehand", "behind",
        "being", "below", "beside", "besides", "between", "beyond", "bill", "both", "bottom",
        "but", "by", "call", "can", "cannot", "cant", "co", "con", "could", "couldnt", "cry", "de",
        "describe", "detail", "do", "done", "down", "due", "during", "each", "eg", "eight",
        "either", "eleven", "else", "elsewhere", "empty", "enough", "etc", "even", "ever", "every",
        "everyone", "everything", "everywhere", "except", "few", "fifteen", "fifty", "fill",
        "find", "fire", "first", "five", "for", "former", "formerly", "forty", "found", "four",
        "from", "front", "full", "further", "get", "give", "go", "had", "has", "hasnt", "have",
        "he", "hence", "her", "here", "hereafter", "hereby", "herein", "hereupon", "hers",
        "herself", "him", "himself", "his", "how", "however", "hundred", "i", "ie", "if", "in",
        "inc", "indeed", "interest", "into", "is", "it", "its", "itself", "keep", "last", "latter",
        "latterly", "least", "less", "ltd", "made", "many", "may", "me", "meanwhile", "might",
        "mill", "mine", "more", "moreover", "most", "mostly", "move", "much", "must", "my",
        "myself", "name", "namely", "neither", "never", "nevertheless", "next", "nine", "no",
        "nobody", "none", "noone", "nor", "not", "nothing", "now", "nowhere", "of", "off", "often",
        "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours",
        "ourselves", "out", "over", "own", "part", "per", "perhaps", "please", "put", "rather",
        "re", "same", "see", "seem", "seemed", "seeming", "seems", "serious", "several", "she",
        "should", "show", "side", "since", "sincere", "six", "sixty", "so", "some", "somehow",
        "someone", "something", "sometime", "sometimes", "somewhere", "still", "such", "system",
        "take", "ten", "than", "that", "the", "their", "them", "themselves", "then", "thence",
        "there", "thereafter", "thereby", "therefore", "therein", "thereupon", "these", "they",
        "thick", "thin", "third", "this", "those", "though", "three", "through", "throughout",
        "thru", "thus", "to", "together", "too", "top", "toward", "towards", "twelve", "twenty",
        "two", "un", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well",
        "were", "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas",
        "whereby", "wherein", "whereupon", "wherever", "whether", "which", "while", "whither",
        "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without",
        "would", "yet", "you", "your", "yours", "yourself", "yourselves",
    ]

    /// Reads a stop-word file: one word a line, blank lines and lines starting
    /// with `#` ignored, words lowercased.
    ///
    /// - Throws: an error naming the file when it cannot be read or is not UTF-8.
    public static func read(path: String) throws -> Set<String> {
        // Only a regular file or a pipe: a device such as /dev/zero would never end.
        var info = stat()
        guard stat(path, &info) == 0, [S_IFREG, S_IFIFO].contains(info.st_mode & S_IFMT),
              let data = FileManager.default.contents(atPath: path) else {
            throw StopWordsError(path: path, message: "cannot read stop-word file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StopWordsError(path: path, message: "stop-word file is not valid UTF-8")
        }
        var words = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingCharacters(in: .whitespaces)
            if word.isEmpty || word.hasPrefix("#") { continue }
            words.insert(word.lowercased())
        }
        return words
    }
}

/// A stop-word file that could not be used.
public struct StopWordsError: PrecisError {
    /// The file.
    public var path: String?
    /// What is wrong.
    public var message: String
}
