package schemas

// The kinds of return, as in the data contract (shared spec, returns.md).

var organisers = []string{"partnership", "working_group", "community_group", "agency", "worker"}

var kinds = []*Kind{
	AreasKind,
	{
		Name: "lto", Doc: "the area's Locally Trusted Organisation in a period",
		Sheets: []string{"lto", "locally trusted organisation"}, HasPeriod: true,
		Columns: []Column{
			{Name: "lto_name", Type: Text, Required: true, Aliases: []string{"lto", "organisation", "locally trusted organisation", "name"}, Doc: "the LTO's name"},
			{Name: "works_only_in_area", Type: Bool, Aliases: []string{"works only in area", "only works locally", "local only"}, Doc: "the LTO works only in this area"},
			{Name: "part_of_larger_org", Type: Bool, Aliases: []string{"part of larger organisation", "part of a larger organisation", "larger org"}, Doc: "the LTO is part of a larger organisation"},
			{Name: "staff", Type: Count, Aliases: []string{"employees", "staff count"}, Doc: "staff employed"},
			{Name: "resident_staff", Type: Count, Aliases: []string{"staff who are residents", "resident employees"}, Doc: "staff living in the area"},
			{Name: "trustees", Type: Count, Aliases: []string{"board members"}, Doc: "trustees"},
			{Name: "resident_trustees", Type: Count, Aliases: []string{"trustees who are residents"}, Doc: "trustees living in the area"},
		},
	},
	{
		Name: "partnership", Doc: "a member of the Big Local partnership in a period",
		Sheets: []string{"partnership", "partnership members", "members", "roster"}, HasPeriod: true,
		Columns: []Column{
			{Name: "member", Type: Person, Required: true, Aliases: []string{"name", "member name", "partnership member", "full name"}, Doc: "the member (pseudonym)"},
			{Name: "role", Type: Enum, Values: []string{"chair", "vice-chair", "treasurer", "member", "co-opted", "observer"}, Aliases: []string{"position"}, Doc: "role on the partnership"},
			{Name: "voting", Type: Bool, Aliases: []string{"voting member", "has vote"}, Doc: "has a vote"},
			{Name: "lives_in_area", Type: Bool, Aliases: []string{"lives in area", "resident", "lives locally", "lives in the area"}, Doc: "lives in the Big Local area"},
			{Name: "works_in_area", Type: Bool, Aliases: []string{"works in area", "works locally", "works in the area"}, Doc: "works in the area"},
			{Name: "councillor", Type: Bool, Aliases: []string{"elected member", "is councillor", "cllr"}, Doc: "is an elected councillor"},
			{Name: "agency_role", Type: Enum, Values: []string{"none", "council", "agency", "lto", "big_local", "unspecified"}, YesNo: [2]string{"unspecified", "none"}, Aliases: []string{"agency", "works for", "other hat", "professional role"},
				Doc: "works for the council, an agency, the LTO or Big Local itself (none if not); a return that answers yes or 1 is read as unspecified (another hat, not saying which, counted as one under R2), no or 0 as none, and blank as not known (counted as none)"},
			{Name: "joined_on", Type: Date, Aliases: []string{"joined", "date joined", "joined on", "start date"}, Doc: "date joined the partnership"},
			{Name: "left_on", Type: Date, Aliases: []string{"left", "date left", "left on", "end date"}, Doc: "date left the partnership"},
		},
	},
	{
		Name: "events", Doc: "an event or activity",
		Sheets: []string{"events", "activities", "event attendance", "attendance"}, PeriodFrom: "event_date",
		Columns: []Column{
			{Name: "event_date", Type: Date, Required: true, Aliases: []string{"date", "event date", "date of event"}, Doc: "when it happened"},
			{Name: "event", Type: Text, Required: true, Aliases: []string{"event name", "activity", "title", "name of event"}, Doc: "what it was"},
			{Name: "event_type", Type: Text, Aliases: []string{"type", "type of event", "category"}, Doc: "kind of event (capacity building, networking, fun day...)"},
			{Name: "organised_by", Type: Enum, Values: organisers, Aliases: []string{"organiser", "organized by", "run by"}, Doc: "who organised it"},
			{Name: "attendees", Type: Count, Aliases: []string{"attendance", "attended", "people attending", "number attending"}, Doc: "people attending"},
			{Name: "resident_attendees", Type: Count, Aliases: []string{"residents attending", "resident attendance", "local attendees", "residents"}, Doc: "attendees living in the area"},
			{Name: "new_attendees", Type: Count, Aliases: []string{"new people", "first time attendees", "new"}, Doc: "attendees new to Big Local activities"},
		},
	},
	{
		Name: "consultations", Doc: "a consultation",
		Sheets: []string{"consultations", "consultation"}, PeriodFrom: "start_date",
		Columns: []Column{
			{Name: "consultation", Type: Text, Required: true, Aliases: []string{"consultation name", "title", "subject"}, Doc: "what was consulted on"},
			{Name: "start_date", Type: Date, Required: true, Aliases: []string{"start", "opened", "date", "date opened"}, Doc: "when it opened"},
			{Name: "end_date", Type: Date, Aliases: []string{"end", "closed", "date closed"}, Doc: "when it closed"},
			{Name: "method", Type: Text, Aliases: []string{"how", "format"}, Doc: "survey, drop-in, door knocking..."},
			{Name: "responses", Type: Count, Aliases: []string{"responses received", "respondents", "replies"}, Doc: "responses received"},
			{Name: "resident_responses", Type: Count, Aliases: []string{"responses from residents", "resident respondents"}, Doc: "responses from residents"},
		},
	},
	{
		Name: "volunteering", Doc: "a volunteer's hours in a month, or a month's totals",
		Sheets: []string{"volunteering", "volunteers", "volunteer hours"}, PeriodFrom: "month",
		Columns: []Column{
			{Name: "month", Type: Month, Required: true, Aliases: []string{"date", "month of"}, Doc: "the month (first day)"},
			{Name: "volunteer", Type: Person, Aliases: []string{"name", "volunteer name"}, Doc: "the volunteer (pseudonym); empty on totals rows"},
			{Name: "activity", Type: Text, Aliases: []string{"role", "what"}, Doc: "what they did"},
			{Name: "hours", Type: Number, Aliases: []string{"hours volunteered", "volunteer hours", "hrs"}, Doc: "hours given"},
			{Name: "volunteers", Type: Count, Aliases: []string{"volunteer count", "headcount"}, Doc: "count of volunteers, on totals rows"},
			{Name: "resident", Type: Bool, Aliases: []string{"lives in area", "is resident"}, Doc: "the volunteer lives in the area"},
		},
	},
	{
		Name: "social_media", Doc: "one account's figures for one month",
		Sheets: []string{"social media", "social", "socials"}, PeriodFrom: "month",
		Columns: []Column{
			{Name: "platform", Type: Text, Required: true, Aliases: []string{"account", "channel", "site"}, Doc: "Facebook, X, Instagram..."},
			{Name: "month", Type: Month, Required: true, Aliases: []string{"date"}, Doc: "the month (first day)"},
			{Name: "followers", Type: Count, Aliases: []string{"follows", "likes of page", "page likes", "fans"}, Doc: "followers at month end"},
			{Name: "posts", Type: Count, Aliases: []string{"posts made"}, Doc: "posts made"},
			{Name: "reactions", Type: Count, Aliases: []string{"likes"}, Doc: "reactions to posts"},
			{Name: "comments", Type: Count, Aliases: []string{"replies"}, Doc: "comments on posts"},
			{Name: "shares", Type: Count, Aliases: []string{"retweets", "reposts"}, Doc: "shares"},
			{Name: "messages", Type: Count, Aliases: []string{"dms", "direct messages"}, Doc: "messages received"},
		},
	},
	{
		Name: "projects", Doc: "a project",
		Sheets: []string{"projects", "project list"}, PeriodFrom: "started",
		Columns: []Column{
			{Name: "project", Type: Text, Required: true, Aliases: []string{"project name", "name", "title"}, Doc: "the project"},
			{Name: "started", Type: Date, Required: true, Aliases: []string{"start date", "date started", "start"}, Doc: "when it started"},
			{Name: "theme", Type: Text, Aliases: []string{"theme area", "category", "priority"}, Doc: "plan theme"},
			{Name: "status", Type: Text, Aliases: []string{"state"}, Doc: "running, finished, stopped..."},
			{Name: "initiated_by", Type: Enum, Values: []string{"resident", "partnership", "working_group", "community_group", "agency", "worker"}, Aliases: []string{"initiator", "idea from", "started by"}, Doc: "whose idea it was"},
			{Name: "budget", Type: Money, Aliases: []string{"cost", "budget £", "amount"}, Doc: "budget in pounds"},
			{Name: "new", Type: Bool, Aliases: []string{"new project", "is new", "not pre-existing"}, Doc: "new, not pre-existing"},
			{Name: "became_independent", Type: Bool, Aliases: []string{"independent", "now independent", "spun out"}, Doc: "became independent of Big Local"},
		},
	},
	{
		Name: "working_groups", Doc: "a working group in a period",
		Sheets: []string{"working groups", "groups", "working group"}, HasPeriod: true,
		Columns: []Column{
			{Name: "group_name", Type: Text, Required: true, Aliases: []string{"group", "working group", "name"}, Doc: "the group"},
			{Name: "theme", Type: Text, Aliases: []string{"issue", "focus"}, Doc: "what it works on"},
			{Name: "members", Type: Count, Aliases: []string{"membership", "group members"}, Doc: "members"},
			{Name: "resident_members", Type: Count, Aliases: []string{"members who are residents", "residents"}, Doc: "members living in the area"},
			{Name: "non_partnership_members", Type: Count, Aliases: []string{"members not on partnership", "non partnership", "not on partnership"}, Doc: "members who are not on the partnership"},
			{Name: "decision_power", Type: Enum, Values: []string{"none", "advisory", "delegated"}, Aliases: []string{"decision making", "powers", "authority"}, Doc: "none, advisory or delegated"},
			{Name: "delegated_budget", Type: Money, Aliases: []string{"budget", "delegated budget £"}, Doc: "budget the group controls"},
			{Name: "constituted", Type: Bool, Aliases: []string{"is constituted", "constituted group"}, Doc: "constituted in its own right"},
		},
	},
	{
		Name: "decisions", Doc: "a spending or policy decision",
		Sheets: []string{"decisions", "decision log"}, PeriodFrom: "decision_date",
		Columns: []Column{
			{Name: "decision_date", Type: Date, Required: true, Aliases: []string{"date", "date of decision"}, Doc: "when it was made"},
			{Name: "decision", Type: Text, Required: true, Aliases: []string{"description", "what was decided", "item"}, Doc: "what was decided"},
			{Name: "made_by", Type: Enum, Values: []string{"partnership", "working_group", "worker", "lto", "grants_panel", "community_vote"}, Aliases: []string{"decided by", "decision maker", "who decided"}, Doc: "who decided"},
			{Name: "amount", Type: Money, Aliases: []string{"value", "amount £", "spend"}, Doc: "money committed"},
		},
	},
	{
		Name: "grants", Doc: "a small grant awarded",
		Sheets: []string{"grants", "small grants", "grants awarded"}, PeriodFrom: "award_date",
		Columns: []Column{
			{Name: "award_date", Type: Date, Required: true, Aliases: []string{"date", "date awarded", "awarded"}, Doc: "when it was awarded"},
			{Name: "recipient", Type: Text, Required: true, Aliases: []string{"group", "awarded to", "grantee", "organisation"}, Doc: "who received it (pseudonym when an individual)", PersonWhen: "recipient_type=individual"},
			{Name: "recipient_type", Type: Enum, Values: []string{"constituted_group", "informal_group", "individual", "organisation"}, Aliases: []string{"type", "type of recipient"}, Doc: "kind of recipient"},
			{Name: "amount", Type: Money, Aliases: []string{"grant", "value", "amount £"}, Doc: "amount in pounds"},
			{Name: "purpose", Type: Text, Aliases: []string{"what for", "description"}, Doc: "what it is for"},
		},
	},
	{
		Name: "support", Doc: "support gained from outside the partnership",
		Sheets: []string{"support", "external support", "outside support"}, PeriodFrom: "support_date",
		Columns: []Column{
			{Name: "support_date", Type: Date, Required: true, Aliases: []string{"date", "date received"}, Doc: "when it was gained"},
			{Name: "supporter", Type: Text, Required: true, Aliases: []string{"from", "organisation", "source"}, Doc: "who gave it (pseudonym when a councillor)", PersonWhen: "supporter_type=councillor"},
			{Name: "supporter_type", Type: Enum, Values: []string{"council", "councillor", "community_group", "agency", "business", "funder"}, Aliases: []string{"type of supporter", "supporter category"}, Doc: "kind of supporter"},
			{Name: "support_type", Type: Enum, Values: []string{"funding", "in_kind", "letter", "partnership", "match"}, Aliases: []string{"type of support", "support"}, Doc: "kind of support"},
			{Name: "value", Type: Money, Aliases: []string{"amount", "value £"}, Doc: "value in pounds"},
		},
	},
	{
		Name: "interview_codes", Doc: "one coded segment of an interview, focus group, observation or event note",
		Sheets: []string{"interview codes", "coded segments", "codings", "codes", "coding"}, PeriodFrom: "interview_date",
		Columns: []Column{
			// Aliases cover the coded-segment exports of NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette.
			{Name: "source", Type: Text, Required: true, Aliases: []string{"document", "document name", "file", "file name", "filename", "transcript", "source name", "files", "primary document", "doc"}, Doc: "the interview, focus group or note"},
			{Name: "code", Type: CodePath, Required: true, Aliases: []string{"code name", "node", "codename", "tag", "code system", "codes", "coding", "nodes"}, Doc: "the code, as a path (Leadership/Working groups)"},
			{Name: "source_type", Type: Text, Aliases: []string{"type", "document group", "source kind"}, Doc: "interview, focus group, observation, event note"},
			{Name: "participant", Type: Person, Aliases: []string{"speaker", "case", "interviewee", "respondent"}, Doc: "the participant (pseudonym)"},
			{Name: "participant_role", Type: Text, Aliases: []string{"role", "participant type"}, Doc: "resident, partnership member, worker..."},
			{Name: "interview_date", Type: Date, Aliases: []string{"date", "interview date", "created", "date created"}, Doc: "when it was recorded"},
			{Name: "excerpt", Type: Excerpt, Aliases: []string{"text", "segment", "quotation", "quote", "coded text", "content", "quotation content", "coded segment", "segment text", "selected text"}, Doc: "the coded text, names replaced by pseudonyms"},
			{Name: "coder", Type: Person, Aliases: []string{"coded by", "user", "author", "owner", "created by", "modified by"}, Doc: "who coded it (pseudonym)"},
			{Name: "segment_ref", Type: Text, Aliases: []string{"position", "reference", "segment id", "quotation id", "begin", "start"}, Doc: "where the segment is in its source (positions, or a media reference)"},
		},
	},
}

// AreasKind is the reference table of areas. Fifteen are built in; an areas
// return adds more and supplies populations.
var AreasKind = &Kind{
	Name: "areas", Doc: "an area (reference data)",
	Sheets: []string{"areas", "area list", "reference"}, Reference: true,
	Columns: []Column{
		{Name: "area_id", Type: Text, Required: true, Aliases: []string{"id", "area id", "code"}, Doc: "short id, e.g. birchfield"},
		{Name: "name", Type: Text, Required: true, Aliases: []string{"area name", "big local area"}, Doc: "the area's name"},
		{Name: "local_authority", Type: Text, Aliases: []string{"la", "council", "local authority"}, Doc: "local authority"},
		{Name: "region", Type: Text, Doc: "English region"},
		{Name: "population", Type: Count, Aliases: []string{"residents", "pop"}, Doc: "residents in the Big Local boundary"},
		{Name: "households", Type: Count, Aliases: []string{"homes", "dwellings"}, Doc: "households in the boundary"},
		{Name: "synthetic", Type: Bool, Aliases: []string{"is synthetic", "sample"}, Doc: "figures are synthetic (sample data)"},
	},
}
