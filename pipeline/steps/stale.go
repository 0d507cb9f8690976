package steps

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// queryer is a database, a connection or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dataMark is what scores and labels record of the data they are made from:
// the newest load and the checksum of every load (settings data_load and
// data_checksum), read in the transaction that writes them.
func dataMark(ctx context.Context, db queryer) ([][2]string, error) {
	var last int64
	if err := db.QueryRowContext(ctx, lastLoadSQL).Scan(&last); err != nil {
		return nil, fmt.Errorf("reading the last load: %w", err)
	}
	sum, err := dataChecksum(ctx, db)
	if err != nil {
		return nil, err
	}
	return [][2]string{{"data_load", strconv.FormatInt(last, 10)}, {"data_checksum", sum}}, nil
}

// dataChecksum is the SHA-256 of the loads as they stand.
func dataChecksum(ctx context.Context, db queryer) (string, error) {
	sum, err := hashLines(ctx, db, dataChecksumSQL)
	if err != nil {
		return "", fmt.Errorf("reading the loads: %w", err)
	}
	return sum, nil
}

// Lag is how one set of results (the scores, or the labels) stands against
// the data.
type Lag struct {
	Made       bool // the results exist
	LoadsSince int  // returns loaded after they were made
	Changed    bool // the data is not what they were made from
}

// Staleness is how the scores and the labels stand against the data.
type Staleness struct {
	Loads          int // loads in the database
	Scores, Labels Lag
}

// ReadStaleness reads how the scores and labels stand against the data.
func ReadStaleness(ctx context.Context, db *sql.DB) (Staleness, error) {
	var s Staleness
	if err := db.QueryRowContext(ctx, loadCountSQL).Scan(&s.Loads); err != nil {
		return s, fmt.Errorf("reading the loads: %w", err)
	}
	now, err := dataChecksum(ctx, db)
	if err != nil {
		return s, err
	}
	rows, err := db.QueryContext(ctx, stalenessSQL)
	if err != nil {
		return s, fmt.Errorf("reading when the results were made: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var which, runAt, sum string
		var since, held int
		if err := rows.Scan(&which, &runAt, &sum, &since, &held); err != nil {
			return s, err
		}
		lag := Lag{Made: runAt != "", LoadsSince: since}
		lag.Changed = since > 0 || (sum != "" && sum != now)
		if runAt == "" && held > 0 {
			lag = Lag{Made: true} // results not made by obs: nothing tells when
		}
		if which == "scores" {
			s.Scores = lag
		} else {
			s.Labels = lag
		}
	}
	return s, rows.Err()
}

// Stale says whether the data changed since the scores or the labels were
// made, or returns are loaded and never analysed.
func (s Staleness) Stale() bool {
	behind := func(l Lag) bool { return !l.Made || l.Changed }
	return s.Loads > 0 && (behind(s.Scores) || behind(s.Labels))
}

// Message says, for an evaluator, which results are older than the data and
// what to run ("" when they are up to date): "scores are older than the
// data: 2 returns loaded since; run obs score, or obs build".
func (s Staleness) Message() string {
	what, run := s.parts()
	if what == "" {
		return ""
	}
	return what + "; " + run
}

// Summary is Message without what to run, for a page that offers its own
// way to recompute.
func (s Staleness) Summary() string {
	what, _ := s.parts()
	return what
}

// parts are which results are older than the data and why, and what to run.
func (s Staleness) parts() (what, run string) {
	if !s.Stale() {
		return "", ""
	}
	if !s.Scores.Made && !s.Labels.Made {
		return "there are no scores or leadership labels yet", "run obs build (or obs score and obs classify)"
	}
	sc, lb := s.Scores.Changed || !s.Scores.Made, s.Labels.Changed || !s.Labels.Made
	switch {
	case sc && lb && s.Scores.Made && s.Labels.Made && s.Scores.why() == s.Labels.why():
		return "scores and leadership labels are older than the data: " + s.Scores.why(), "run obs build"
	case sc && lb:
		return s.Scores.clause("scores") + "; " + s.Labels.clause("leadership labels"), "run obs build"
	case sc:
		return s.Scores.clause("scores"), "run obs score, or obs build"
	}
	return s.Labels.clause("leadership labels"), "run obs classify, or obs build"
}

// clause says how the results named what stand against the data.
func (l Lag) clause(what string) string {
	if !l.Made {
		return "there are no " + what + " yet"
	}
	return what + " are older than the data: " + l.why()
}

// why says what changed since the results were made.
func (l Lag) why() string {
	switch l.LoadsSince {
	case 0:
		return "the returns changed since (rows replaced or re-checked)"
	case 1:
		return "1 return loaded since"
	}
	return fmt.Sprintf("%d returns loaded since", l.LoadsSince)
}

// resultWord matches the name of a result table as a word of SQL.
var resultWord = func() *regexp.Regexp {
	var names []string
	for _, t := range schemas.ResultTables {
		names = append(names, t.Name)
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(names, "|") + `)\b`)
}()

// ReadsResults says whether SQL text names a result table (scores, labels
// and what goes with them), whose figures may be older than the data.
func ReadsResults(sqlText string) bool { return resultWord.MatchString(sqlText) }
