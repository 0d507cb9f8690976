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
	"regexp"
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
	re      *regexp.Regexp
	reNames int
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
// brackets: "[P-1a2b3c4d5e]".
func (k *Keyring) Redact(text string) string {
	if text == "" {
		return text
	}
	k.mu.Lock()
	if k.reNames != len(k.names) {
		k.compile()
	}
	re := k.re
	k.mu.Unlock()
	if re == nil {
		return text
	}
	var out strings.Builder
	last, pos := 0, 0
	for pos <= len(text) {
		loc := re.FindStringIndex(text[pos:])
		if loc == nil {
			break
		}
		start, end := pos+loc[0], pos+loc[1]
		// Whole words only: no letter or digit just before or after. (RE2's
		// \b knows only ASCII letters.)
		if wordChar(lastRune(text[:start])) || wordChar(firstRune(text[end:])) {
			_, size := utf8.DecodeRuneInString(text[start:])
			pos = start + max(size, 1)
			continue
		}
		k.mu.Lock()
		p := k.names[Fold(text[start:end])]
		k.mu.Unlock()
		if p != "" {
			out.WriteString(text[last:start])
			out.WriteString("[" + p + "]")
			last = end
		}
		pos = max(end, start+1)
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

func wordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

func (k *Keyring) compile() {
	var alts []string
	for f := range k.names {
		words := strings.Fields(f)
		if len(words) < 2 {
			continue // a lone first name would replace ordinary words
		}
		q := make([]string, len(words))
		for i, w := range words {
			// Fold dropped apostrophes: let one stand between any two letters.
			var b strings.Builder
			for j, r := range w {
				if j > 0 {
					b.WriteString(`['’]?`)
				}
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
			q[i] = b.String()
		}
		alts = append(alts, strings.Join(q, `[\s.'’-]+`))
	}
	k.reNames = len(k.names)
	if len(alts) == 0 {
		k.re = nil
		return
	}
	sort.Slice(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
	k.re = regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)`)
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
