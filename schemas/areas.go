package schemas

// RefArea is a built-in reference area.
type RefArea struct {
	ID, Name, LocalAuthority, Region string
}

// OurBiggerStoryAreas are the fifteen areas the Our Bigger Story evaluation
// follows. A new database starts with them. No public source gives their
// populations; those come from an areas return.
var OurBiggerStoryAreas = []RefArea{
	{"barrowcliff", "Barrowcliff", "Scarborough", "Yorkshire and the Humber"},
	{"birchfield", "Birchfield", "Birmingham", "West Midlands"},
	{"blackpool-revoe", "Blackpool Revoe", "Blackpool", "North West"},
	{"bountagu", "Bountagu", "Enfield", "London"},
	{"catton-grove", "Catton Grove", "Norwich", "East of England"},
	{"grassland-hasmoor", "Grassland Hasmoor", "Chesterfield / North East Derbyshire", "East Midlands"},
	{"growing-together", "Growing Together", "Northampton", "East Midlands"},
	{"hanwell", "Hanwell", "Ealing", "London"},
	{"lawrence-weston", "Lawrence Weston", "Bristol", "South West"},
	{"north-northfleet", "North Northfleet", "Gravesham", "South East"},
	{"radstock-westfield", "Radstock and Westfield", "Bath and North East Somerset", "South West"},
	{"ramsey-million", "Ramsey Million", "Huntingdonshire", "East of England"},
	{"three-parishes", "Three Parishes", "Shropshire", "West Midlands"},
	{"westfield", "Westfield", "Sheffield", "Yorkshire and the Humber"},
	{"whitley-bay", "Whitley Bay", "North Tyneside", "North East"},
}
