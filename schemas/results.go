package schemas

// Result tables: what 'obs score' and 'obs classify' compute. Each command
// replaces its own tables in one transaction, so they always hold one
// consistent run, described by score_settings or classify_settings.
// Evidence packs, notebooks and the web UI read these tables: keep the names
// and columns stable.

// Scores holds every definition of "resident-led" for every area and period,
// under every resident definition, with its normalisations.
var Scores = &Table{Name: "scores", Doc: "one row per area, period, definition and resident definition", Columns: []Column{
	{Name: "score_id", Type: Text, Doc: "area/period/definition/resident_def"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year, as the year it starts"},
	{Name: "definition", Type: Text, Doc: "the definition of resident-led (file name under queries/definitions), or all for the composite"},
	{Name: "label", Type: Text, Doc: "the definition's label, for people"},
	{Name: "resident_def", Type: Text, Doc: "resident definition: " + ResidentDefChoices() + "; " + NoResidentDef + " when the definition does not depend on it"},
	{Name: "value", Type: Number, Doc: "the figure (NULL when it cannot be computed: see missing_reason); for all, the weighted mean of the normalised definitions"},
	{Name: "unit", Type: Text, Doc: "what value is measured in"},
	{Name: "direction", Type: Text, Doc: "higher or lower: which way is more resident-led"},
	{Name: "base", Type: Number, Doc: "the figure value was computed on (population, voting members...)"},
	{Name: "base_label", Type: Text, Doc: "what base is"},
	{Name: "missing_reason", Type: Text, Doc: "why value is missing (no population, no return...); NULL when present"},
	{Name: "note", Type: Text, Doc: "a remark the definition makes on the figure (below the programme rule of half residents, distinct volunteers...)"},
	{Name: "minmax", Type: Number, Doc: "min-max normalised across areas in the period, 0 to 100, 100 the most resident-led"},
	{Name: "z", Type: Number, Doc: "z-score across areas in the period, positive more resident-led"},
	{Name: "rank", Type: Count, Doc: "rank across areas in the period, 1 the most resident-led (ties share the best rank)"},
	{Name: "percentile", Type: Number, Doc: "percentile rank across areas in the period, 0 to 100, 100 the most resident-led"},
	{Name: "n_areas", Type: Count, Doc: "areas with a value in this period, definition and resident definition"},
	{Name: "coverage", Type: Number, Doc: "for all: share of the weight of the definitions this area has (0 to 1); NULL otherwise"},
	{Name: "covered", Type: Text, Doc: "for all: the definitions the composite used, comma-separated"},
	{Name: "goalposts", Type: Number, Doc: "on fixed goalposts, 0 to 100, 100 the most resident-led: bounds that stay the same in every period (a goalposts file, or the lowest and highest value over all periods), so that years compare like with like; for all, their weighted mean"},
}}

// Agreement says how much the choice of definition matters: rank agreement
// between every pair of definitions.
var Agreement = &Table{Name: "agreement", Doc: "Kendall's tau-b between the area rankings of two definitions", Columns: []Column{
	{Name: "agreement_id", Type: Text, Doc: "period/resident_def/def_a/def_b"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "resident_def", Type: Text, Doc: "resident definition both rankings use"},
	{Name: "def_a", Type: Text, Doc: "first definition"},
	{Name: "def_b", Type: Text, Doc: "second definition"},
	{Name: "tau", Type: Number, Doc: "Kendall's tau-b, -1 (opposite order) to 1 (same order); NULL when fewer than 2 areas have both"},
	{Name: "n", Type: Count, Doc: "areas with a value under both definitions"},
	{Name: "p_value", Type: Number, Doc: "two-sided p-value of tau against no association (see p_method)"},
	{Name: "p_method", Type: Text, Doc: "exact (the permutation distribution: no ties, fewer than 50 areas) or normal (the normal approximation with the tie-corrected variance)"},
	{Name: "tau_low", Type: Number, Doc: "lower bound of tau's 95% interval: Fisher's z with the Fieller-Hartley-Pearson variance 0.437/(n - 4); NULL with 4 areas or fewer"},
	{Name: "tau_high", Type: Number, Doc: "upper bound of tau's 95% interval"},
	{Name: "beyond_chance", Type: Bool, Doc: "true when p_value is below 0.05: the agreement (or disagreement) is distinguishable from chance with this many areas"},
}}

// Concordance is Kendall's W: how far all the definitions rank the areas
// alike, together.
var Concordance = &Table{Name: "concordance", Doc: "Kendall's W across every definition's ranking of the areas, per period and resident definition", Columns: []Column{
	{Name: "concordance_id", Type: Text, Doc: "period/resident_def"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "resident_def", Type: Text, Doc: "resident definition the rankings use"},
	{Name: "kendall_w", Type: Number, Doc: "Kendall's coefficient of concordance, corrected for ties: 0 no agreement, 1 every definition ranks the areas alike"},
	{Name: "definitions", Type: Count, Doc: "definitions compared"},
	{Name: "n", Type: Count, Doc: "areas with a value under every definition (the only ones W can use)"},
	{Name: "chi_squared", Type: Number, Doc: "Friedman's statistic, definitions x (n - 1) x W"},
	{Name: "df", Type: Count, Doc: "degrees of freedom, n - 1"},
	{Name: "p_value", Type: Number, Doc: "chance of a W this large with no agreement (chi-squared approximation)"},
	{Name: "beyond_chance", Type: Bool, Doc: "true when p_value is below 0.05"},
}}

// Uncertainty is the Monte Carlo over the choices an evaluator could make.
var Uncertainty = &Table{Name: "uncertainty", Doc: "each area's composite rank over many defensible choices of weights, normalisation, aggregation and resident definition", Columns: []Column{
	{Name: "uncertainty_id", Type: Text, Doc: "area/period"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "rank", Type: Count, Doc: "the composite rank under the chosen settings (R1), for comparison"},
	{Name: "median_rank", Type: Number, Doc: "median rank over the draws"},
	{Name: "rank_p05", Type: Number, Doc: "5th percentile of the rank over the draws"},
	{Name: "rank_p95", Type: Number, Doc: "95th percentile of the rank over the draws"},
	{Name: "draws", Type: Count, Doc: "draws in which the area had a composite"},
	{Name: "ranked", Type: Bool, Doc: "false when the 5-95% interval spans half the table or more: the area is not ranked"},
	{Name: "n_areas", Type: Count, Doc: "areas ranked in the period"},
}}

// Sensitivity says which choice moves the composite ranking most: Sobol
// indices of each uncertain choice for each area's composite rank.
var Sensitivity = &Table{Name: "sensitivity", Doc: "Sobol first- and total-order indices of each choice (weights, normalisation, aggregation, resident definition) for each area's composite rank", Columns: []Column{
	{Name: "sensitivity_id", Type: Text, Doc: "period/area/factor"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "area_id", Type: Text, Doc: "the area, or all: the mean over the areas whose rank moves"},
	{Name: "factor", Type: Text, Doc: "the choice: weights (as one group), normalisation, aggregation or resident_def"},
	{Name: "first_order", Type: Number, Doc: "share of the rank's variance the choice causes alone (0 to 1); NULL when the rank does not move"},
	{Name: "total_order", Type: Number, Doc: "share of the variance the choice takes part in, with the others (0 to 1)"},
	{Name: "first_low", Type: Number, Doc: "2.5% bootstrap bound of first_order"},
	{Name: "first_high", Type: Number, Doc: "97.5% bootstrap bound of first_order"},
	{Name: "total_low", Type: Number, Doc: "2.5% bootstrap bound of total_order"},
	{Name: "total_high", Type: Number, Doc: "97.5% bootstrap bound of total_order"},
	{Name: "areas", Type: Count, Doc: "areas behind the row: 1, or the areas averaged for all"},
}}

// RankReversals says which pairs of areas keep their order whatever the
// choices.
var RankReversals = &Table{Name: "rank_reversals", Doc: "for every pair of areas, the share of Monte Carlo draws in which each ranks above the other", Columns: []Column{
	{Name: "reversal_id", Type: Text, Doc: "period/area_a/area_b"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "area_a", Type: Area, Doc: "the area ranked above in more draws"},
	{Name: "area_b", Type: Area, Doc: "the other area"},
	{Name: "a_above", Type: Number, Doc: "share of the draws (both ranked) in which area_a ranks above area_b, 0 to 1"},
	{Name: "b_above", Type: Number, Doc: "share in which area_b ranks above area_a (ties are neither)"},
	{Name: "draws", Type: Count, Doc: "draws in which both areas have a composite"},
	{Name: "robust", Type: Bool, Doc: "true when area_a ranks above area_b in more than 95% of the draws"},
}}

// ScoreSettings records what produced the scores.
var ScoreSettings = &Table{Name: "score_settings", Doc: "the settings of the last 'obs score' run", Columns: []Column{
	{Name: "key", Type: Text, Doc: "setting (normalisation, aggregation, weights, coverage, seed, draws, definitions, run_at...)"},
	{Name: "value", Type: Text, Doc: "its value"},
}}

// ClassifySettings records what produced the classification.
var ClassifySettings = &Table{Name: "classify_settings", Doc: "the settings of the last 'obs classify' run", Columns: []Column{
	{Name: "key", Type: Text, Doc: "setting (rubric, rubric_sha256, codebook, overrides, margin, run_at...)"},
	{Name: "value", Type: Text, Doc: "its value"},
}}

// Indicators holds each rubric indicator's value and calibrated membership.
var Indicators = &Table{Name: "indicators", Doc: "one row per area, period, model and indicator of the rubric", Columns: []Column{
	{Name: "indicator_id", Type: Text, Doc: "area/period/model/indicator"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "model", Type: Count, Doc: "leadership model: " + ModelList("")},
	{Name: "indicator", Type: Text, Doc: "the indicator's name in the rubric"},
	{Name: "label", Type: Text, Doc: "what the indicator measures, for people"},
	{Name: "value", Type: Number, Doc: "the raw figure (NULL when missing: see missing_reason)"},
	{Name: "full_non_membership", Type: Number, Doc: "rubric anchor: membership 0.05 at this value"},
	{Name: "crossover", Type: Number, Doc: "rubric anchor: membership 0.5 at this value"},
	{Name: "full_membership", Type: Number, Doc: "rubric anchor: membership 0.95 at this value"},
	{Name: "membership", Type: Number, Doc: "calibrated membership, 0 to 1 (Ragin's direct method)"},
	{Name: "contribution", Type: Number, Doc: "membership divided by the model's indicators with a value: contributions add up to the model's membership"},
	{Name: "missing_reason", Type: Text, Doc: "why the value is missing; NULL when present"},
}}

// Memberships holds each area's membership of each leadership model.
var Memberships = &Table{Name: "memberships", Doc: "one row per area, period and leadership model", Columns: []Column{
	{Name: "membership_id", Type: Text, Doc: "area/period/model"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "model", Type: Count, Doc: "1, 2 or 3"},
	{Name: "model_name", Type: Text, Doc: "the model's name: " + ModelList("")},
	{Name: "membership", Type: Number, Doc: "mean membership of the model's indicators with a value (NULL when none has one)"},
	{Name: "indicators", Type: Count, Doc: "indicators with a value"},
	{Name: "codes", Type: Count, Doc: "interview segments coded to this model (through the codebook)"},
}}

// Classifications holds each area's leadership model label and its evidence.
var Classifications = &Table{Name: "classifications", Doc: "one row per area and period: leadership model label, computed and after override", Columns: []Column{
	{Name: "classification_id", Type: Text, Doc: "area/period"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "computed_label", Type: Text, Doc: "model 1, model 2, model 3, hybrid 1+2 (top two within the margin, both at least 0.5) or unclassified (no membership reaches 0.5)"},
	{Name: "label", Type: Text, Doc: "the label after any override: the one to report"},
	{Name: "override_label", Type: Text, Doc: "the evaluator's label, if overridden"},
	{Name: "override_rationale", Type: Text, Doc: "why the evaluator overrode it"},
	{Name: "override_by", Type: Text, Doc: "who overrode it (pseudonym)"},
	{Name: "m1", Type: Number, Doc: "membership of model 1, " + ModelName(1)},
	{Name: "m2", Type: Number, Doc: "membership of model 2, " + ModelName(2)},
	{Name: "m3", Type: Number, Doc: "membership of model 3, " + ModelName(3)},
	{Name: "top_model", Type: Count, Doc: "model of highest membership"},
	{Name: "margin", Type: Number, Doc: "top membership minus the second"},
	{Name: "evidence", Type: Text, Doc: "the top evidence for the label, in words"},
}}

// Approaches holds the seed's approaches and focus tags each area holds.
var Approaches = &Table{Name: "approaches", Doc: "one row per area, period and approach or focus tag", Columns: []Column{
	{Name: "approach_id", Type: Text, Doc: "area/period/tag_type/tag"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "tag_type", Type: Text, Doc: "approach or focus"},
	{Name: "tag", Type: Text, Doc: "capacity building, services, neighbourliness, large-scale development, resident voice; plan or stepping stone"},
	{Name: "codes", Type: Count, Doc: "interview segments coded to it (through the codebook)"},
	{Name: "projects", Type: Count, Doc: "projects whose theme maps to it"},
	{Name: "evidence", Type: Text, Doc: "a short excerpt or project showing it"},
}}

// CodeMapping says which interview codes count as evidence for what.
var CodeMapping = &Table{Name: "code_mapping", Doc: "each interview code found in the returns and what the codebook maps it to", Columns: []Column{
	{Name: "mapping_id", Type: Text, Doc: "code/target_type/target"},
	{Name: "code", Type: Text, Doc: "the code as found (Leadership/Working groups/Delegation)"},
	{Name: "target_type", Type: Text, Doc: "definition, model, approach or focus"},
	{Name: "target", Type: Text, Doc: "what it is evidence of"},
	{Name: "pattern", Type: Text, Doc: "the codebook line that matched (* is a wildcard)"},
	{Name: "segments", Type: Count, Doc: "coded segments with this code"},
}}

// UnmappedCodes lists the codes the codebook does not map, so that the
// evaluator can extend it.
var UnmappedCodes = &Table{Name: "unmapped_codes", Doc: "interview codes the codebook does not map", Columns: []Column{
	{Name: "code", Type: Text, Doc: "the code"},
	{Name: "segments", Type: Count, Doc: "coded segments with this code"},
	{Name: "areas", Type: Count, Doc: "areas where it occurs"},
}}

// LabelStability holds how well each computed label survives reasonable
// changes to the rubric.
var LabelStability = &Table{Name: "label_stability", Doc: "one row per area and period: how often the computed leadership label holds when the rubric is varied", Columns: []Column{
	{Name: "stability_id", Type: Text, Doc: "area/period"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year"},
	{Name: "label", Type: Text, Doc: "the computed label (before any override)"},
	{Name: "share", Type: Number, Doc: "share of the variations (0 to 1) that give the same label: each anchor moved by up to ±10% of its indicator's range, the hybrid margin drawn from 0.05 to 0.15, one indicator left out in turn"},
	{Name: "draws", Type: Count, Doc: "variations drawn (seeded: see classify_settings)"},
	{Name: "other_label", Type: Text, Doc: "the label the variations give most often instead; NULL when none"},
	{Name: "other_share", Type: Number, Doc: "the share of variations giving other_label"},
	{Name: "left_out", Type: Text, Doc: "what leaving out a single indicator (at the rubric's own anchors and margin) turns the label into, e.g. becomes hybrid 2+3 when small grants is left out; NULL when none changes it"},
	{Name: "summary", Type: Text, Doc: "the same in one line, for people"},
}}

// CodeAgreement holds the intercoder agreement on each interview code.
var CodeAgreement = &Table{Name: "code_agreement", Doc: "one row per interview code, and one for all codes pooled: agreement between coders on the sources two or more coded", Columns: []Column{
	{Name: "code", Type: Text, Doc: "the code (Leadership/Working groups/Delegation), or all for every code pooled"},
	{Name: "coders", Type: Count, Doc: "coders with a value on a unit that two or more coded"},
	{Name: "units", Type: Count, Doc: "units coded by two coders or more: a unit is a source and a code, 1 when a coder applied the code in the source, 0 when the coder coded the source without it"},
	{Name: "percent_agreement", Type: Number, Doc: "share of pairs of coders' values that agree, 0 to 100"},
	{Name: "kappa", Type: Number, Doc: "Cohen's kappa; NULL unless exactly two coders"},
	{Name: "alpha", Type: Number, Doc: "Krippendorff's alpha, nominal (any number of coders, missing values allowed); NULL when undefined (every value the same)"},
	{Name: "low", Type: Bool, Doc: "alpha below 0.667: too low to rely on (Krippendorff)"},
	{Name: "segments", Type: Count, Doc: "segments compared with another coder's coding of the same source, where positions exist"},
	{Name: "segment_agreement", Type: Number, Doc: "share of those (0 to 100) the other coder coded with the same code, overlapping by at least the threshold (classify_settings intercoder_overlap) of the longer"},
}}

// ScoreTables are the tables 'obs score' replaces.
var ScoreTables = []*Table{Scores, Agreement, Concordance, Uncertainty, Sensitivity, RankReversals, ScoreSettings}

// ClassifyTables are the tables 'obs classify' replaces.
var ClassifyTables = []*Table{Indicators, Memberships, Classifications, Approaches, CodeMapping, UnmappedCodes, LabelStability, CodeAgreement, ClassifySettings}

// ResultTables lists every result table.
var ResultTables = append(append(append([]*Table{}, ScoreTables...), ClassifyTables...), QCATables...)

// QCA results: what 'obs qca --save NAME' stores, one analysis a name. Each
// save replaces that analysis's rows in all four tables in one transaction;
// qca_settings says what produced them.

// QCATruthTable is every configuration of an analysis's conditions.
var QCATruthTable = &Table{Name: "qca_truth_table", Doc: "one row per analysis and truth-table configuration (remainders included)", Columns: []Column{
	{Name: "qca_row_id", Type: Text, Doc: "analysis/row"},
	{Name: "analysis", Type: Text, Doc: "the analysis's name (obs qca --save NAME)"},
	{Name: "outcome", Type: Text, Doc: "the outcome explained (~NAME for its absence)"},
	{Name: "row", Type: Count, Doc: "the row's number as QCA numbers it: the configuration read as a binary number, first condition most significant, plus one"},
	{Name: "configuration", Type: Text, Doc: "the configuration in the field's notation, e.g. DEV*~URB*LIT"},
	{Name: "out", Type: Text, Doc: "the outcome value: 1 (passes the cuts), 0, or ? (a remainder: fewer cases than the n cut)"},
	{Name: "n", Type: Count, Doc: "cases with membership above 0.5 in the configuration"},
	{Name: "incl", Type: Number, Doc: "consistency of the configuration as sufficient for the outcome (NULL with no case)"},
	{Name: "pri", Type: Number, Doc: "proportional reduction in inconsistency (NULL with no case)"},
	{Name: "cases", Type: Text, Doc: "the cases in the configuration, comma-separated"},
}}

// QCASolutions holds every term of every model of every solution, and each
// model's own fit (term "(solution)").
var QCASolutions = &Table{Name: "qca_solutions", Doc: "one row per analysis, solution, model and term, and one per model with term (solution)", Columns: []Column{
	{Name: "qca_term_id", Type: Text, Doc: "analysis/solution/model/term"},
	{Name: "analysis", Type: Text, Doc: "the analysis's name"},
	{Name: "outcome", Type: Text, Doc: "the outcome explained"},
	{Name: "solution", Type: Text, Doc: "conservative, parsimonious or intermediate"},
	{Name: "model", Type: Text, Doc: "M1, M2, ... (an intermediate solution from several charts: C1P1 M1, ...)"},
	{Name: "expression", Type: Text, Doc: "the whole model, terms joined by +"},
	{Name: "term", Type: Text, Doc: "the term (conditions joined by *, ~ for absence), or (solution) for the model's own fit"},
	{Name: "essential", Type: Bool, Doc: "the term is in every model of the solution"},
	{Name: "incl_s", Type: Number, Doc: "consistency of sufficiency (inclS)"},
	{Name: "pri", Type: Number, Doc: "proportional reduction in inconsistency (PRI)"},
	{Name: "cov_s", Type: Number, Doc: "coverage (covS)"},
	{Name: "cov_u", Type: Number, Doc: "unique coverage within the model (covU; NULL for a model's only term and for (solution))"},
	{Name: "cases", Type: Text, Doc: "the cases of the positive truth-table rows the term covers, a group a row (FI,IE; FR,SE)"},
}}

// QCANecessity tests each condition, its negation and named expressions for
// necessity.
var QCANecessity = &Table{Name: "qca_necessity", Doc: "one row per analysis and expression tested for necessity", Columns: []Column{
	{Name: "qca_necessity_id", Type: Text, Doc: "analysis/expression"},
	{Name: "analysis", Type: Text, Doc: "the analysis's name"},
	{Name: "outcome", Type: Text, Doc: "the outcome"},
	{Name: "expression", Type: Text, Doc: "the condition, its negation (~), or a named disjunction (A + B)"},
	{Name: "incl_n", Type: Number, Doc: "consistency of necessity (inclN)"},
	{Name: "ron", Type: Number, Doc: "relevance of necessity (RoN)"},
	{Name: "cov_n", Type: Number, Doc: "coverage of necessity (covN)"},
}}

// QCASettings records what produced each analysis.
var QCASettings = &Table{Name: "qca_settings", Doc: "the settings of each stored QCA analysis", Columns: []Column{
	{Name: "qca_setting_id", Type: Text, Doc: "analysis/key"},
	{Name: "analysis", Type: Text, Doc: "the analysis's name"},
	{Name: "key", Type: Text, Doc: "setting (data, outcome, conditions, incl_cut, pri_cut, n_cut, dir_exp, calibrate NAME, logodds, run_at...)"},
	{Name: "value", Type: Text, Doc: "its value"},
}}

// QCATables are the tables 'obs qca --save' writes.
var QCATables = []*Table{QCATruthTable, QCASolutions, QCANecessity, QCASettings}
