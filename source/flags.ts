// The command line -> flags and positional words, on node:util's parseArgs.
// (meow, used before, cost ~130 KB of bundle and ~20 ms of start-up
// initialising package.json and licence tables we never use.) Every mistake
// is a UserError line that names the flag.
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {UserError} from './errors.js';

export interface Flags {
	namespace?: string;
	allNamespaces: boolean;
	context?: string;
	kubeconfig?: string;
	file?: string;
	output?: string;
	readonly: boolean;
	color: boolean;
	full: boolean;
	toRevision?: number;
}

type Option = NonNullable<ParseArgsConfig['options']>[string];

// Long names, as --help shows them; each is also accepted in camelCase (--allNamespaces), as meow did.
const OPTIONS: Record<string, Option> = {
	namespace: {type: 'string', short: 'n'},
	'all-namespaces': {type: 'boolean', short: 'A'},
	context: {type: 'string'},
	kubeconfig: {type: 'string'},
	file: {type: 'string', short: 'f'},
	output: {type: 'string', short: 'o'},
	readonly: {type: 'boolean'},
	color: {type: 'boolean'},
	'no-color': {type: 'boolean'},
	full: {type: 'boolean'},
	'to-revision': {type: 'string'},
	// Answered before this runs when given alone (usage.ts); accepted, and ignored, next to others.
	help: {type: 'boolean'},
	version: {type: 'boolean'},
};

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const ALL_OPTIONS: Record<string, Option> = Object.fromEntries(
	Object.entries(OPTIONS).flatMap(([name, option]) => {
		const {short, ...withoutShort} = option;
		return camel(name) === name ? [[name, option]] : [[name, option], [camel(name), withoutShort]];
	}),
);

export function parseFlags(argv: string[]): {flags: Flags; input: string[]} {
	let parsed: ReturnType<typeof parseArgs<{args: string[]; options: typeof ALL_OPTIONS; allowPositionals: true; tokens: true}>>;
	try {
		parsed = parseArgs({args: argv, options: ALL_OPTIONS, allowPositionals: true, strict: true, tokens: true});
	} catch (error) {
		throw new UserError(flagError(error), 2);
	}
	const values = parsed.values as Record<string, string | boolean | undefined>;
	const value = (name: string) => values[name] ?? values[camel(name)];
	const string = (name: string) => value(name) as string | undefined;
	const flag = (name: string) => value(name) === true;
	const revision = string('to-revision');
	if (revision !== undefined && !/^\d+$/.test(revision)) {
		throw new UserError(`--to-revision must be a revision number, not "${revision}"`, 2);
	}
	// The last of --color / --no-color wins, as with any repeated flag.
	const colorChoice = parsed.tokens.filter((t) => t.kind === 'option' && /^(color|no-color|noColor)$/.test(t.name)).at(-1);
	return {
		flags: {
			namespace: string('namespace'),
			allNamespaces: flag('all-namespaces'),
			context: string('context'),
			kubeconfig: string('kubeconfig'),
			file: string('file'),
			output: string('output'),
			readonly: flag('readonly'),
			color: colorChoice?.kind !== 'option' || colorChoice.name === 'color',
			full: flag('full'),
			toRevision: revision === undefined ? undefined : Number(revision),
		},
		input: parsed.positionals,
	};
}

/** The first positional word, read leniently, so a subcommand with its own flags (probe) is found before the strict parse. */
export function firstWord(argv: string[]): string | undefined {
	return parseArgs({args: argv, options: ALL_OPTIONS, allowPositionals: true, strict: false}).positionals[0];
}

/** parseArgs' errors, as one line in our words. */
function flagError(error: unknown): string {
	const code = (error as {code?: string}).code;
	const message = error instanceof Error ? error.message : String(error);
	// Node quotes the flag: the user's word for an unknown one, "-o, --output <value>" for ours.
	const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? '';
	if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown flag ${quoted} (see --help)`;
	const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
	if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
		return /does not take an argument/.test(message) ? `${long} takes no value (see --help)` : `${long} needs a value (see --help)`;
	}
	return `${message.split('\n')[0]} (see --help)`;
}
