package notebook

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown renders the prose of a notebook to HTML: headings, paragraphs,
// lists (nested by indentation), block quotes, rules, pipe tables, emphasis,
// code and links. Every piece of text is escaped; only http, https, mailto and
// relative links are kept.
func Markdown(src string) string {
	var b strings.Builder
	renderBlocks(&b, strings.Split(src, "\n"))
	return b.String()
}

var (
	headingRE = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	ruleRE    = regexp.MustCompile(`^\s{0,3}([-*_])(\s*[-*_]){2,}\s*$`)
	bulletRE  = regexp.MustCompile(`^(\s*)([-*+])\s+(.*)$`)
	orderedRE = regexp.MustCompile(`^(\s*)(\d{1,9})[.)]\s+(.*)$`)
	tableSep  = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
)

func renderBlocks(b *strings.Builder, lines []string) {
	i := 0
	for i < len(lines) {
		line := lines[i]
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			i++
		case headingRE.MatchString(t):
			m := headingRE.FindStringSubmatch(t)
			n := len(m[1])
			b.WriteString("<h" + string(rune('0'+n)) + ">" + inline(m[2]) + "</h" + string(rune('0'+n)) + ">\n")
			i++
		case ruleRE.MatchString(line):
			b.WriteString("<hr>\n")
			i++
		case strings.HasPrefix(t, ">"):
			var inner []string
			for i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">") {
				s := strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")
				inner = append(inner, strings.TrimPrefix(s, " "))
				i++
			}
			b.WriteString("<blockquote>\n")
			renderBlocks(b, inner)
			b.WriteString("</blockquote>\n")
		case bulletRE.MatchString(line) || orderedRE.MatchString(line):
			i = renderList(b, lines, i)
		case strings.Contains(t, "|") && i+1 < len(lines) && tableSep.MatchString(lines[i+1]):
			i = renderTable(b, lines, i)
		default:
			var para []string
			for i < len(lines) {
				l := lines[i]
				lt := strings.TrimSpace(l)
				if lt == "" || headingRE.MatchString(lt) || strings.HasPrefix(lt, ">") || ruleRE.MatchString(l) ||
					(len(para) > 0 && (bulletRE.MatchString(l) || orderedRE.MatchString(l))) {
					break
				}
				para = append(para, l)
				i++
			}
			b.WriteString("<p>")
			for j, l := range para {
				hard := strings.HasSuffix(l, "  ")
				b.WriteString(inline(strings.TrimSpace(l)))
				if j < len(para)-1 {
					if hard {
						b.WriteString("<br>\n")
					} else {
						b.WriteString("\n")
					}
				}
			}
			b.WriteString("</p>\n")
		}
	}
}

func indent(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// renderList renders the list starting at lines[i] and returns the index of
// the first line after it. Lines indented past the marker belong to the item
// (nested lists, continued text).
func renderList(b *strings.Builder, lines []string, i int) int {
	ordered := !bulletRE.MatchString(lines[i])
	base := indent(lines[i])
	tag := "ul"
	if ordered {
		tag = "ol"
		if m := orderedRE.FindStringSubmatch(lines[i]); m[2] != "1" {
			n, _ := strconv.Atoi(m[2])
			b.WriteString(`<ol start="` + strconv.Itoa(n) + `">` + "\n")
			tag = ""
		}
	}
	if tag != "" {
		b.WriteString("<" + tag + ">\n")
	}
	if tag == "" {
		tag = "ol"
	}
	for i < len(lines) {
		l := lines[i]
		var m []string
		if ordered {
			m = orderedRE.FindStringSubmatch(l)
		} else {
			m = bulletRE.FindStringSubmatch(l)
		}
		if m == nil || indent(l) != base {
			break
		}
		item := []string{m[3]}
		i++
		for i < len(lines) {
			l := lines[i]
			if strings.TrimSpace(l) == "" {
				// A blank line ends the item unless indented text follows.
				if i+1 < len(lines) && indent(lines[i+1]) > base && strings.TrimSpace(lines[i+1]) != "" {
					item = append(item, "")
					i++
					continue
				}
				break
			}
			lt := strings.TrimSpace(l)
			if indent(l) <= base && (bulletRE.MatchString(l) || orderedRE.MatchString(l) || headingRE.MatchString(lt) || strings.HasPrefix(lt, ">")) {
				break
			}
			if cut := base + 2; indent(l) >= cut {
				item = append(item, strings.Repeat(" ", indent(l)-cut)+lt)
			} else {
				item = append(item, lt)
			}
			i++
		}
		b.WriteString("<li>")
		if len(item) == 1 {
			b.WriteString(inline(item[0]))
		} else {
			// Text up to a nested list is the item's text; the rest renders as blocks.
			j := 1
			text := []string{item[0]}
			for j < len(item) && !bulletRE.MatchString(item[j]) && !orderedRE.MatchString(item[j]) && strings.TrimSpace(item[j]) != "" {
				text = append(text, strings.TrimSpace(item[j]))
				j++
			}
			b.WriteString(inline(strings.Join(text, " ")))
			if j < len(item) {
				b.WriteString("\n")
				renderBlocks(b, dedent(item[j:]))
			}
		}
		b.WriteString("</li>\n")
		for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			if i+1 < len(lines) && indent(lines[i+1]) == base && (bulletRE.MatchString(lines[i+1]) || orderedRE.MatchString(lines[i+1])) {
				i++
				continue
			}
			break
		}
	}
	b.WriteString("</" + tag + ">\n")
	return i
}

func dedent(lines []string) []string {
	min := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := indent(l); min < 0 || n < min {
			min = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= min && min > 0 {
			out[i] = l[min:]
		} else {
			out[i] = strings.TrimLeft(l, " ")
		}
	}
	return out
}

func splitRow(l string) []string {
	l = strings.TrimSpace(l)
	l = strings.TrimPrefix(l, "|")
	l = strings.TrimSuffix(l, "|")
	cells := strings.Split(l, "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func renderTable(b *strings.Builder, lines []string, i int) int {
	head := splitRow(lines[i])
	aligns := splitRow(lines[i+1])
	align := func(c int) string {
		if c >= len(aligns) {
			return ""
		}
		a := aligns[c]
		switch {
		case strings.HasPrefix(a, ":") && strings.HasSuffix(a, ":"):
			return ` style="text-align:center"`
		case strings.HasSuffix(a, ":"):
			return ` class="num"`
		}
		return ""
	}
	b.WriteString("<table>\n<thead><tr>")
	for c, h := range head {
		b.WriteString("<th" + align(c) + ">" + inline(h) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	i += 2
	for i < len(lines) && strings.Contains(lines[i], "|") && strings.TrimSpace(lines[i]) != "" {
		b.WriteString("<tr>")
		for c, v := range splitRow(lines[i]) {
			b.WriteString("<td" + align(c) + ">" + inline(v) + "</td>")
		}
		b.WriteString("</tr>\n")
		i++
	}
	b.WriteString("</tbody>\n</table>\n")
	return i
}

// inline renders emphasis, code spans, links and escapes in one line of text.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>", s[i+1]) >= 0:
			b.WriteString(html.EscapeString(s[i+1 : i+2]))
			i += 2
			continue
		case c == '`':
			n := run(s[i:], '`')
			fence := s[i : i+n]
			if j := strings.Index(s[i+n:], fence); j >= 0 {
				code := strings.TrimSpace(s[i+n : i+n+j])
				b.WriteString("<code>" + html.EscapeString(code) + "</code>")
				i += n + j + n
				continue
			}
			b.WriteString(html.EscapeString(fence))
			i += n
			continue
		case c == '[':
			if text, href, n, ok := link(s[i:]); ok {
				if u, safe := safeURL(href); safe {
					b.WriteString(`<a href="` + html.EscapeString(u) + `">` + inline(text) + "</a>")
				} else {
					b.WriteString(inline(text))
				}
				i += n
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				u := s[i+1 : i+j]
				if (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && !strings.ContainsAny(u, " <\"") {
					b.WriteString(`<a href="` + html.EscapeString(u) + `">` + html.EscapeString(u) + "</a>")
					i += j + 1
					continue
				}
			}
		case c == '*' || c == '_':
			n := min(run(s[i:], c), 2)
			if open := canOpen(s, i, n, c); open {
				delim := s[i : i+n]
				if j := closer(s, i+n, delim, c); j > i+n {
					tag := "em"
					if n == 2 {
						tag = "strong"
					}
					b.WriteString("<" + tag + ">" + inline(s[i+n:j]) + "</" + tag + ">")
					i = j + n
					continue
				}
			}
			b.WriteString(html.EscapeString(s[i : i+n]))
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(html.EscapeString(string(r)))
		i += size
	}
	return b.String()
}

func run(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func runeBefore(s string, i int) rune {
	if i == 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func runeAt(s string, i int) rune {
	if i >= len(s) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// canOpen: the delimiter is followed by text, and an underscore does not
// sit inside a word (area_id stays as it is).
func canOpen(s string, i, n int, c byte) bool {
	next := runeAt(s, i+n)
	if unicode.IsSpace(next) {
		return false
	}
	if c == '_' && isWord(runeBefore(s, i)) {
		return false
	}
	return true
}

// closer finds the closing delimiter for emphasis opened before from.
func closer(s string, from int, delim string, c byte) int {
	for j := from; j < len(s); {
		if s[j] == '`' {
			n := run(s[j:], '`')
			if k := strings.Index(s[j+n:], s[j:j+n]); k >= 0 {
				j += n + k + n
				continue
			}
		}
		if strings.HasPrefix(s[j:], delim) && (len(delim) == 2 || run(s[j:], c) == 1 || run(s[j:], c) >= 3) {
			prev := runeBefore(s, j)
			if !unicode.IsSpace(prev) && !(c == '_' && isWord(runeAt(s, j+len(delim)))) {
				return j
			}
		}
		if s[j] == '\\' {
			j += 2
			continue
		}
		j++
	}
	return -1
}

// link reads [text](url "title") at the start of s.
func link(s string) (text, href string, n int, ok bool) {
	depth := 0
	end := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				end = i
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 || end+1 >= len(s) || s[end+1] != '(' {
		return "", "", 0, false
	}
	close, depth := -1, 0
	for i := end + 2; i < len(s) && close < 0; i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				close = i - (end + 2)
			}
			depth--
		}
	}
	if close < 0 {
		return "", "", 0, false
	}
	target := strings.TrimSpace(s[end+2 : end+2+close])
	if sp := strings.IndexAny(target, " \t"); sp >= 0 {
		target = target[:sp] // drop a "title"
	}
	target = strings.Trim(target, "<>")
	return s[1:end], target, end + 3 + close, true
}

// safeURL keeps links that cannot run code: http(s), mailto, anchors and
// relative paths.
func safeURL(u string) (string, bool) {
	lu := strings.ToLower(strings.TrimSpace(u))
	if lu == "" {
		return "", false
	}
	if i := strings.IndexAny(lu, ":/?#"); i >= 0 && lu[i] == ':' {
		scheme := lu[:i]
		if scheme != "http" && scheme != "https" && scheme != "mailto" {
			return "", false
		}
	}
	return strings.TrimSpace(u), true
}
