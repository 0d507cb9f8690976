package privacy

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkRedact: one short free-text cell against 300 known names.
func BenchmarkRedact(b *testing.B) {
	k, err := Open(filepath.Join(b.TempDir(), "k"))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 300; i++ {
		k.Pseudonym(fmt.Sprintf("Person%d Surname%d", i, i*7))
	}
	b.ReportAllocs()
	for b.Loop() {
		if k.Redact("Meet the groups evening at the community centre (12)") == "" {
			b.Fatal("empty")
		}
	}
}
