package analysis

import (
	"context"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// defaultClassifyOptions reads the built-in rubric (or rubricPath), codebook and facts.
func defaultClassifyOptions(t testing.TB, rubricPath string) ClassifyOptions {
	t.Helper()
	src, err := ReadSource(rubricPath, "rubric.csv")
	if err != nil {
		t.Fatal(err)
	}
	rub, err := ReadRubric(src.Name, src.Data, src.Open)
	if err != nil {
		t.Fatal(err)
	}
	cbs, err := ReadSource("", "codebook.csv")
	if err != nil {
		t.Fatal(err)
	}
	cb, err := ReadCodebook(cbs.Name, cbs.Data, builtin(t).Names())
	if err != nil {
		t.Fatal(err)
	}
	facts, err := ReadSource("", "facts.sql")
	if err != nil {
		t.Fatal(err)
	}
	return ClassifyOptions{Rubric: rub, Codebook: cb, Facts: &Helper{File: facts.Name, SQL: string(facts.Data)}}
}

// classify runs Classify in a transaction and writes the results.
func classify(t testing.TB, s *store.Store, opt ClassifyOptions) *ClassifyResult {
	t.Helper()
	return runAndWrite(t, s, func(tx *store.Tx) (*ClassifyResult, error) {
		return Classify(context.Background(), tx, builtin(t).Helpers, opt)
	})
}
