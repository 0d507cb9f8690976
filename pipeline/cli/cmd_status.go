package cli

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name: "status", Args: "",
		Summary: "what is loaded: per area and period, which returns are present, missing or superseded",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			area := fs.String("area", "", "show one area only (its id)")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("status takes no arguments (did you mean --area %s?)", args[0])
				}
				st, err := store.OpenReadOnly(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				return writeStatus(env.Ctx, env.Stdout, st.DB, *area)
			}
		},
	})
}

// statusKinds are the kinds of return expected from every area every period.
func statusKinds() []*schemas.Kind {
	var ks []*schemas.Kind
	for _, k := range schemas.Kinds() {
		if !k.Reference {
			ks = append(ks, k)
		}
	}
	return ks
}

func writeStatus(ctx context.Context, w io.Writer, db *sql.DB, onlyArea string) error {
	var loads, rows, loaded, quarantined, blank, superseded int
	if err := db.QueryRow(statusTotalsSQL).
		Scan(&loads, &rows, &loaded, &quarantined, &blank, &superseded); err != nil {
		return err
	}
	if loads == 0 {
		fmt.Fprintln(w, "Nothing loaded yet. Load returns with 'obs ingest FOLDER' (or run 'obs build' for the sample).")
		return nil
	}
	fmt.Fprintf(w, "%s, %s in them: %d loaded + %d quarantined + %d blank skipped", tabular.Plural(loads, "file"), tabular.Plural(rows, "data row"), loaded, quarantined, blank)
	if loaded+quarantined+blank == rows {
		fmt.Fprintln(w, " — every row accounted for.")
	} else {
		fmt.Fprintf(w, " — %d rows NOT accounted for: please report this.\n", rows-loaded-quarantined-blank)
	}
	if superseded > 0 {
		fmt.Fprintf(w, "%s wholly replaced by later returns (kept in history).\n", tabular.Plural(superseded, "load"))
	}
	if err := writeReplacements(w, db, onlyArea); err != nil {
		return err
	}
	var synthetic bool
	db.QueryRow(statusSyntheticSQL).Scan(&synthetic)
	if synthetic {
		fmt.Fprintln(w, "SYNTHETIC DATA: these figures are synthetic sample data, not real returns.")
	}

	kinds := statusKinds()
	type cell struct{ current, old int }
	type key struct {
		area   string
		period int
	}
	grid := map[key]map[string]*cell{}
	var keys []key
	rs, err := db.Query(statusPartsSQL, onlyArea)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var k key
		var kind string
		var c cell
		if err := rs.Scan(&k.area, &k.period, &kind, &c.current, &c.old); err != nil {
			return err
		}
		if grid[k] == nil {
			grid[k] = map[string]*cell{}
			keys = append(keys, k)
		}
		grid[k][kind] = &c
	}
	if err := rs.Err(); err != nil {
		return err
	}
	// Areas with nothing at all are listed too: a missing return is news.
	var periods []int
	seenP := map[int]bool{}
	for _, k := range keys {
		if !seenP[k.period] {
			seenP[k.period] = true
			periods = append(periods, k.period)
		}
	}
	ar, err := db.Query(statusAreasSQL, onlyArea)
	if err != nil {
		return err
	}
	var all []key
	for ar.Next() {
		var id string
		ar.Scan(&id)
		for _, p := range sortedInts(periods) {
			all = append(all, key{id, p})
		}
	}
	ar.Close()
	if onlyArea != "" && len(all) == 0 {
		return fmt.Errorf("no area %q; 'obs query areas' lists the areas", onlyArea)
	}

	fmt.Fprintf(w, "\nReturns by area and period (✓ present, · missing, s only a superseded return):\n\n")
	fmt.Fprintf(w, "%-22s %-8s", "area", "period")
	for i := range kinds {
		fmt.Fprintf(w, " %2d", i+1)
	}
	fmt.Fprintf(w, "  missing\n")
	missingTotal := 0
	for _, k := range all {
		fmt.Fprintf(w, "%-22s %-8s", k.area, schemas.Period(k.period).String())
		missing := 0
		for _, kind := range kinds {
			c := grid[k][kind.Name]
			switch {
			case c != nil && c.current > 0:
				fmt.Fprintf(w, "  ✓")
			case c != nil:
				fmt.Fprintf(w, "  s")
				missing++
			default:
				fmt.Fprintf(w, "  ·")
				missing++
			}
		}
		missingTotal += missing
		fmt.Fprintf(w, "  %d\n", missing)
	}
	fmt.Fprintln(w, "\nKinds:")
	for i, k := range kinds {
		fmt.Fprintf(w, "  %2d %s", i+1, k.Name)
		if i%4 == 3 || i == len(kinds)-1 {
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\n%s missing across %s and %s.", tabular.Plural(missingTotal, "return"), tabular.Plural(len(all)/max(1, len(periods)), "area"), tabular.Plural(len(periods), "period"))
	// The rows to fix are those of the current loads, as 'obs problems' lists
	// them; those of returns since replaced are history, in no figure.
	held, err := steps.ReadHeld(ctx, db)
	if err != nil {
		return err
	}
	old := quarantined - held.Quarantined
	switch {
	case held.Quarantined > 0 && old > 0:
		fmt.Fprintf(w, " %s quarantined: 'obs problems' lists them (%d more were in returns since replaced; they stay in history, in no figure).",
			tabular.Plural(held.Quarantined, "row"), old)
	case held.Quarantined > 0:
		fmt.Fprintf(w, " %s quarantined: 'obs problems' lists them.", tabular.Plural(held.Quarantined, "row"))
	case old > 0:
		fmt.Fprintf(w, " No rows quarantined (%d were in returns since replaced; they stay in history, in no figure).", old)
	}
	fmt.Fprintln(w)
	stale, err := steps.ReadStaleness(ctx, db)
	if err != nil {
		return err
	}
	if msg := stale.Message(); msg != "" {
		fmt.Fprintf(w, "Note: %s.\n", msg)
	} else if stale.Scores.Made {
		fmt.Fprintln(w, "Scores and leadership labels are up to date with the returns.")
	}
	return nil
}

func sortedInts(xs []int) []int {
	out := append([]int(nil), xs...)
	sort.Ints(out)
	return out
}

// writeReplacements lists every time a load replaced current rows, with
// the counts: a figure that changed says so.
func writeReplacements(w io.Writer, db *sql.DB, onlyArea string) error {
	rs, err := db.Query(statusReplacementsSQL, onlyArea)
	if err != nil {
		return err
	}
	defer rs.Close()
	n, rows := 0, 0
	var lines []string
	var group []ingest.Replacement // of one load
	var groupLoad int64
	var groupFile string
	flush := func() {
		for _, l := range ingest.ReplacementLines(group) {
			lines = append(lines, fmt.Sprintf("  %s (load %d) %s", groupFile, groupLoad, l))
		}
		group = nil
	}
	for rs.Next() {
		var x ingest.Replacement
		var load int64
		var file, reason string
		var period sql.NullInt32
		if err := rs.Scan(&load, &file, &x.Kind, &x.Area, &x.AreaName, &period, &x.Load, &x.File, &x.Rows, &x.With, &reason); err != nil {
			return err
		}
		x.Period, x.HasPeriod, x.Chosen = period.Int32, period.Valid, reason == "chosen"
		if load != groupLoad {
			flush()
		}
		group, groupLoad, groupFile = append(group, x), load, file
		n++
		rows += x.Rows
	}
	if err := rs.Err(); err != nil || n == 0 {
		return err
	}
	flush()
	fmt.Fprintf(w, "%s replaced by later returns (they stay in history):\n%s\n", tabular.Plural(rows, "loaded row"), strings.Join(lines, "\n"))
	return nil
}
