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
