package privacy

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
)

// The name register (pseudonym.key.names, mode 0600) lets a later load find
// the names earlier loads met, and holds none of them in clear. Each line is
// one of
//
//	n HASH PSEUDONYM PREFIX...  a name: the keyed hash of its folded form,
//	                            its pseudonym, then the hashes of its first
//	                            word, its first two words... (all but the
//	                            whole name), so that Redact goes on from a
//	                            word only while it may begin a name
//	x HASH                      a word that is no name (obs names remove)
//
// after a first line saying what the file is. A register written by an older
// obs (one folded name a line, in clear) is converted on first use.

const registerHeader = "# obs name register, format 2: keyed hashes of names, never a name in clear; see obs names"

// remember records a folded name first seen, with its hash h. k.mu is held
// (or k is not shared yet).
func (k *Keyring) remember(folded string, h sum) entry {
	words := strings.Fields(folded)
	line := "n " + hex.EncodeToString(h[:]) + " " + k.pseudonymOf(folded)
	for i := 1; i < len(words); i++ {
		p := k.look(strings.Join(words[:i], " "))
		line += " " + hex.EncodeToString(p[:])
	}
	k.learn(line)
	return k.names[h]
}

// learn takes in one register line; false if it is not one. k.mu is held
// (or k is not shared yet).
func (k *Keyring) learn(line string) bool {
	f := strings.Fields(line)
	if len(f) < 2 {
		return false
	}
	h, ok := parseSum(f[1])
	switch {
	case !ok:
		return false
	case f[0] == "n" && len(f) >= 3 && strings.HasPrefix(f[2], "P-"):
		if k.removed[h] {
			return true
		}
		var ps []sum
		for _, x := range f[3:] {
			p, ok := parseSum(x)
			if !ok {
				return false
			}
			ps = append(ps, p)
		}
		k.names[h] = entry{pseudonym: f[2], words: len(ps) + 1, line: line}
		for _, p := range ps {
			k.prefixes[p] = true
		}
		if len(ps) > 0 {
			k.maxWords = max(k.maxWords, len(ps)+1)
		}
		return true
	case f[0] == "x" && len(f) == 2:
		k.removed[h] = true
		k.notNames[h] = true
		return true
	}
	return false
}

func parseSum(x string) (sum, bool) {
	var s sum
	b, err := hex.DecodeString(x)
	if err != nil || len(b) != len(s) {
		return s, false
	}
	copy(s[:], b)
	return s, true
}

// Known is how many names the register holds.
func (k *Keyring) Known() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.names)
}

// ErrNoSuchPseudonym: Remove was given a pseudonym no known name has.
var ErrNoSuchPseudonym = errors.New("no known name has this pseudonym")

// Remove forgets the name whose pseudonym is p ("P-1a2b3c4d5e", with or
// without brackets), for a word that was registered as a name by mistake,
// and remembers it as no name, so that it is neither replaced in text nor
// registered again. The register is written at once.
func (k *Keyring) Remove(p string) error {
	want := strings.ToLower(strings.Trim(strings.TrimSpace(p), "[]"))
	if !strings.HasPrefix(want, "p-") || len(want) != 12 {
		return fmt.Errorf("%q is not a pseudonym: a pseudonym is P- and ten letters and digits, such as P-1a2b3c4d5e", p)
	}
	k.mu.Lock()
	found := 0
	for h, e := range k.names {
		if strings.EqualFold(e.pseudonym, want) {
			delete(k.names, h)
			k.removed[h], k.notNames[h] = true, true
			found++
		}
	}
	if found > 0 {
		names := k.names
		k.names, k.prefixes, k.maxWords = map[sum]entry{}, map[sum]bool{}, 0
		for _, e := range names {
			k.learn(e.line)
		}
		k.rewrite = true
	}
	k.mu.Unlock()
	if found == 0 {
		return fmt.Errorf("%w: %s", ErrNoSuchPseudonym, p)
	}
	return k.Save()
}

// Save writes the names first seen since Open to the register (mode 0600):
// appended, or the whole register again after a conversion or a removal.
func (k *Keyring) Save() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.rewrite {
		return k.writeAll()
	}
	if len(k.added) == 0 {
		return nil
	}
	_, err := os.Stat(k.regPath)
	fresh := errors.Is(err, os.ErrNotExist)
	f, err := os.OpenFile(k.regPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write the name register %s: %w", k.regPath, err)
	}
	w := bufio.NewWriter(f)
	if fresh {
		w.WriteString(registerHeader + "\n")
	}
	for _, line := range k.added {
		w.WriteString(line + "\n")
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	k.added = nil
	return f.Close()
}

// writeAll writes the register whole, to a new file that then takes its
// place, so that a failure leaves the old one. k.mu is held.
func (k *Keyring) writeAll() error {
	lines := make([]string, 0, len(k.names)+len(k.removed))
	for _, e := range k.names {
		lines = append(lines, e.line)
	}
	for h := range k.removed {
		lines = append(lines, "x "+hex.EncodeToString(h[:]))
	}
	sort.Strings(lines)
	tmp := k.regPath + ".new"
	body := registerHeader + "\n" + strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(tmp, []byte(body), 0o600); err != nil {
		return fmt.Errorf("cannot write the name register %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, k.regPath); err != nil {
		return fmt.Errorf("cannot replace the name register %s: %w", k.regPath, err)
	}
	k.added, k.rewrite = nil, false
	return nil
}

// readRegister reads the register; one written in clear by an older obs is
// converted (Migrated says how many names it held) and written again at once.
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
	first := true
	plain := false
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if strings.HasPrefix(line, "# obs name register") {
				continue
			}
			plain = true // an older obs: one folded name a line
		}
		switch {
		case line == "":
		case plain:
			if f := Fold(line); f != "" {
				k.Migrated++
				if h := k.look(f); !k.notName(f, h) {
					k.remember(f, h)
				}
			}
		case !k.learn(line):
			return fmt.Errorf("the name register %s is damaged (a line is neither a name's hashes nor a removed word's); restore it from a backup", k.regPath)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("cannot read the name register %s: %w", k.regPath, err)
	}
	if plain {
		return k.writeAll()
	}
	return nil
}
