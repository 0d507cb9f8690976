package query

import (
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Periods as people write them. The database stores a reporting year as the
// year it starts (2021 for 2021-22), so `period = '2021-22'` would fail in
// DuckDB ("could not convert string to INT32"). PeriodLiterals rewrites a
// string literal that is a reporting year ('2021-22', '2021/22',
// '2021-2022') into the stored year where it is compared with a column
// called period: after or before a comparison, inside IN (...) and in
// BETWEEN ... AND .... Nothing else is touched: '2021-22' compared with
// period_label(period), or selected as text, stays text.

// PeriodLiterals returns text with those literals rewritten, and one note per
// literal rewritten, for the evaluator ("'2021-22' is read as the reporting
// year 2021-22 (stored as 2021)").
func PeriodLiterals(text string) (string, []string) {
	toks := sqlTokens(text)
	var b strings.Builder
	var notes []string
	for i, t := range toks {
		if p, ok := periodLiteral(t); ok && nextToPeriod(toks, i) {
			b.WriteString(strconv.Itoa(int(p)))
			notes = append(notes, t.text+" is read as the reporting year "+p.String()+" (stored as "+strconv.Itoa(int(p))+")")
			continue
		}
		b.WriteString(t.text)
	}
	return b.String(), notes
}

type tokKind int

const (
	tokSpace tokKind = iota // whitespace and comments
	tokString
	tokWord // identifiers, keywords, numbers, "quoted identifiers", dotted names
	tokPunct
)

type sqlToken struct {
	kind tokKind
	text string
}

// sqlTokens splits SQL into tokens whose texts, joined, are the SQL again.
func sqlTokens(s string) []sqlToken {
	var out []sqlToken
	for i := 0; i < len(s); {
		j, kind := scanToken(s, i)
		out = append(out, sqlToken{kind, s[i:j]})
		i = j
	}
	return out
}

// scanToken is the end of the token starting at i, and its kind.
func scanToken(s string, i int) (int, tokKind) {
	c := s[i]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		j := i + 1
		for j < len(s) && strings.IndexByte(" \t\n\r", s[j]) >= 0 {
			j++
		}
		return j, tokSpace
	case strings.HasPrefix(s[i:], "--"):
		if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
			return i + k, tokSpace
		}
		return len(s), tokSpace
	case strings.HasPrefix(s[i:], "/*"):
		if k := strings.Index(s[i+2:], "*/"); k >= 0 {
			return i + 2 + k + 2, tokSpace
		}
		return len(s), tokSpace
	case c == '\'':
		return quoted(s, i, '\''), tokString
	case c == '"':
		return quoted(s, i, '"'), tokWord
	case isWordByte(c):
		j := i + 1
		for j < len(s) && (isWordByte(s[j]) || s[j] == '.') {
			j++
		}
		return j, tokWord
	}
	// Comparison operators are one token, so that "<=" reads as one.
	j := i + 1
	for j < len(s) && strings.IndexByte("<>=!", c) >= 0 && strings.IndexByte("<>=", s[j]) >= 0 {
		j++
	}
	return j, tokPunct
}

// quoted is the end of the quoted text starting at i (a doubled quote is
// the quote itself).
func quoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// periodLiteral is the reporting year a string literal spells with both of
// its years ('2021-22'); a bare year is left to DuckDB, which reads it.
func periodLiteral(t sqlToken) (schemas.Period, bool) {
	if t.kind != tokString || len(t.text) < 2 {
		return 0, false
	}
	v := t.text[1 : len(t.text)-1]
	if len(strings.TrimSpace(v)) <= 4 {
		return 0, false
	}
	return schemas.ParsePeriod(v)
}

// between are the tokens that may stand between a period column and the
// literal compared with it.
var between = map[string]bool{
	"=": true, "==": true, "<>": true, "!=": true, "<": true, ">": true, "<=": true, ">=": true,
	"(": true, ",": true, "in": true, "not": true, "between": true, "and": true,
}

// nextToPeriod says whether the literal at i is compared with a column
// called period: walking away from it in either direction over comparison
// words and other period literals, the first word met is period (or
// x.period, or "period").
func nextToPeriod(toks []sqlToken, i int) bool {
	return periodAlong(toks, i, -1) || periodAlong(toks, i, +1)
}

func periodAlong(toks []sqlToken, i, step int) bool {
	crossed := false
	for k := i + step; k >= 0 && k < len(toks); k += step {
		t := toks[k]
		switch {
		case t.kind == tokSpace:
			continue
		case t.kind == tokString:
			if _, ok := periodLiteral(t); ok {
				continue
			}
			return false
		case between[strings.ToLower(t.text)]:
			crossed = true
			continue
		case t.kind == tokWord:
			return crossed && isPeriodColumn(t.text)
		default:
			return false
		}
	}
	return false
}

func isPeriodColumn(w string) bool {
	if k := strings.LastIndexByte(w, '.'); k >= 0 {
		w = w[k+1:]
	}
	return strings.EqualFold(strings.Trim(w, `"`), "period")
}
