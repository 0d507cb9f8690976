package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
)

// savedSetting is a setting obs score or obs classify takes from the saved
// version of the method when its flag is not given.
type savedSetting struct {
	flag string
	use  func() // sets the option from the saved version
}

// fromSavedMethod takes each setting whose flag was not given on fs from
// m, the latest saved version of the method (nil: none saved, nothing
// changes), and says which came from it and which from flags: a line for
// a person and the same for the results' settings ("" and "" with none
// saved).
func fromSavedMethod(fs *flag.FlagSet, m *analysis.Method, settings []savedSetting) (line, setting string) {
	if m == nil {
		return "", ""
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var saved, flags []string
	for _, s := range settings {
		if given[s.flag] {
			flags = append(flags, "--"+s.flag)
			continue
		}
		s.use()
		saved = append(saved, "--"+s.flag)
	}
	version := fmt.Sprintf("version %d of the method", m.Version)
	line = fmt.Sprintf("Settings from %s (saved %s by %s)", version, m.SavedAt.UTC().Format("2006-01-02 15:04 UTC"), m.SavedBy)
	setting = version
	if len(saved) > 0 {
		line += ": " + strings.Join(saved, ", ")
		setting += " for " + strings.Join(saved, ", ")
	}
	if len(flags) > 0 {
		line += "; given here instead: " + strings.Join(flags, ", ")
		setting += "; from the command line: " + strings.Join(flags, ", ")
	}
	return line + ". 'obs method' lists the versions.", setting
}

// scoreFromMethod takes obs score's settings from m, the saved version of
// the method, where no flag gives them, and says so on a table for a person.
func scoreFromMethod(env *Env, fs *flag.FlagSet, m *analysis.Method, defs *analysis.Definitions, opt *analysis.ScoreOptions, say bool) error {
	ms, _, err := m.Options(defs)
	if err != nil {
		return err
	}
	settings := []savedSetting{
		{"weights", func() { opt.Weights = ms.Weights }},
		{"normalisation", func() { opt.Normalisation = ms.Normalisation }},
		{"aggregation", func() { opt.Aggregation = ms.Aggregation }},
		{"coverage", func() { opt.Coverage = ms.Coverage }},
		{"seed", func() { opt.Seed = ms.Seed }},
	}
	if ms.Goalposts != nil {
		settings = append(settings, savedSetting{"goalposts", func() { opt.Goalposts = ms.Goalposts }})
	}
	line, setting := fromSavedMethod(fs, m, settings)
	opt.Method = setting
	if say {
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

// classifyFromMethod takes obs classify's settings from m, the saved
// version of the method, where no flag gives them, and says so on a table
// for a person.
func classifyFromMethod(env *Env, fs *flag.FlagSet, m *analysis.Method, defs *analysis.Definitions, opt *analysis.ClassifyOptions, say bool) error {
	_, mc, err := m.Options(defs)
	if err != nil {
		return err
	}
	line, setting := fromSavedMethod(fs, m, []savedSetting{
		{"rubric", func() { opt.Rubric = mc.Rubric }},
		{"codebook", func() { opt.Codebook = mc.Codebook }},
		{"overrides", func() { opt.Overrides = mc.Overrides }},
		{"margin", func() { opt.Margin = mc.Margin }},
		{"seed", func() { opt.Seed = mc.Seed }},
	})
	opt.Method = setting
	if say {
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}
