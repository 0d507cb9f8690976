// Package privacy owns personal data handling: the project key (kept outside
// the database, file mode 0600), keyed pseudonyms for people's names, and
// replacing known names in free text. No name and no key ever reaches the
// database, the logs or an output.
package privacy

import (
	"bufio"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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
// seen (in a register beside the key, also 0600) so that they can be replaced
// in excerpts loaded later.
type Keyring struct {
	key     []byte
	regPath string
	mu      sync.Mutex
	names   map[string]string // folded name -> pseudonym
	added   []string
	byFirst map[string][]name // names of two words or more, by their first word
	indexed int               // how many names byFirst was built from
	keyPath string
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
	k := &Keyring{key: key, keyPath: path, regPath: path + ".names", names: map[string]string{}}
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
// gives "". The name is remembered for Redact.
func (k *Keyring) Pseudonym(name string) string {
	f := Fold(name)
	if f == "" {
		return ""
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if p, ok := k.names[f]; ok {
		return p
	}
	p := k.hash(f)
	k.names[f] = p
	k.added = append(k.added, f)
	return p
}

func (k *Keyring) hash(folded string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(folded))
	return "P-" + hex.EncodeToString(m.Sum(nil))[:10]
}

// Redact replaces every known name (two words or more, whole words, any
// case, apostrophes and accents as written) in text by its pseudonym in
// brackets: "[P-1a2b3c4d5e]". It reads the text word by word against an
// index of names by their first word, so it costs little however many
// names are known.
func (k *Keyring) Redact(text string) string {
	if text == "" {
		return text
	}
	k.mu.Lock()
	if k.indexed != len(k.names) {
		k.index()
	}
	byFirst := k.byFirst
	k.mu.Unlock()
	if len(byFirst) == 0 {
		return text
	}
	words := splitWords(text)
	var out strings.Builder
	last := 0
	for i := 0; i < len(words); i++ {
		for _, n := range byFirst[words[i].folded] {
			if i+len(n.words) > len(words) || !sameWords(words[i:i+len(n.words)], n.words) {
				continue
			}
			end := words[i+len(n.words)-1].end
			out.WriteString(text[last:words[i].start])
			out.WriteString("[" + n.pseudonym + "]")
			last = end
			i += len(n.words) - 1
			break
		}
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
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

func sameWords(ws []word, names []string) bool {
	for i, n := range names {
		if ws[i].folded != n {
			return false
		}
	}
	return true
}

// name is a known name as its folded words, with its pseudonym.
type name struct {
	words     []string
	pseudonym string
}

// index builds the names of two words or more by their first word, longest
// first. A lone first name is left out: it would replace ordinary words.
func (k *Keyring) index() {
	k.byFirst = map[string][]name{}
	for f, p := range k.names {
		words := strings.Fields(f)
		if len(words) >= 2 {
			k.byFirst[words[0]] = append(k.byFirst[words[0]], name{words, p})
		}
	}
	for _, ns := range k.byFirst {
		sort.Slice(ns, func(i, j int) bool {
			if len(ns[i].words) != len(ns[j].words) {
				return len(ns[i].words) > len(ns[j].words)
			}
			return strings.Join(ns[i].words, " ") < strings.Join(ns[j].words, " ")
		})
	}
	k.indexed = len(k.names)
}

// Save appends the names first seen since Open to the register (mode 0600).
func (k *Keyring) Save() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.added) == 0 {
		return nil
	}
	f, err := os.OpenFile(k.regPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write the name register %s: %w", k.regPath, err)
	}
	w := bufio.NewWriter(f)
	for _, n := range k.added {
		w.WriteString(n)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	k.added = nil
	return f.Close()
}

func (k *Keyring) readRegister() error {
	f, err := os.Open(k.regPath)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read the name register %s: %w", k.regPath, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n := sc.Text(); n != "" {
			k.names[n] = k.hash(n)
		}
	}
	return sc.Err()
}
