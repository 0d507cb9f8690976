package analysis

import (
	"errors"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// The files an evaluator edits are outside input: whatever they hold, the
// readers give a result or an *position.Error, and never panic.

func FuzzReadRubric(f *testing.F) {
	f.Add([]byte(testRubric))
	f.Add([]byte("model,indicator,expression,full_non_membership,crossover,full_membership\n1,a,x.sql,1,2,3\n"))
	f.Add([]byte("\xef\xbb\xbfmodel,indicator\n\"unterminated\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadRubric("r.csv", data, func(string) (string, []byte, error) { return "x.sql", []byte("SELECT 1"), nil })
		checkInputError(t, err)
	})
}

func FuzzReadWeights(f *testing.F) {
	f.Add([]byte("definition,weight\nturnout,1\n"))
	f.Add([]byte("definition,weight\nturnout,NaN\n"))
	defs := builtin(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadWeights("w.csv", data, defs)
		checkInputError(t, err)
	})
}

func FuzzReadCodebook(f *testing.F) {
	f.Add([]byte("code,target_type,target,applies_to\nA/*[x]+(,model,1,\n"))
	f.Add([]byte("code,target_type,target\n***,focus,plan\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cb, err := ReadCodebook("c.csv", data, nil)
		checkInputError(t, err)
		if err == nil {
			cb.Map(map[string]int{"A/b": 1, "": 2, "Leadership/Working groups/x": 3})
			cb.ThemeTargets("young people")
		}
	})
}

func FuzzReadOverrides(f *testing.F) {
	f.Add([]byte("area,period,label,rationale,evaluator\naa,2019-20,hybrid 1+2,x,Ann\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadOverrides("o.csv", data, func(s string) string { return "P-x" })
		checkInputError(t, err)
	})
}

func FuzzParseDefinition(f *testing.F) {
	f.Add(goodHeader + "SELECT 1")
	f.Add("-- name: x\n-- short: abcdefghij\n")
	f.Fuzz(func(t *testing.T, text string) {
		_, err := ParseDefinition("d.sql", text)
		checkInputError(t, err)
	})
}

func checkInputError(t *testing.T, err error) {
	t.Helper()
	var ie *position.Error
	if err != nil && !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *position.Error", err, err)
	}
	if ie != nil && ie.Error() == "" {
		t.Fatal("empty message")
	}
}
