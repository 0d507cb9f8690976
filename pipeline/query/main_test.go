package query

import (
	"os"
	"testing"
)

// TestMain lets the test binary be the console's query process, as obs
// itself is (ChildArg).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == ChildArg {
		os.Exit(ChildMain(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
