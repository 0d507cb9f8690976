// Package qca is obs's Qualitative Comparative Analysis, exact to R's QCA
// package (Dusa) in its definitions and results: calibration, necessity,
// the truth table, and minimisation to the conservative, parsimonious and
// intermediate solutions with all their minimal models and parameters of
// fit. It works on a SetTable and knows nothing of where the table came
// from (a CSV given to 'obs qca --data', or a query over obs's own data);
// Store writes results to the database with the settings that made them.
//
// The steps, in order:
//
//	st, err := qca.ReadCSV(file, data, qca.CSVOptions{Case: "case", Outcome: "SURV",
//		Conditions: []string{"DEV", "URB"}, Calibrate: anchors, LogOdds: qca.LogOddsQCA})
//	nec, err := qca.NecessityTable(st, []string{"DEV + URB"})   // inclN, RoN, covN
//	tt, err := qca.NewTruthTable(st, qca.Cuts{Incl: 0.8, N: 1}) // st.Negated() for ~Y
//	dir, err := qca.ParseDirExp("DEV, ~URB", st.Conditions)
//	res, err := qca.Minimize(tt, qca.Options{DirExp: dir})
//	rep := qca.NewReport(res, nec, qca.Settings(st, tt.Cuts, opt)) // as data, for JSON
//	err = qca.Store(tx, "lipset", rep) // qca_truth_table, qca_solutions, qca_necessity, qca_settings
//
// A Result holds the truth table and one Solution per kind (one per pair
// of conservative and parsimonious models for the intermediate solution,
// Chart "C1P1"), each with its prime implicants (PIs) and every minimal
// Model (M1, M2, ...), whose TermResults carry the fit and cases; Notes say
// what was left out. Report flattens it (fits as Num, NaN written null);
// steps.SaveQCA stores it in one transaction, replacing only that name's
// rows.
//
// An Analysis is a QCA of obs's own data: a file of queries/qca (Analyses)
// whose query returns area_id, period and a column per condition and the
// outcome, its header saying how each column is calibrated (membership,
// direct E, C, I or crisp T), which is the outcome, the cuts and the
// directional expectations. RunAnalysis runs it on the areas of one period
// (a case missing a value is left out with a note) through Analyse, the
// same steps as above; 'obs qca NAME' prints and stores it under its name.
//
// A SetTable may also be built directly (Cases, Conditions, Outcome,
// Members[k][i], Y) and checked with Check, which refuses what QCA cannot
// analyse: memberships outside [0,1], a condition every case holds at
// exactly 0.5, a condition the same for every case.
//
// Definitions (those of QCA::calibrate, truthTable, minimize and pof):
//   - Calibrate is Ragin's direct method; the full anchors sit at log-odds
//     ±ln 19 (LogOddsQCA, QCA's default) or ±3 (LogOddsFsQCA, fsQCA's). It
//     is the one calibration in obs: classify's rubric calls it.
//   - A truth-table row's n counts the cases with membership above 0.5 in
//     the configuration; incl and PRI are computed over all cases; the row
//     is 1 when incl ≥ Cuts.Incl (and PRI ≥ Cuts.PRI when set), a remainder
//     ("?") when n < Cuts.N. Rows are numbered as QCA numbers them.
//   - Minimisation is exact: every prime implicant (all 3^k implicants are
//     walked, k ≤ MaxConditions), then every cover of the chart of positive
//     rows with the least number of prime implicants (QCA's default
//     all.sol = FALSE, row.dom = FALSE), in QCA's order: prime implicants by
//     number of conditions then condition by condition (~A before A before
//     absent); models lexicographically on their implicants; within a model,
//     the implicants in every model (essential) first.
//   - The conservative solution uses no remainder; the parsimonious uses
//     any remainder, and lists each model's simplifying assumptions; the
//     intermediate solution, for each pair of conservative model Ci and
//     parsimonious model Pj ("C1P1"), adds only the easy counterfactuals
//     allowed by the directional expectations (see intermediate.go).
//   - Fit: inclS, PRI, covS for terms and models; covU of a term within its
//     model; the cases of each term are those of the positive rows it
//     covers, a group a row. Necessity: inclN, RoN, covN (see Fit and
//     Necessity).
//
// The reference tests reproduce QCA's printed results on the Lipset data
// (crisp and fuzzy) and on Krook's data, and QCA::calibrate's printed values;
// testdata/README.md says where each came from.
package qca
