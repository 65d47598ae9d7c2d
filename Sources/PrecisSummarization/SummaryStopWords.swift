/// English function words ignored when sentences are compared and keywords
/// are picked: articles, pronouns, auxiliaries, prepositions, conjunctions,
/// and reporting verbs so common in news that they carry no topic.
///
/// ```swift
/// SummaryStopWords.english.contains("the")     // true
/// SummaryStopWords.english.contains("bank")    // false
/// ```
public enum SummaryStopWords {
    /// The list, lowercase.
    public static let english: Set<String> = [
        "a", "about", "above", "after", "again", "against", "ago", "all", "almost", "along", "already", "also",
        "although", "always", "am", "among", "an", "and", "another", "any", "anyone", "anything", "are",
        "around", "as", "at", "back", "be", "became", "because", "become", "been", "before", "being", "below",
        "between", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "down",
        "during", "each", "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further",
        "get", "gets", "getting", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
        "least", "less", "like", "made", "make", "many", "may", "me", "might", "more", "most", "much", "must",
        "my", "myself", "neither", "never", "no", "nor", "not", "now", "of", "off", "often", "on", "once",
        "one", "only", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own",
        "per", "perhaps", "quite", "rather", "really", "said", "same", "say", "says", "see", "seen", "several",
        "shall", "she", "should", "since", "so", "some", "something", "still", "such", "than", "that", "the",
        "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though",
        "through", "thus", "to", "told", "too", "toward", "towards", "under", "until", "up", "upon", "us",
        "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which",
        "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
        "your", "yours", "yourself", "yourselves", "mr", "mrs", "ms", "s", "t", "don", "didn", "doesn", "isn",
        "wasn", "weren", "won", "wouldn", "couldn", "shouldn", "ve", "ll", "re", "d", "m", "de", "la", "le",
    ]

    /// The hashes of ``english`` for the vectorizer's lookup table.
    static let englishHashes = HashTable(english)
}
