package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "names", Args: "[remove PSEUDONYM]",
		Summary: "how many people's names obs knows to replace in text; remove a word registered as a name by mistake",
		Help: func() string {
			return "obs remembers the names it has met, to replace them in excerpts and notes loaded later, in a register\n" +
				"beside the pseudonym key. The register holds no name in clear, only keyed hashes. A word taken for a\n" +
				"name by mistake (a place, a group) shows as [P-...] in text: 'obs names remove P-...' forgets it, and\n" +
				"obs then never takes it for a name again. Rows loaded before keep their text as it was stored.\n"
		},
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file (kept outside the database; $OBS_KEY)")
			return func(args []string) error {
				switch {
				case len(args) == 0:
				case len(args) == 2 && args[0] == "remove":
				case len(args) >= 1 && args[0] == "remove":
					return usageErr("name one pseudonym to remove, as it shows in text: obs names remove P-1a2b3c4d5e")
				default:
					return usageErr("names takes no arguments but 'remove PSEUDONYM', not %q", args[0])
				}
				kr, err := openKey(env, *key)
				if err != nil {
					return err
				}
				if len(args) == 2 {
					if err := kr.Remove(args[1]); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s is no longer taken for a name: obs will not replace it in text loaded from now on, nor register it again.\n", args[1])
				}
				fmt.Fprintf(env.Stdout, "obs knows %s to replace in text (kept as keyed hashes, never in clear, beside the key %s).\n",
					tabular.Plural(kr.Known(), "name"), *key)
				return nil
			}
		},
	})
}

// openKey opens the pseudonym key, saying so when it converted a name
// register an older obs wrote in clear.
func openKey(env *Env, path string) (*privacy.Keyring, error) {
	kr, err := privacy.Open(path)
	if err != nil {
		return nil, err
	}
	noteMigrated(env.Stderr, kr)
	return kr, nil
}

func noteMigrated(w io.Writer, kr *privacy.Keyring) {
	if kr.Migrated > 0 {
		fmt.Fprintf(w, "obs: the name register beside the key held %s in clear (written by an older obs); it now holds them as keyed hashes only, and obs knows %s (software, accounts and roles are no names).\n",
			tabular.Plural(kr.Migrated, "name"), tabular.Plural(kr.Known(), "name"))
	}
}
