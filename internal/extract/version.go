package extract

// Version names what this package's extraction produces. DLP verdicts kept
// across plans (a posture check's private state and dlp_cache_dir) record it
// and are reused only while it is unchanged: a verdict judged from another
// version's text is judged again from a fresh download.
//
// Bump it whenever the text (or the NotScannedError) Text returns for some
// input can change: a new format, a fix that reads what was missed before
// (hidden parts, other encodings, PDF text operators), different limits or
// defaults. Forgetting to bump it leaves every file judged clean by the old
// extractor clean for ever, whatever the fix would now find.
const Version = "11"
