// --help and --version: answered from here before anything else loads
// (source/cli.ts), so they cost no more than starting Node.
import fs from 'node:fs';
import {keysHelpText} from './ui/keymap.js';

// Set by scripts/bundle.mjs, so the bundled file needs no package.json beside it;
// undefined when the sources run directly (tests, tsx).
declare const BUNDLED_PACKAGE: PackageInfo | undefined;

interface PackageInfo {
	name: string;
	version: string;
	description: string;
}

const HELP = `
  Usage
    $ rollouts-tui [ROLLOUT]                  watch rollouts live (interactive)
    $ rollouts-tui [ROLLOUT] -o text|json     print once and exit
    $ rollouts-tui promote NAME [--full]      promote (resume / next step / all steps)
    $ rollouts-tui abort|retry|restart|pause NAME
    $ rollouts-tui undo NAME [--to-revision N]
    $ rollouts-tui probe NAME [--service active|preview] [--count N] [--rate R] [--expect V] [-o json]
                                              requests through the API server's service proxy: who answers
    $ rollouts-tui switch INGRESS [--to SERVICE] [--host HOST]
                                              hand-made blue-green: point the Ingress rule at the idle Service
    $ rollouts-tui scale-down DEPLOYMENT      scale an idle Deployment to 0, recording its count
    $ rollouts-tui scale-up DEPLOYMENT [--replicas N]
                                              scale it back up (to the recorded count by default)
    $ rollouts-tui convert DEPLOYMENT --active-service SVC [--preview-service SVC] [--workload-ref]
                                              print an equivalent blue-green Rollout (YAML), writes nothing

  Options
    -n, --namespace NS      namespace (default: the context's namespace)
    -A, --all-namespaces    every namespace
        --context NAME      kubeconfig context to use
        --kubeconfig PATH   kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
    -f, --file PATH         read objects from a YAML/JSON file instead of a cluster (- = stdin)
    -o, --output FORMAT     text or json: print once and exit (default when stdout is not a terminal)
        --readonly          disable every action key
        --traffic           open ROLLOUT with the traffic panel on (t toggles it)
        --no-color          no colours (also NO_COLOR=1)
        --full              promote: skip all remaining steps (promote-full)
        --to-revision N     undo: the revision to go back to (default: the previous one)
        --switches FILE     declare hand-made blue-green families the detection misses (README)
        --version           print the version
        --help              print this help

  Keys (interactive; ? shows them in the app)
${keysHelpText()}
    Every action asks for confirmation first; --readonly removes them.

  Examples
    $ rollouts-tui --file examples/bluegreen-paused.yaml
    $ rollouts-tui -n shop bluegreen-demo
    $ rollouts-tui -A -o json | jq '.rollouts[] | select(.status=="Paused") | .name'
`;

export function packageInfo(): PackageInfo {
	if (typeof BUNDLED_PACKAGE !== 'undefined') return BUNDLED_PACKAGE;
	return JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageInfo;
}

/** What --help or --version print when given alone (as before: any other argument turns them off); otherwise null. */
export function usageOutput(argv: readonly string[]): string | null {
	if (argv.length !== 1) return null;
	if (argv[0] === '--version') return `${packageInfo().version}\n`;
	if (argv[0] === '--help') return `\n  ${packageInfo().description}\n${HELP}\n`;
	return null;
}
