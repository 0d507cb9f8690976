package privacy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegisterHoldsNoNameInClear: the register beside the key holds keyed
// hashes only, and a keyring opened on it later still finds the names.
func TestRegisterHoldsNoNameInClear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pseudonym.key")
	k, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Mary Seacole", "Siân Ellis-Jones", "Rose"}
	var ps []string
	for _, n := range names {
		ps = append(ps, k.Pseudonym(n))
	}
	if err := k.Save(); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path + ".names")
	if err != nil {
		t.Fatal(err)
	}
	low := strings.ToLower(string(body))
	for _, word := range []string{"mary", "seacole", "siân", "sian", "ellis", "jones", "rose"} {
		if strings.Contains(low, word) {
			t.Errorf("the register holds %q in clear:\n%s", word, body)
		}
	}
	k2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if k2.Known() != 3 || k2.Migrated != 0 {
		t.Errorf("reopened: %d names known, %d migrated; want 3, 0", k2.Known(), k2.Migrated)
	}
	got := k2.Redact("Mary Seacole and SIÂN ELLIS-JONES met Rose.")
	if want := "[" + ps[0] + "] and [" + ps[1] + "] met Rose."; got != want {
		t.Errorf("Redact after reopening = %q, want %q", got, want)
	}
	if k2.Pseudonym("mary  seacole") != ps[0] {
		t.Error("the same name must keep its pseudonym")
	}
}

// TestRegisterMigrated: a register an older obs wrote (one folded name a
// line, in clear) is converted on first use, keeping every pseudonym, and
// drops what is no name.
func TestRegisterMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pseudonym.key")
	k, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p := k.Pseudonym("Anna Jones") // not saved: the old register below says it
	if err := os.WriteFile(path+".names", []byte("anna jones\natlas ti\nroot\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	k2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if k2.Migrated != 3 || k2.Known() != 1 {
		t.Errorf("migrated %d names, %d kept; want 3 read, 1 kept (ATLAS.ti and root are no names)", k2.Migrated, k2.Known())
	}
	body, _ := os.ReadFile(path + ".names")
	if strings.Contains(string(body), "anna") || strings.Contains(string(body), "atlas") || !strings.HasPrefix(string(body), "# obs name register") {
		t.Errorf("the register was not converted:\n%s", body)
	}
	if got := k2.Redact("Anna Jones used ATLAS.ti"); got != "["+p+"] used ATLAS.ti" {
		t.Errorf("Redact after conversion = %q", got)
	}
	k3, err := Open(path)
	if err != nil || k3.Migrated != 0 || k3.Known() != 1 {
		t.Errorf("opened again: %v, migrated %d, known %d", err, k3.Migrated, k3.Known())
	}
}

// TestRemoveByPseudonym: a word registered as a name by mistake is removed
// by its pseudonym, and is then neither replaced nor registered again.
func TestRemoveByPseudonym(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pseudonym.key")
	k, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	bay := k.Pseudonym("Whitley Bay")
	ann := k.Pseudonym("Ann Lee")
	if err := k.Save(); err != nil {
		t.Fatal(err)
	}
	if err := k.Remove("[" + bay + "]"); err != nil {
		t.Fatal(err)
	}
	if err := k.Remove(bay); !errors.Is(err, ErrNoSuchPseudonym) {
		t.Errorf("removing it again: %v", err)
	}
	if err := k.Remove("Whitley Bay"); err == nil || !strings.Contains(err.Error(), "not a pseudonym") {
		t.Errorf("removing by a name: %v", err)
	}
	k2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if k2.Known() != 1 {
		t.Errorf("%d names known after removing one of two", k2.Known())
	}
	if got := k2.Redact("Ann Lee lives in Whitley Bay"); got != "["+ann+"] lives in Whitley Bay" {
		t.Errorf("Redact = %q", got)
	}
	if got := k2.Pseudonym("Whitley Bay"); got != "Whitley Bay" || k2.Known() != 1 {
		t.Errorf("a removed word came back as a name: %q, %d known", got, k2.Known())
	}
}

// TestNotNames: software, accounts, roles and the places a load knows are
// never registered nor replaced, even when an earlier load registered them.
func TestNotNames(t *testing.T) {
	k, err := Open(filepath.Join(t.TempDir(), "k"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"ATLAS.ti", "root", "NVivo user", "MAXQDA", "Taguette", "qc", "Participant 3", "Partnership member"} {
		if got := k.Pseudonym(w); got != w {
			t.Errorf("Pseudonym(%q) = %q, want it as written", w, got)
		}
	}
	if k.Known() != 0 {
		t.Errorf("%d names registered from software, accounts and roles", k.Known())
	}
	if got := k.Redact("ATLAS.ti standard project"); got != "ATLAS.ti standard project" {
		t.Errorf("Redact = %q", got)
	}
	if k.PseudonymOnly("root") == "root" || k.Known() != 0 {
		t.Error("an account's pseudonym must be a pseudonym, and not registered")
	}
	bay := k.Pseudonym("Whitley Bay") // registered by an earlier load, by mistake
	k.NotNames("Whitley Bay", "whitley-bay", "North Tyneside")
	if got := k.Redact("The Whitley Bay group met in North Tyneside"); got != "The Whitley Bay group met in North Tyneside" {
		t.Errorf("Redact replaced a place: %q (pseudonym %s)", got, bay)
	}
	if !k.IsNotName("WHITLEY BAY") || k.IsNotName("Mary Seacole") {
		t.Error("IsNotName")
	}
	if got := k.Pseudonym("Whitley Bay"); got != "Whitley Bay" {
		t.Errorf("Pseudonym of a place = %q", got)
	}
}
