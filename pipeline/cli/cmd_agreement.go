package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name:    "agreement",
		Summary: "intercoder agreement: how far coders who coded the same sources agree, per code and overall",
		Help: func() string {
			return `A unit is a source and a code. A coder's value on it is 1 when the coder
applied the code anywhere in the source, 0 when the coder coded the source
but not with that code, and missing when the coder did not code the source;
only sources coded by two coders or more count. For each code and for all
codes pooled: percent agreement, Cohen's kappa (exactly two coders) and
Krippendorff's alpha (nominal, any number of coders, missing values
allowed). Alpha below 0.667 is too low to rely on (Krippendorff). Where the
segments have positions (chars 120–245), also segment agreement: the share
of segments the other coder coded with the same code, overlapping by at
least --overlap of the longer of the two.`
		},
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			overlap := fs.Float64("overlap", analysis.DefaultOverlap, "two segments agree when they overlap by at least this share of the longer (0 to 1)")
			format := fs.String("format", "table", "table (for a person), csv or json (one row per code, then all)")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("obs agreement takes no arguments, only flags")
				}
				if *format != tabular.FormatTable && *format != tabular.FormatCSV && *format != tabular.FormatJSON {
					return usageErr("--format %s: choose table, csv or json", *format)
				}
				if !(*overlap > 0 && *overlap <= 1) {
					return usageErr("--overlap %g: give a share between 0 and 1, such as 0.9 (90%% of the longer segment)", *overlap)
				}
				st, err := store.OpenReadOnly(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				conn, err := st.DB.Conn(env.Ctx)
				if err != nil {
					return err
				}
				defer conn.Close()
				res, err := analysis.ReadIntercoder(env.Ctx, conn, *overlap)
				if err != nil {
					return err
				}
				if *format != tabular.FormatTable {
					return tabular.Write(env.Stdout, agreementData(res), *format)
				}
				return writeAgreementTable(env.Stdout, res)
			}
		},
	})
}

// agreementData is the agreement as data: one row per code, then all.
func agreementData(res *analysis.Intercoder) *tabular.Table {
	t := &tabular.Table{Columns: []string{"code", "coders", "units", "percent_agreement", "kappa", "alpha"}}
	for _, a := range res.Codes {
		t.Rows = append(t.Rows, []any{a.Code, a.Coders, a.Units, num(100 * a.Percent), num(a.Kappa), num(a.Alpha)})
	}
	return t
}

// writeAgreementTable shows the agreement for a person.
func writeAgreementTable(w io.Writer, res *analysis.Intercoder) error {
	if res.Synthetic {
		fmt.Fprintln(w, "SYNTHETIC DATA: these figures come from sample returns, not from real areas.")
	}
	if len(res.Codes) == 0 {
		fmt.Fprintln(w, "No source was coded by two coders or more: there is no agreement to measure.")
		fmt.Fprintln(w, "To measure it, have a second coder code some of the same sources, and load their codings")
		fmt.Fprintln(w, "with the coder column filled in (or a REFI-QDA project holding both coders' codings).")
		if res.NoCoder > 0 {
			fmt.Fprintf(w, "%s without a coder; fill in the coder column to include them.\n", tabular.Plural(res.NoCoder, "coded segment"))
		}
		return nil
	}
	fmt.Fprintf(w, "Intercoder agreement: %s coded by two coders or more (%s: %s).\n",
		tabular.Plural(res.Sources, "source"), tabular.Plural(len(res.Coders), "coder"), strings.Join(res.Coders, ", "))
	fmt.Fprintln(w, "A unit is a source and a code: 1 when a coder applied the code in the source, 0 when the coder coded the source without it.")
	fmt.Fprintln(w)
	cols := []string{"code", "coders", "units", "agreement %", "kappa", "alpha", ""}
	if res.Positions {
		cols = append(cols, "segments", "segment agreement %")
	}
	t := &tabular.Table{Columns: cols}
	low := 0
	for _, a := range res.Codes {
		flag := any(nil)
		if a.Low() {
			flag, low = "low", low+1
		}
		row := []any{a.Code, a.Coders, a.Units, figure(100 * a.Percent), figure(a.Kappa), figure(a.Alpha), flag}
		if res.Positions {
			row = append(row, a.Segments, figure(100*a.SegmentPercent))
		}
		t.Rows = append(t.Rows, row)
	}
	if err := tabular.Write(w, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if low > 0 {
		fmt.Fprintf(w, "low: alpha below %s, too low to rely on (Krippendorff): %s. Evidence from these codes is flagged in packs;\ncompare the coders' codings, sharpen the codebook's definitions and code again.\n",
			strconv.FormatFloat(analysis.AlphaLow, 'g', -1, 64), tabular.Plural(low, "row"))
	}
	fmt.Fprintln(w, "Kappa is shown when exactly two coders coded the shared sources; alpha takes any number. — : undefined (every value the same).")
	if res.Positions {
		fmt.Fprintf(w, "Segment agreement: two codings agree when they overlap by at least %s%% of the longer (--overlap).\n", tabular.Number(100*res.Overlap))
	}
	if res.NoCoder > 0 {
		fmt.Fprintf(w, "%s without a coder left out; fill in the coder column to include them.\n", tabular.Plural(res.NoCoder, "coded segment"))
	}
	return nil
}
