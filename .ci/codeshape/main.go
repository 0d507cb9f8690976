// Command codeshape counts, in the non-test Go files below a folder, the
// string literals that hold SQL, the files over 400 lines and the functions
// over 80 lines (with -v it lists each). Run: go run ./.ci/codeshape . [-v]
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var sqlRe = regexp.MustCompile(`(?s)^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|DROP|ALTER|COPY|ATTACH|DETACH|PRAGMA|SET|EXPLAIN|DESCRIBE|SUMMARIZE|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|INSTALL|LOAD)\b|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|\bCREATE (OR REPLACE )?(TABLE|VIEW|MACRO|TEMP)`)

func main() {
	root := os.Args[1]
	verbose := len(os.Args) > 2
	var sqlN, bigFiles, bigFuncs int
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if info.IsDir() && (info.Name() == ".git" || info.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return nil
		}
		lines := fset.File(f.Pos()).LineCount()
		if lines > 400 {
			bigFiles++
			if verbose {
				fmt.Println("file", p, lines)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if x.Kind == token.STRING {
					s, _ := strconv.Unquote(x.Value)
					if sqlRe.MatchString(s) {
						sqlN++
						if verbose {
							fmt.Println("sql", fset.Position(x.Pos()), strings.Join(strings.Fields(s), " ")[:min(60, len(strings.Join(strings.Fields(s), " ")))])
						}
					}
				}
			case *ast.FuncDecl:
				if x.Body != nil {
					l := fset.Position(x.End()).Line - fset.Position(x.Pos()).Line + 1
					if l > 80 {
						bigFuncs++
						if verbose {
							fmt.Println("func", fset.Position(x.Pos()), x.Name.Name, l)
						}
					}
				}
			}
			return true
		})
		return nil
	})
	fmt.Printf("SQL literals: %d\nfiles over 400 lines: %d\nfunctions over 80 lines: %d\n", sqlN, bigFiles, bigFuncs)
}
