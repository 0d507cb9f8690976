// Package privacy owns personal data handling: the project key (kept outside
// the database, file mode 0600), keyed pseudonyms for people's names, and
// replacing known names in free text. No name and no key ever reaches the
// database, the logs or an output.
package privacy

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// KeyEnv names the environment variable that overrides the key file's location.
const KeyEnv = "OBS_KEY"

// DefaultKeyPath is where the key lives unless OBS_KEY says otherwise:
// in the user's configuration folder, never beside the database.
func DefaultKeyPath() string {
	if p := os.Getenv(KeyEnv); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "obs", "pseudonym.key")
}

// Keyring pseudonymises names with a keyed HMAC and remembers the names it has
// seen so that they can be replaced in excerpts loaded later. It remembers
// them in a register beside the key (also 0600) that holds no name in clear:
// only keyed hashes of each name and of its leading words (register.go).
type Keyring struct {
	key      []byte
	lookKey  [32]byte // derived from key, for the register's hashes (look)
	regPath  string
	keyPath  string
	mu       sync.Mutex
	names    map[sum]entry // a known name, by the hash of its folded form
	removed  map[sum]bool  // hashes removed as no name (obs names remove), kept in the register
	prefixes map[sum]bool  // hashes of the leading words of names of two words or more
	maxWords int           // the most words a known name has
	notNames map[sum]bool  // hashes of words that are never names (notnames.go)
	added    []string      // register lines first seen since Open
	rewrite  bool          // the register must be written again whole (converted, or a name removed)
	// Migrated is how many names a register written in clear by an older
	// obs held when Open converted it to keyed hashes; 0 when it did not.
	Migrated int
}

// sum is a name's or a word sequence's keyed hash in the register.
type sum [16]byte

// entry is a known name: its pseudonym, its number of words and its line
// in the register.
type entry struct {
	pseudonym string
	words     int
	line      string
}

// Open reads the key at path, creating it (mode 0600, in a 0700 folder) on first use.
func Open(path string) (*Keyring, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for the pseudonym key %s: %w", path, err)
	}
	key, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		buf := make([]byte, 32)
		if _, err := rand.Read(buf); err != nil {
			return nil, err
		}
		key = []byte(hex.EncodeToString(buf))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("cannot create the pseudonym key %s: %w", path, err)
		}
		if _, err := f.Write(key); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("cannot read the pseudonym key %s: %w", path, err)
	}
	key = []byte(strings.TrimSpace(string(key)))
	if len(key) < 32 {
		return nil, fmt.Errorf("the pseudonym key %s is too short: it must hold at least 32 characters (delete it only if nothing has been loaded with it)", path)
	}
	k := &Keyring{key: key, keyPath: path, regPath: path + ".names", names: map[sum]entry{},
		removed: map[sum]bool{}, prefixes: map[sum]bool{}, notNames: map[sum]bool{}}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("obs name register"))
	copy(k.lookKey[:], m.Sum(nil))
	if err := k.readRegister(); err != nil {
		return nil, err
	}
	return k, nil
}

// Fold normalises a name for matching: lower case, single spaces, no punctuation.
func Fold(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			space = true
		}
	}
	return b.String()
}

// Pseudonym returns the stable pseudonym of a name ("P-" and ten hex digits),
// the same for the same person in every return and load. An empty name
// gives "". The name is remembered for Redact. A word that is no person's
// name (a place, a piece of software, an account, a role: IsNotName) is
// returned as written and not remembered.
func (k *Keyring) Pseudonym(name string) string {
	f := Fold(name)
	if f == "" {
		return ""
	}
	h := k.look(f)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.notName(f, h) {
		return strings.TrimSpace(name)
	}
	if e, ok := k.names[h]; ok {
		return e.pseudonym
	}
	e := k.remember(f, h)
	k.added = append(k.added, e.line)
	return e.pseudonym
}

// PseudonymOnly is the pseudonym of a name that is not to be looked for in
// text (the account that runs a load): it is neither remembered nor
// returned as written.
func (k *Keyring) PseudonymOnly(name string) string {
	f := Fold(name)
	if f == "" {
		return ""
	}
	return k.pseudonymOf(f)
}

// pseudonymOf is the keyed HMAC of a folded name, as a pseudonym.
func (k *Keyring) pseudonymOf(folded string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(folded))
	return "P-" + hex.EncodeToString(m.Sum(nil))[:10]
}

// IsPseudonym says whether s is written as a pseudonym is ("P-" and ten
// hex digits): a file obs wrote (an exported method's overrides.csv) read
// again keeps its pseudonyms rather than taking them for names.
func IsPseudonym(s string) bool {
	if len(s) != 12 || !strings.HasPrefix(s, "P-") {
		return false
	}
	for _, c := range s[2:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// look is the register's keyed hash of a folded name or word sequence:
// SHA-256 of a key derived from the pseudonym key, then the words. It is
// cheaper than the HMAC of a pseudonym, as Redact computes one a word.
func (k *Keyring) look(folded string) sum {
	var buf [128]byte
	b := append(append(buf[:0], k.lookKey[:]...), folded...)
	full := sha256.Sum256(b)
	var s sum
	copy(s[:], full[:])
	return s
}

// Redact replaces every known name (two words or more, whole words, any
// case, apostrophes and accents as written) in text by its pseudonym in
// brackets: "[P-1a2b3c4d5e]". It hashes the words of the text as it reads
// them, going on from a word only while the words so far begin a known
// name, so it costs about one hash a word however many names are known.
func (k *Keyring) Redact(text string) string {
	if text == "" {
		return text
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.maxWords < 2 {
		return text
	}
	words := splitWords(text)
	var out strings.Builder
	last := 0
	for i := 0; i < len(words); i++ {
		n, p := k.longest(words[i:])
		if n == 0 {
			continue
		}
		out.WriteString(text[last:words[i].start])
		out.WriteString("[" + p + "]")
		last = words[i+n-1].end
		i += n - 1
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// longest is the number of words of the longest known name that ws begins
// with (0 if none), and its pseudonym. k.mu is held.
func (k *Keyring) longest(ws []word) (int, string) {
	seq := ws[0].folded
	if !k.prefixes[k.look(seq)] {
		return 0, ""
	}
	n, p := 0, ""
	for l := 2; l <= k.maxWords && l <= len(ws); l++ {
		seq += " " + ws[l-1].folded
		h := k.look(seq)
		if e, ok := k.names[h]; ok && !k.notName(seq, h) {
			n, p = l, e.pseudonym
		}
		if !k.prefixes[h] {
			break
		}
	}
	return n, p
}

// word is a run of letters and digits in a text (apostrophes inside it
// kept out of its folded form, as Fold does).
type word struct {
	start, end int
	folded     string
}

func splitWords(text string) []word {
	var words []word
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, word{start, end, b.String()})
			b.Reset()
			start = -1
		}
	}
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && start >= 0:
			// inside a word (O'Brien); a trailing one ends it below
		default:
			flush(i)
		}
	}
	flush(len(text))
	// A word ends at its last letter or digit, not at a trailing apostrophe,
	// and a possessive 's is not part of it (Jones's is Jones).
	for i := range words {
		w := &words[i]
		for w.end > w.start {
			r, size := utf8.DecodeLastRuneInString(text[w.start:w.end])
			if r != '\'' && r != '’' {
				break
			}
			w.end -= size
		}
		t := text[w.start:w.end]
		for _, poss := range []string{"'s", "’s", "'S", "’S"} {
			if len(t) > len(poss) && strings.HasSuffix(t, poss) {
				w.end -= len(poss)
				w.folded = strings.TrimSuffix(w.folded, "s")
				break
			}
		}
	}
	return words
}
