package analysis

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// label is the model of highest membership; a hybrid of every model within
// margin of it that also reaches 0.5 (a model below 0.5 is not one the area
// works as, however close); unclassified when no membership reaches 0.5.
// It also gives the top model and its lead over the second.
func label(m [4]float64, margin float64) (string, int, float64) {
	top, lead := topModel(m)
	if top == 0 {
		return Unclassified, 0, math.NaN()
	}
	if m[top] < 0.5 {
		return Unclassified, top, lead
	}
	var within []string
	for k := 1; k <= 3; k++ {
		if !math.IsNaN(m[k]) && m[top]-m[k] <= margin+1e-12 && m[k] >= 0.5 {
			within = append(within, strconv.Itoa(k))
		}
	}
	if len(within) > 1 {
		return "hybrid " + strings.Join(within, "+"), top, lead
	}
	return "model " + strconv.Itoa(top), top, lead
}

// topModel is the model of highest membership (0 when none has one) and
// its lead over the second (NaN when there is no second).
func topModel(m [4]float64) (int, float64) {
	top := 0
	for k := 1; k <= 3; k++ {
		if !math.IsNaN(m[k]) && (top == 0 || m[k] > m[top]) {
			top = k
		}
	}
	if top == 0 {
		return 0, math.NaN()
	}
	second := math.NaN()
	for k := 1; k <= 3; k++ {
		if k != top && !math.IsNaN(m[k]) && (math.IsNaN(second) || m[k] > second) {
			second = m[k]
		}
	}
	return top, m[top] - second
}

// notHybrid says why a model within the margin of the top one is not part
// of the label: it does not reach 0.5. "" when there is none such, or when
// the area is unclassified.
func notHybrid(m [4]float64, margin float64) string {
	top, _ := topModel(m)
	if top == 0 || m[top] < 0.5 {
		return ""
	}
	var why []string
	for k := 1; k <= 3; k++ {
		if k != top && !math.IsNaN(m[k]) && m[top]-m[k] <= margin+1e-12 && m[k] < 0.5 {
			why = append(why, fmt.Sprintf("model %d (%s) is within %s of model %d but below 0.5", k, tabular.Number(m[k]), tabular.Number(margin), top))
		}
	}
	if len(why) == 0 {
		return ""
	}
	return "not a hybrid: " + strings.Join(why, "; ")
}

// labelModels are the models a label names (for unclassified, the top one).
func labelModels(c Classification) []int {
	l := c.Label
	switch {
	case strings.HasPrefix(l, "model "):
		return []int{int(l[6] - '0')}
	case strings.HasPrefix(l, "hybrid "):
		var ms []int
		for _, s := range strings.Split(strings.TrimPrefix(l, "hybrid "), "+") {
			ms = append(ms, int(s[0]-'0'))
		}
		return ms
	case c.Top > 0:
		return []int{c.Top}
	}
	return nil
}

func (res *ClassifyResult) applyOverrides(ov *Overrides) error {
	byName := map[string]string{}
	for _, a := range res.Areas {
		byName[strings.ToLower(a)] = a
		byName[strings.ToLower(res.Info[a].Name)] = a
	}
	done := map[[2]any]int{}
	for _, o := range ov.List {
		area, ok := byName[strings.ToLower(o.Area)]
		if !ok {
			return badInput(ErrOverride, ov.File, o.Line, "area", o.Area, fmt.Sprintf("there is no area %q with returns; the areas are %s", o.Area, strings.Join(res.Areas, ", ")), nil)
		}
		if o.Period != 0 && !containsInt(res.Periods, o.Period) {
			return badInput(ErrOverride, ov.File, o.Line, "period", schemas.Period(o.Period).String(), fmt.Sprintf("there are no returns for %s", schemas.Period(o.Period).String()), nil)
		}
		for i := range res.Classifications {
			c := &res.Classifications[i]
			if c.Area != area || (o.Period != 0 && c.Period != o.Period) {
				continue
			}
			k := [2]any{area, c.Period}
			if l, dup := done[k]; dup {
				return inputErr(ErrOverride, ov.File, o.Line, "%s %s is overridden twice (also on line %d)", area, schemas.Period(c.Period).String(), l)
			}
			done[k] = o.Line
			c.Label, c.OverrideLabel, c.OverrideReason, c.OverrideBy = o.Label, o.Label, o.Rationale, o.By
		}
	}
	return nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
