package schemas

// Tables for REFI-QDA imports (.qdpx projects and .qdc codebooks). The coded
// segments themselves go to interview_codes like any other return; what is
// kept here is the code tree each project or codebook declares, so that the
// codebook mapping can be checked against the codes the evaluators actually
// use.

// QDACodes holds every code of every loaded project's codebook and of every
// loaded .qdc codebook, as a tree flattened into paths.
var QDACodes = &Table{Name: "qda_codes", Doc: "the code tree of each loaded REFI-QDA project (.qdpx) or codebook (.qdc)", Columns: []Column{
	{Name: "code_id", Type: Text, Doc: "load_id/guid"},
	{Name: "load_id", Type: Count, Doc: "the load (file) the code came from; see table loads"},
	{Name: "origin", Type: Text, Doc: "qdpx (the codebook inside a project) or qdc (a codebook file)"},
	{Name: "project", Type: Text, Doc: "the project's name as the software gave it, or the .qdc file's name"},
	{Name: "guid", Type: Text, Doc: "the code's GUID in the project (lower case, without braces)"},
	{Name: "path", Type: Text, Doc: "the code as a path from the top of the tree (Leadership/Working groups), as interview_codes.code holds it"},
	{Name: "name", Type: Text, Doc: "the code's own name"},
	{Name: "parent_guid", Type: Text, Doc: "the GUID of the code above it; NULL at the top of the tree"},
	{Name: "codable", Type: Bool, Doc: "false for folders that only group other codes"},
	{Name: "description", Type: Text, Doc: "the code's description (names replaced by pseudonyms)"},
}}

// QDATables lists the REFI-QDA tables; the store creates them with the
// pipeline's own tables.
var QDATables = []*Table{QDACodes}
