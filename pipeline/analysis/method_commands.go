package analysis

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Commands are the command lines that make the results with method m from
// its files written to dir ("" for the current folder), as 'obs method
// export' and the web's export print them.
func (m *Method) Commands(dir string) (score, classify string) {
	file := func(name string) string { return shellQuoted(filepath.Join(dir, name)) }
	exact := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	seed := strconv.FormatUint(m.Seed, 10)
	s := []string{"obs score", "--weights", file(WeightsFile), "--normalisation", m.Normalisation,
		"--aggregation", m.Aggregation, "--coverage", exact(m.Coverage), "--seed", seed}
	if _, ok := m.Files[GoalpostsFile]; ok {
		s = append(s, "--goalposts", file(GoalpostsFile))
	}
	c := []string{"obs classify", "--rubric", file(RubricFile), "--codebook", file(CodebookFile),
		"--overrides", file(OverridesFile), "--margin", exact(m.Margin), "--seed", seed}
	return strings.Join(s, " "), strings.Join(c, " ")
}

// shellQuoted is p as a shell reads it back: in single quotes when it holds
// a space or a character the shell treats specially.
func shellQuoted(p string) string {
	if strings.ContainsAny(p, " '\"$\\") {
		return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
	}
	return p
}

// ExportNames are the names of m's files, sorted, as an export writes
// them; an error when one lies outside the rubric's folder (a rubric may
// name such a .sql file, which an export cannot write beside it).
func (m *Method) ExportNames() ([]string, error) {
	names := make([]string, 0, len(m.Files))
	for name := range m.Files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return nil, fmt.Errorf("%s names the file %s outside its own folder: give the indicator a file beside the rubric (or below it), save the method again, then export", m.Where(RubricFile), name)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
