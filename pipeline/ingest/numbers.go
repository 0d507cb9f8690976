package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// How numbers written as text in a cell are read. Every form gets a
// decision: read for certain, or refused with what to write instead. A
// comma is a thousands separator only when exactly three digits follow it;
// it is the decimal mark only in a file that writes decimals with a comma
// (a semicolon-separated CSV); anything else is ambiguous.

var (
	// plain is a number as it is stored: digits, one decimal point, an exponent.
	plain = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	// grouped is digits with a separator between every three (sep, then the decimal part).
	groupedComma = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)
	groupedSpace = regexp.MustCompile(`^[+-]?\d{1,3}( \d{3})+([.,]\d+)?$`)
	groupedDot   = regexp.MustCompile(`^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$`)
	commaDecimal = regexp.MustCompile(`^[+-]?\d+,\d+$`)
	continental  = regexp.MustCompile(`^[+-]?\d{1,3}(\.\d{3})+,\d+$`)

	approxBefore = regexp.MustCompile(`(?i)^(about|approx\.?|approximately|around|roughly|circa|ca\.?|c\.|c|est\.?|estimated|nearly|almost|over|under|more than|less than|at least|up to|~|≈|>|<|>=|<=|≥|≤)\s*(\S.*)$`)
	approxAfter  = regexp.MustCompile(`(?i)^(.*\d)\s*(\+|plus|ish|odd|or so|or more|approx\.?|\(approx\.?\)|est\.?|\(est\.?\)|\?)$`)
	rangeForm    = regexp.MustCompile(`(?i)^\d[\d.,]*\s*(-|–|—|to)\s*\d[\d.,]*$`)
	hoursMinutes = regexp.MustCompile(`^(\d{1,4}):([0-5]\d)$`)
	spaces       = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ")
)

// numberText reads the text of a number cell of type t as a plain number
// ("1,234" → "1234", "£1,200.50" → "1200.50" in a money column), or says why
// it cannot. decimalComma: the file writes decimals with a comma. Missing
// values and spreadsheet errors come back as they are, for the parsers.
func numberText(raw string, t schemas.Type, decimalComma bool) (string, error) {
	if _, ok := decimal(raw); ok && (!decimalComma || !strings.Contains(raw, ".")) {
		return raw, nil // as Excel stores numbers: what plain and separated would give
	}
	if isMissing(raw) || checkExcelError(raw) != nil {
		return raw, nil
	}
	s := strings.TrimSpace(spaces.Replace(raw))
	if v, ok := separated(s, decimalComma); ok && plain.MatchString(s) {
		return v, nil // as Excel stores numbers; in a decimal-comma file "2.5" is looked at below
	}
	if m := hoursMinutes.FindStringSubmatch(s); m != nil && t == schemas.Number {
		h, _ := strconv.Atoi(m[1])
		mins, _ := strconv.Atoi(m[2])
		return strconv.FormatFloat(float64(h)+float64(mins)/60, 'f', -1, 64), nil // 2:30 typed as text in a column of hours
	}
	if m := approxBefore.FindStringSubmatch(s); m != nil && looksNumeric(m[2]) {
		return "", approxErr(raw, m[2])
	}
	if m := approxAfter.FindStringSubmatch(s); m != nil && looksNumeric(m[1]) {
		return "", approxErr(raw, m[1])
	}
	if rangeForm.MatchString(s) && !strings.HasPrefix(s, "-") {
		return "", fmt.Errorf("%q is a range; obs stores one figure: write the number you are sure of, or leave the cell blank if it is not known", strings.TrimSpace(raw))
	}
	if strings.HasSuffix(s, "%") {
		return "", fmt.Errorf("%q is a percentage, but this column holds %s; write the number itself (not a share of something), or leave it blank", strings.TrimSpace(raw), typeWords(t))
	}
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], strings.TrimSpace(s[1:])
	}
	for _, cur := range []string{"£", "GBP"} {
		if rest, ok := strings.CutPrefix(s, cur); ok {
			if t != schemas.Money {
				return "", fmt.Errorf("%q is an amount of money, but this column holds %s; write the number alone", strings.TrimSpace(raw), typeWords(t))
			}
			s = strings.TrimSpace(rest)
			if strings.HasPrefix(s, "-") && sign == "" {
				sign, s = "-", strings.TrimSpace(s[1:])
			}
		}
	}
	if strings.ContainsAny(s, "$€") {
		return "", fmt.Errorf("%q is not in pounds; amounts are in pounds (£): convert it, or leave it blank", strings.TrimSpace(raw))
	}
	if v, ok := separated(s, decimalComma); ok {
		return sign + v, nil
	}
	return "", numberErr(raw, s, decimalComma)
}

// pow10 holds the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// decimal reads a number written as Excel stores most of them (an optional
// minus sign, digits, perhaps a point and more digits: "88", "-2.5") from
// its bytes, without the regular expressions and copies numberText needs
// for other forms. The value is strconv.ParseFloat's, bit for bit: digits
// that make an integer a float64 holds exactly, divided by an exact power
// of ten, are rounded once, as ParseFloat rounds. ok is false for any other
// form, or one too long to read exactly so (then the general path reads it).
func decimal(s string) (float64, bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	var m uint64
	digits, frac, point := 0, 0, false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if digits == 19 { // beyond what a uint64 holds
				return 0, false
			}
			m = m*10 + uint64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point && digits > 0:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || (point && frac == 0) || m > 1<<53 || frac >= len(pow10) {
		return 0, false
	}
	f := float64(m) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
}

// separated reads digits written with thousands separators and a decimal
// mark, as the file writes them; ok=false when that reading is not certain.
func separated(s string, decimalComma bool) (string, bool) {
	switch {
	case plain.MatchString(s) && (!decimalComma || !strings.Contains(s, ".") || strings.ContainsAny(s, "eE")):
		return s, true
	case groupedSpace.MatchString(s):
		s = strings.ReplaceAll(s, " ", "")
		if decimalComma {
			s = strings.Replace(s, ",", ".", 1)
		}
		return s, !strings.Contains(s, ",")
	case decimalComma && groupedDot.MatchString(s):
		return strings.Replace(strings.ReplaceAll(s, ".", ""), ",", ".", 1), true
	case decimalComma && commaDecimal.MatchString(s):
		return strings.Replace(s, ",", ".", 1), true
	case !decimalComma && groupedComma.MatchString(s):
		return strings.ReplaceAll(s, ",", ""), true
	}
	return "", false
}

// numberErr says why a number is not certain, and what to write.
func numberErr(raw, s string, dc bool) error {
	r := strings.TrimSpace(raw)
	switch {
	case !dc && continental.MatchString(s):
		whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ".", ""), ",")
		return fmt.Errorf("%q is written with a decimal comma (%s.%s?), but the rest of the file uses full stops; write %s.%s, with a full stop as the decimal point", r, whole, frac, whole, frac)
	case !dc && commaDecimal.MatchString(s):
		whole, frac, _ := strings.Cut(s, ",")
		return fmt.Errorf("%q is ambiguous: a comma is a thousands separator only with three digits after it; write %s.%s if it is a decimal, or %s%s if not", r, whole, frac, whole, frac)
	case dc && strings.Contains(s, "."):
		whole, frac, _ := strings.Cut(s, ".")
		return fmt.Errorf("%q is ambiguous: this file writes decimals with a comma (2,5), and a full stop is a thousands separator only with three digits after it; write %s,%s if it is a decimal, or %s%s if not", r, whole, frac, whole, frac)
	}
	return fmt.Errorf("%q is not a number; write digits such as 12 or 1,234, or leave it blank (or n/a) if not known", r)
}

func approxErr(raw, num string) error {
	return fmt.Errorf("%q is an approximation, and obs stores only figures it can read for certain; write the number alone (%s) if it is the best figure there is, or leave the cell blank if it is not known", strings.TrimSpace(raw), strings.TrimSpace(num))
}

// looksNumeric: digits with separators, perhaps a £, nothing else.
func looksNumeric(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "£")
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' && r != ' ' {
			return false
		}
	}
	return true
}

// typeWords says what a column of type t holds, for messages.
func typeWords(t schemas.Type) string {
	switch t {
	case schemas.Count:
		return "a count (a whole number)"
	case schemas.Money:
		return "an amount in pounds"
	}
	return "a number"
}
