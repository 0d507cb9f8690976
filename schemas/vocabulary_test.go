package schemas

import "testing"

func TestVocabulary(t *testing.T) {
	if got, want := ResidentDefChoices(), "R1 (lives here), R2 (lives here, no other hat) or R3 (broad)"; got != want {
		t.Errorf("ResidentDefChoices() = %q, want %q", got, want)
	}
	for id, want := range map[string]string{"R1": "lives here", "R3": "broad", "r1": "", "-": "", "": ""} {
		r := ResidentDefByID(id)
		if (r == nil) != (want == "") || r != nil && r.Name != want {
			t.Errorf("ResidentDefByID(%q) = %v, want %q", id, r, want)
		}
	}
	for m, want := range map[int]string{1: "partnership as executive", 2: "dispersed working groups", 3: "enabling", 0: "model 0", 4: "model 4"} {
		if got := ModelName(m); got != want {
			t.Errorf("ModelName(%d) = %q, want %q", m, got, want)
		}
	}
	if got, want := ModelList("m"), "m1 partnership as executive, m2 dispersed working groups, m3 enabling"; got != want {
		t.Errorf("ModelList(m) = %q, want %q", got, want)
	}
	for i, m := range Models {
		if m.Number != i+1 || m.Description == "" {
			t.Errorf("model %d: %+v", i+1, m)
		}
	}
	for _, r := range ResidentDefs {
		if r.Description == "" {
			t.Errorf("%s has no description", r.ID)
		}
	}
}
