// Package report makes the evidence packs: one per area, for an evaluator to
// read, check and share with the area. It reads the result tables and the
// provenance tables once for all areas (Load), builds each area's pack from
// memory (Data.Pack), and writes it as one self-contained HTML page
// (WriteHTML: styles and SVG charts inline, every value escaped, an A4 print
// stylesheet) and as a workbook with one sheet per section holding the
// figures behind every chart (WriteXLSX). PDF is printed from the HTML by
// headless Chromium (package report/browser). It sits at the end of the flow:
// it reads the database and imports no other pipeline stage but qca, whose
// analyses (queries/qca) it runs for each pack's QCA part: the area's
// truth-table row, the terms that cover it and whether it is a deviant case.
package report
