package privacy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPseudonymsStableAndKeyed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "obs", "pseudonym.key")
	k, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v (%v), want 0600", st.Mode().Perm(), err)
	}
	p := k.Pseudonym("Mary Seacole")
	for _, same := range []string{"mary seacole", "  MARY   SEACOLE ", "Mary  Seacole."} {
		if got := k.Pseudonym(same); got != p {
			t.Errorf("Pseudonym(%q) = %s, want %s (the same person)", same, got, p)
		}
	}
	if !strings.HasPrefix(p, "P-") || len(p) != 12 || strings.Contains(strings.ToLower(p), "mary") {
		t.Errorf("pseudonym %q", p)
	}
	if !IsPseudonym(p) || IsPseudonym("Mary Seacole") || IsPseudonym("P-12345") || IsPseudonym("P-0123456789X") || IsPseudonym("p-0123456789") {
		t.Errorf("IsPseudonym takes %q for a pseudonym and only such", p)
	}
	if k.Pseudonym("Mary Seacombe") == p || k.Pseudonym("") != "" {
		t.Error("different names must differ; an empty name stays empty")
	}
	if err := k.Save(); err != nil {
		t.Fatal(err)
	}
	// The same key next year: the same pseudonym, and the name known for redaction.
	k2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := k2.Redact("Then Mary Seacole spoke."); got != "Then ["+p+"] spoke." {
		t.Errorf("Redact after reopening = %q", got)
	}
	// Another key gives other pseudonyms.
	k3, err := Open(filepath.Join(dir, "other.key"))
	if err != nil {
		t.Fatal(err)
	}
	if k3.Pseudonym("Mary Seacole") == p {
		t.Error("pseudonyms must depend on the key")
	}
	st, _ = os.Stat(path + ".names")
	if st.Mode().Perm() != 0o600 {
		t.Errorf("name register mode %v, want 0600", st.Mode().Perm())
	}
}

func TestRedact(t *testing.T) {
	k, err := Open(filepath.Join(t.TempDir(), "k"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := k.Pseudonym("Ann Lee"), k.Pseudonym("Ann Lee-Smith")
	k.Pseudonym("Rose") // a single word is never replaced: it is also an ordinary word
	tests := []struct{ in, want string }{
		{"I spoke to ann lee yesterday", "I spoke to [" + a + "] yesterday"},
		{"Ann  Lee-Smith chairs it", "[" + b + "] chairs it"},
		{"Annie Leeds came", "Annie Leeds came"},
		{"A rose by the door", "A rose by the door"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := k.Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShortKeyRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k")
	os.WriteFile(path, []byte("short"), 0o600)
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("Open with a short key: %v", err)
	}
}

// TestRedactBeyondASCII: names with apostrophes, accents and other scripts
// are replaced too, and only as whole words.
func TestRedactBeyondASCII(t *testing.T) {
	k, err := Open(filepath.Join(t.TempDir(), "k"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Sean O'Brien", "Renée Dupré", "Ólafur Arnalds", "Siân Ellis", "Олег Петров"} {
		p := k.Pseudonym(name)
		for _, text := range []string{"I met " + name + " today", "I met " + strings.ToUpper(name) + ".", strings.ReplaceAll(name, "'", "’") + " said so"} {
			got := k.Redact(text)
			if !strings.Contains(got, "["+p+"]") || strings.Contains(strings.ToLower(got), strings.ToLower(strings.Fields(name)[1])) {
				t.Errorf("Redact(%q) = %q", text, got)
			}
		}
	}
	// A possessive keeps its 's.
	p := k.Pseudonym("Anna Jones")
	if got := k.Redact("It was Anna Jones's idea, and Anna Jones’s plan"); got != "It was ["+p+"]'s idea, and ["+p+"]’s plan" {
		t.Errorf("possessive: %q", got)
	}
	// Not inside longer words.
	k.Pseudonym("Ann Lee")
	if got := k.Redact("Joann Leeds and Ann Leé"); got != "Joann Leeds and Ann Leé" {
		t.Errorf("Redact matched inside words: %q", got)
	}
}
