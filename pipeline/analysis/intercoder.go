package analysis

import (
	"context"
	"database/sql"
	"math"
	"regexp"
	"slices"
	"strconv"
)

// AllCodes names the row of intercoder agreement pooled over every code.
const AllCodes = "all"

// AlphaLow is the alpha below which coding is not reliable enough to draw
// even tentative conclusions from (Krippendorff, Content Analysis, 2004,
// p. 241: "α ≥ .667 as the lowest conceivable limit").
const AlphaLow = 0.667

// DefaultOverlap is how much two coded segments must overlap, as a share of
// the longer, to count as the same segment.
const DefaultOverlap = 0.9

// Coding is one coded segment as intercoder agreement reads it.
type Coding struct {
	Source     string // the area and the source's name: one name in two areas is two sources
	Code       string
	Coder      string
	Start, End int64 // character positions, when HasPos
	HasPos     bool
}

// CodeAgreement is the agreement between coders on one code, or on every
// code pooled (Code is AllCodes). Units are (source, code) pairs: a coder's
// value is 1 when the coder applied the code anywhere in the source, 0 when
// the coder coded the source but not with that code, and missing when the
// coder did not code the source.
type CodeAgreement struct {
	Code           string
	Coders         int     // coders with a value on a unit coded by two or more
	Units          int     // units coded by two coders or more
	Percent        float64 // share of pairs of coders' values that agree (0 to 1)
	Kappa          float64 // Cohen's kappa; NaN unless exactly two coders
	Alpha          float64 // Krippendorff's alpha, nominal; NaN when undefined
	Segments       int     // segments compared with another coder's coding of the same source (where positions exist)
	SegmentPercent float64 // share of those matched by the other coder's segment with the code, overlapping enough
}

// Low reports whether the code's agreement is too low to rely on: alpha
// below AlphaLow.
func (a CodeAgreement) Low() bool { return !math.IsNaN(a.Alpha) && a.Alpha < AlphaLow }

// Intercoder is the agreement on every code and on all codes pooled.
type Intercoder struct {
	Codes     []CodeAgreement // by code, then AllCodes; none when no source has two coders
	Coders    []string        // pseudonyms of the coders of sources coded by two or more
	Sources   int             // sources coded by two coders or more
	Overlap   float64         // segments agree when they overlap by this share of the longer
	NoCoder   int             // coded segments without a coder, left out
	Positions bool            // some codings of shared sources have positions
	Synthetic bool            // some areas' figures are synthetic (sample data)
}

// IntercoderAgreement computes the agreement between the coders of the
// codings, on the sources that two coders or more coded.
func IntercoderAgreement(codings []Coding, overlap float64) *Intercoder {
	if overlap <= 0 {
		overlap = DefaultOverlap
	}
	res := &Intercoder{Overlap: overlap}
	byCoder := map[string]map[string]bool{} // source -> coders
	for _, c := range codings {
		if byCoder[c.Source] == nil {
			byCoder[c.Source] = map[string]bool{}
		}
		byCoder[c.Source][c.Coder] = true
	}
	var sources []string
	for s, cs := range byCoder {
		if len(cs) >= 2 {
			sources = append(sources, s)
		}
	}
	slices.Sort(sources)
	res.Sources = len(sources)
	type key struct{ source, code, coder string }
	applied := map[key][]Coding{}
	codeSet, coderSet := map[string]bool{}, map[string]bool{}
	placed := map[[2]string]bool{} // source and coder with positions
	for _, c := range codings {
		if len(byCoder[c.Source]) >= 2 {
			applied[key{c.Source, c.Code, c.Coder}] = append(applied[key{c.Source, c.Code, c.Coder}], c)
			codeSet[c.Code], coderSet[c.Coder] = true, true
			if c.HasPos {
				res.Positions = true
				placed[[2]string{c.Source, c.Coder}] = true
			}
		}
	}
	res.Coders = sortedKeys(coderSet)
	codes := sortedKeys(codeSet)
	pooled := make([][]int, len(res.Coders))
	segChecks, segAgree := 0, 0
	for _, code := range codes {
		data := make([][]int, len(res.Coders))
		for i, coder := range res.Coders {
			data[i] = make([]int, len(sources))
			for u, s := range sources {
				switch {
				case len(applied[key{s, code, coder}]) > 0:
					data[i][u] = 1
				case byCoder[s][coder]:
					data[i][u] = 0
				default:
					data[i][u] = NoValue
				}
			}
			pooled[i] = append(pooled[i], data[i]...)
		}
		a := agreementOn(code, data)
		n, agree := segmentAgreement(code, sources, res.Coders, func(s, code, coder string) []Coding {
			return applied[key{s, code, coder}]
		}, placed, overlap)
		a.Segments, a.SegmentPercent = n, ratio(float64(agree), n)
		segChecks, segAgree = segChecks+n, segAgree+agree
		res.Codes = append(res.Codes, a)
	}
	if len(codes) > 0 {
		all := agreementOn(AllCodes, pooled)
		all.Segments, all.SegmentPercent = segChecks, ratio(float64(segAgree), segChecks)
		res.Codes = append(res.Codes, all)
	}
	return res
}

// segmentAgreement compares each positioned segment with the code against
// every other coder who coded its source with positions: n comparisons, of
// which agree found the other coder's segment with the code overlapping by
// at least overlap of the longer. A segment the other coder did not code
// with the code at all is a disagreement.
func segmentAgreement(code string, sources, coders []string, applied func(source, code, coder string) []Coding,
	placed map[[2]string]bool, overlap float64) (n, agree int) {
	for _, s := range sources {
		for _, x := range coders {
			for _, seg := range applied(s, code, x) {
				for _, y := range coders {
					if y == x || !seg.HasPos || !placed[[2]string{s, y}] {
						continue
					}
					n++
					if matched(seg, applied(s, code, y), overlap) {
						agree++
					}
				}
			}
		}
	}
	return n, agree
}

// agreementOn is the agreement on one matrix of reliability data (coders
// by units).
func agreementOn(code string, data [][]int) CodeAgreement {
	a := CodeAgreement{Code: code, Kappa: math.NaN()}
	a.Alpha, a.Units = NominalAlpha(data)
	a.Percent = PairAgreement(data)
	var with [][]int // coders with a value on a pairable unit
	for i := range data {
		for u := range data[i] {
			if data[i][u] != NoValue && pairable(data, u) {
				with = append(with, data[i])
				break
			}
		}
	}
	a.Coders = len(with)
	if len(with) == 2 {
		a.Kappa = CohenKappa(with[0], with[1])
	}
	return a
}

func pairable(data [][]int, u int) bool {
	n := 0
	for i := range data {
		if data[i][u] != NoValue {
			n++
		}
	}
	return n >= 2
}

// matched reports whether one of the other coder's segments (same source
// and code) overlaps seg by at least overlap of the longer of the two.
func matched(seg Coding, others []Coding, overlap float64) bool {
	for _, o := range others {
		longer := max(seg.End-seg.Start, o.End-o.Start)
		common := min(seg.End, o.End) - max(seg.Start, o.Start)
		if o.HasPos && longer > 0 && float64(common) >= overlap*float64(longer)-1e-9 {
			return true
		}
	}
	return false
}

func ratio(n float64, d int) float64 {
	if d == 0 {
		return math.NaN()
	}
	return n / float64(d)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var positionRE = regexp.MustCompile(`^\s*(?:chars\s+)?(\d+)\s*[-–]\s*(\d+)`)

// segmentPosition reads the character positions at the start of a
// segment_ref ("chars 120–245", "120-245"); ok is false for anything else
// (media times, PDF areas), which then takes no part in segment agreement.
func segmentPosition(ref string) (start, end int64, ok bool) {
	m := positionRE.FindStringSubmatch(ref)
	if m == nil {
		return 0, 0, false
	}
	s, err1 := strconv.ParseInt(m[1], 10, 64)
	e, err2 := strconv.ParseInt(m[2], 10, 64)
	if err1 != nil || err2 != nil || e < s {
		return 0, 0, false
	}
	return s, e, true
}

// ReadIntercoder computes the agreement between the coders of the coded
// segments in the database (segments without a coder are counted and left
// out).
func ReadIntercoder(ctx context.Context, conn *sql.Conn, overlap float64) (*Intercoder, error) {
	if err := prepare(ctx, conn, nil); err != nil {
		return nil, err
	}
	return intercoderOf(ctx, conn, overlap)
}

// intercoderOf is ReadIntercoder on a connection already prepared.
func intercoderOf(ctx context.Context, conn *sql.Conn, overlap float64) (*Intercoder, error) {
	codings, noCoder, err := readCodings(ctx, conn)
	if err != nil {
		return nil, err
	}
	_, info, _, err := areaPeriods(ctx, conn)
	if err != nil {
		return nil, err
	}
	res := IntercoderAgreement(codings, overlap)
	res.NoCoder, res.Synthetic = noCoder, AnySynthetic(info)
	return res, nil
}

// readCodings reads the coded segments that carry a coder, and counts
// those that do not.
func readCodings(ctx context.Context, conn *sql.Conn) ([]Coding, int, error) {
	rows, err := conn.QueryContext(ctx, intercoderCodingsSQL)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []Coding
	noCoder := 0
	for rows.Next() {
		var area, source, code, coder, ref sql.NullString
		if err := rows.Scan(&area, &source, &code, &coder, &ref); err != nil {
			return nil, 0, err
		}
		if coder.String == "" {
			noCoder++
			continue
		}
		c := Coding{Source: area.String + "/" + source.String, Code: code.String, Coder: coder.String}
		c.Start, c.End, c.HasPos = segmentPosition(ref.String)
		out = append(out, c)
	}
	return out, noCoder, rows.Err()
}
