package qca

import (
	"errors"
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	const good = "case,A,B,C,Y\nc1,0.2,0.8,1,1\nc2,0.9,0.1,0,0\nc3,0.7,0.6,1,1\n"
	for _, c := range []struct {
		name, csv, conditions string
		want                  []string
	}{
		{"membership outside [0,1]", "case,A,B,C,Y\nc1,0.2,1.3,1,1\nc2,0.9,0.1,0,0\n", "A,B,C",
			[]string{"x.csv:2", "column B", "1.3 is outside [0,1]", "--calibrate B="}},
		{"constant condition", "case,A,B,C,Y\nc1,0.2,0.8,1,1\nc2,0.9,0.1,1,0\n", "A,B,C",
			[]string{"x.csv", "same membership (1) in C"}},
		{"unknown column", good, "A,B,D",
			[]string{"x.csv:1", `no column "D"`, "the columns are case, A, B, C, Y"}},
		{"all at exactly 0.5", "case,A,B,C,Y\nc1,0.5,0.8,1,1\nc2,0.5,0.1,0,0\n", "A,B,C",
			[]string{"x.csv", "exactly 0.5 in A"}},
		{"not a number", "case,A,B,C,Y\nc1,0.2,high,1,1\n", "A,B,C",
			[]string{"x.csv:2", "column B", `"high" is not a number`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV("x.csv", []byte(c.csv), CSVOptions{Case: "case", Outcome: "Y", Conditions: strings.Split(c.conditions, ",")})
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrInput) {
				t.Errorf("error is not ErrInput: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	if _, err := ReadCSV("x.csv", []byte(good), CSVOptions{Case: "case", Outcome: "Y", Conditions: []string{"A", "B", "C"}}); err != nil {
		t.Errorf("a good table is refused: %v", err)
	}
}
