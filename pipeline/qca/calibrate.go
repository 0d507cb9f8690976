package qca

import (
	"fmt"
	"math"
	"strings"
)

// LogOdds says how far out the full anchors of the direct method sit on the
// log-odds scale.
type LogOdds string

const (
	// LogOddsQCA puts the full anchors at log-odds ±ln 19 (membership exactly
	// 0.95 and 0.05), as QCA::calibrate does by default (idm = 0.95).
	LogOddsQCA LogOdds = "qca"
	// LogOddsFsQCA puts them at ±3 (membership 0.953 and 0.047), as Ragin's
	// fsQCA software and Redesigning Social Inquiry (2008) do.
	LogOddsFsQCA LogOdds = "fsqca"
)

// ParseLogOdds reads "qca" or "fsqca"; "" is qca.
func ParseLogOdds(s string) (LogOdds, error) {
	switch LogOdds(strings.ToLower(strings.TrimSpace(s))) {
	case "", LogOddsQCA:
		return LogOddsQCA, nil
	case LogOddsFsQCA:
		return LogOddsFsQCA, nil
	}
	return "", inputErr("--logodds must be qca (log-odds ln 19 = 2.944 at the full anchors, as R's QCA::calibrate) or fsqca (3, as fsQCA), not %q", s)
}

// Full is the log-odds at the full-membership anchor.
func (l LogOdds) Full() float64 {
	if l == LogOddsFsQCA {
		return 3
	}
	return math.Log(19)
}

// Describe says the choice in words, for the settings stored with results.
func (l LogOdds) Describe() string {
	if l == LogOddsFsQCA {
		return "fsqca: Ragin's direct method, log-odds ±3 at the full anchors (membership 0.953 and 0.047), 0 at the crossover"
	}
	return "qca: Ragin's direct method, log-odds ±ln 19 at the full anchors (membership exactly 0.95 and 0.05, as R's QCA::calibrate), 0 at the crossover"
}

// Calibrate is Ragin's direct method: the value's deviation from the
// crossover c, scaled so that the full-membership anchor i sits at log-odds
// +l.Full() and the full non-membership anchor e at -l.Full() (each side
// scaled by its own anchor), turned into a membership exp(v)/(1+exp(v)).
// Anchors may descend (e > c > i: a low value is membership). NaN stays NaN.
// This is the one calibration in obs: classify's rubric uses it too.
func Calibrate(x, e, c, i float64, l LogOdds) float64 {
	if math.IsNaN(x) {
		return math.NaN()
	}
	var v float64
	if (x-c)*(i-c) >= 0 {
		v = l.Full() * (x - c) / (i - c)
	} else {
		v = l.Full() * (x - c) / (c - e)
	}
	return 1 / (1 + math.Exp(-v))
}

// CheckAnchors reports anchors out of order: the crossover must lie strictly
// between the two full anchors.
func CheckAnchors(e, c, i float64) error {
	for _, v := range []float64{e, c, i} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("the anchors must be numbers")
		}
	}
	if !(e < c && c < i) && !(e > c && c > i) {
		return fmt.Errorf("the anchors are out of order: exclusion %g, crossover %g, inclusion %g; the crossover must lie strictly between the other two (ascending when a high value is membership, descending when a low value is)", e, c, i)
	}
	return nil
}
