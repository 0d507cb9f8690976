package analysis

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// SourceFile is a file an evaluator may replace by their own copy: the rubric,
// weights, codebook, overrides or facts.
type SourceFile struct {
	Name string // as shown in messages: the path given, or queries/defaults/NAME
	Data []byte
	// Open reads a file named relative to this one (a rubric's .sql indicator).
	Open func(name string) (shown string, data []byte, err error)
}

// ReadSource reads path when it is not empty, else the built-in default of
// that name (queries/defaults/NAME).
func ReadSource(p, defaultName string) (*SourceFile, error) {
	if p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
		dir := filepath.Dir(p)
		return &SourceFile{Name: p, Data: data, Open: func(name string) (string, []byte, error) {
			p := name
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, name)
			}
			b, err := os.ReadFile(p)
			return p, b, err
		}}, nil
	}
	defaults := BuiltinDefaults()
	data, err := fs.ReadFile(defaults, defaultName)
	if err != nil {
		return nil, err
	}
	return &SourceFile{Name: path.Join("queries/defaults", defaultName), Data: data, Open: func(name string) (string, []byte, error) {
		b, err := fs.ReadFile(defaults, path.Clean(name))
		return path.Join("queries/defaults", name), b, err
	}}, nil
}

// ReadClassifyFiles reads what a classification runs on: the rubric and the
// codebook mapping (the built-in defaults where a path is empty), the facts
// the rubric draws on, and the overrides when a path is given, whose
// evaluators' names become pseudonyms through pseudonym. The margin is the
// default 0.1.
func ReadClassifyFiles(rubric, codebook, overrides string, defs *Definitions, pseudonym func(string) string) (ClassifyOptions, error) {
	opt := ClassifyOptions{Margin: 0.1, Draws: 1000, Seed: 1}
	src, err := ReadSource(rubric, "rubric.csv")
	if err != nil {
		return opt, err
	}
	if opt.Rubric, err = ReadRubric(src.Name, src.Data, src.Open); err != nil {
		return opt, err
	}
	if src, err = ReadSource(codebook, "codebook.csv"); err != nil {
		return opt, err
	}
	if opt.Codebook, err = ReadCodebook(src.Name, src.Data, defs.Names()); err != nil {
		return opt, err
	}
	if src, err = ReadSource("", "facts.sql"); err != nil {
		return opt, err
	}
	opt.Facts = &Helper{File: src.Name, SQL: string(src.Data)}
	if overrides != "" {
		if src, err = ReadSource(overrides, ""); err != nil {
			return opt, err
		}
		if opt.Overrides, err = ReadOverrides(src.Name, src.Data, pseudonym); err != nil {
			return opt, err
		}
	}
	return opt, nil
}
