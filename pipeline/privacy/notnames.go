package privacy

import "strings"

// Words that are never people's names. A name is only ever registered, and
// replaced in text, when it could be a person's: the name of a piece of
// software ("ATLAS.ti" folds to two words, and would else replace itself in
// "ATLAS.ti standard project"), an account ("root"), a role, or a place the
// load knows (an area, its id, its local authority: NotNames) is not.

// genericWords are the words of software, accounts and roles; a name made
// of them alone (and numbers: "Participant 3", "NVivo user") is no person's.
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		atlas ti atlasti nvivo maxqda taguette qc qualcoder quirkos dedoose transana f4analyse webqda qda miner refi
		root admin administrator sysadmin user users owner guest default system unknown anonymous nobody ubuntu
		coder researcher evaluator interviewer interviewee participant participants respondent speaker facilitator
		resident residents partnership member members worker workers chair vice treasurer secretary volunteer volunteers
		focus group groups working steering community council councillor officer agency lto big local trust
		standard project team staff`) {
		genericWords[w] = true
	}
}

// generic says whether a folded name is made only of generic words and numbers.
func generic(folded string) bool {
	any := false
	for _, w := range strings.Fields(folded) {
		if genericWords[w] {
			any = true
			continue
		}
		if strings.Trim(w, "0123456789") != "" {
			return false
		}
	}
	return any
}

// NotNames tells the keyring words that are not names in what is being
// loaded (areas' names and ids, local authorities, code names, roles): they
// are never registered, and never replaced in text, even if an earlier load
// registered them by mistake. They are kept for as long as the keyring is
// open, as keyed hashes.
func (k *Keyring) NotNames(words ...string) {
	sums := make([]sum, 0, len(words))
	for _, w := range words {
		if f := Fold(w); f != "" {
			sums = append(sums, k.look(f))
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, h := range sums {
		k.notNames[h] = true
	}
}

// IsNotName says whether name is a word that is no person's name: software,
// an account, a role, or a word NotNames or obs names remove gave.
func (k *Keyring) IsNotName(name string) bool {
	f := Fold(name)
	if f == "" {
		return false
	}
	h := k.look(f)
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.notName(f, h)
}

// notName: k.mu is held.
func (k *Keyring) notName(folded string, h sum) bool {
	return k.notNames[h] || generic(folded)
}
