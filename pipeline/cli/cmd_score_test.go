package cli

import (
	"os"
	"strings"
	"testing"
)

// TestScoreTableWidth checks that the score table, as the case
// testdata/cli/score holds it (TestCLI checks it is what obs prints), is
// narrow enough to read in a terminal.
func TestScoreTableWidth(t *testing.T) {
	out, err := os.ReadFile("testdata/cli/score/stdout")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if n := len([]rune(line)); n > 130 {
			t.Errorf("a line of %d characters is too wide to read: %q", n, line)
		}
	}
}
