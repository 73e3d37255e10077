// Flags -> source (cluster or file) -> mode (interactive, print once, or an
// action subcommand). Every expected failure is a UserError: one line on
// stderr and a non-zero exit, never a stack trace.
import meow from 'meow';
import {UserError} from './errors.js';
import {packageInfo} from './usage.js';
import {sanitize, sanitizeMultiline} from './terminal/sanitize.js';
import type {ActionName} from './actions/plan.js';
import {ACTION_COMMANDS, MANUAL_COMMANDS, type ManualCommand} from './commands.js';

const FLAGS = {
	namespace: {type: 'string', shortFlag: 'n'},
	allNamespaces: {type: 'boolean', shortFlag: 'A', default: false},
	context: {type: 'string'},
	kubeconfig: {type: 'string'},
	file: {type: 'string', shortFlag: 'f'},
	output: {type: 'string', shortFlag: 'o'},
	readonly: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	full: {type: 'boolean', default: false},
	toRevision: {type: 'number'},
	traffic: {type: 'boolean', default: false},
	switches: {type: 'string'},
} as const;

// Every spelling meow may hand back for our flags: camelCase, kebab-case and short.
const KNOWN_FLAGS = new Set([
	'help',
	'version',
	...Object.entries(FLAGS).flatMap(([name, flag]) => [
		name,
		name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`),
		...('shortFlag' in flag ? [flag.shortFlag] : []),
	]),
]);

/** meow reads the "-" of `--file -` as an argument of its own, leaving --file empty; keep it with its flag. */
function keepStdinFile(argv: string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--') return [...out, ...argv.slice(i)];
		if ((argv[i] === '--file' || argv[i] === '-f') && argv[i + 1] === '-') {
			out.push('--file=-');
			i++;
		} else out.push(argv[i]!);
	}
	return out;
}

const parseFlags = (argv: string[]) =>
	meow({
		importMeta: import.meta,
		// --help and --version are answered in usage.ts, so meow needs no package.json,
		// only the name it gives the process (`ps`, `pkill rollouts-tui`).
		pkg: {name: packageInfo().name},
		autoHelp: false,
		autoVersion: false,
		argv: keepStdinFile(argv),
		// We report unknown flags ourselves, in the same one-line style as every other error.
		allowUnknownFlags: true,
		flags: FLAGS,
	});

export async function main(argv: string[]): Promise<number> {
	let cli: ReturnType<typeof parseFlags>;
	try {
		cli = parseFlags(argv);
	} catch (error) {
		// meow throws for what it cannot take (a repeated flag, a bad number): one line, not a stack trace.
		process.stderr.write(`rollouts-tui: ${sanitize(error instanceof Error ? error.message.split('\n')[0]! : String(error))} (see --help)\n`);
		return 2;
	}
	const {flags, input} = cli;
	try {
		// `probe` has its own flag table (kube/probe*.ts, probe-command.ts).
		if (input[0] === 'probe') return await (await import('./probe-command.js')).runProbeCommand(argv.filter((arg, i) => i !== argv.indexOf('probe')));
		// Hand-made blue-green (switch, scale-down, scale-up, convert) also has its own flags (manual-command.ts).
		if ((MANUAL_COMMANDS as readonly string[]).includes(input[0] ?? '')) {
			const {runManualCommand} = await import('./manual-command.js');
			return await runManualCommand(input[0] as ManualCommand, argv.filter((arg, i) => i !== argv.indexOf(input[0]!)));
		}
		const unknown = Object.keys(cli.unnormalizedFlags).filter(name => !KNOWN_FLAGS.has(name));
		if (unknown.length > 0) {
			const shown = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ');
			throw new UserError(`unknown flag ${shown} (see --help)`, 2);
		}
		if (flags.output !== undefined && flags.output !== 'text' && flags.output !== 'json') {
			throw new UserError(`--output must be text or json, not "${flags.output}"`, 2);
		}
		const first = input[0];
		if (first && (ACTION_COMMANDS as readonly string[]).includes(first)) {
			return await runActionSubcommand(first as (typeof ACTION_COMMANDS)[number], input.slice(1), flags);
		}
		if (input.length > 1) throw new UserError(`expected at most one ROLLOUT name, got ${input.length} (${input.join(' ')})`);
		if (flags.allNamespaces && flags.namespace) throw new UserError('use either --namespace or --all-namespaces, not both');
		if (flags.toRevision !== undefined || flags.full) throw new UserError('--full and --to-revision belong to the promote and undo commands');
		if (flags.traffic && !first) throw new UserError('--traffic needs a ROLLOUT name (it opens that rollout with the traffic panel)', 2);
		if (flags.traffic && flags.file) throw new UserError('--traffic needs a cluster: a --file has no Services to probe', 2);
		const {openSource} = await import('./open-source.js');
		const {loadSwitchOverrides} = await import('./kube/switch-overrides.js');
		const overrides = loadSwitchOverrides(flags.switches);
		const opened = await openSource({...flags, rollout: first});
		const interactive = !flags.output && process.stdout.isTTY && process.stdin.isTTY;
		if (!interactive) {
			const {printOnce} = await import('./print/print-once.js');
			const color = flags.color && process.env['FORCE_COLOR'] !== '0' && Boolean(process.stdout.isTTY);
			return await printOnce(opened, {format: flags.output === 'json' ? 'json' : 'text', color, rollout: first, overrides});
		}
		// Ink draws nothing live when CI/CONTINUOUS_INTEGRATION is set; both ends are terminals here,
		// so the person in front of them gets the live screen whatever their environment says.
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
		const {runInteractive} = await import('./ui/run.js');
		return await runInteractive(opened, {readonly: flags.readonly, rollout: first, traffic: flags.traffic, overrides});
	} catch (error) {
		if (error instanceof UserError) {
			process.stderr.write(`rollouts-tui: ${sanitize(error.message, 2048)}\n`);
			return error.exitCode;
		}
		throw error;
	}
}

async function runActionSubcommand(
	command: (typeof ACTION_COMMANDS)[number],
	rest: string[],
	flags: {namespace?: string; context?: string; kubeconfig?: string; full: boolean; toRevision?: number; readonly: boolean; file?: string},
): Promise<number> {
	if (rest.length !== 1) throw new UserError(`usage: rollouts-tui ${command} NAME${command === 'undo' ? ' [--to-revision N]' : command === 'promote' ? ' [--full]' : ''}`);
	if (flags.readonly) throw new UserError(`--readonly: refusing to ${command}`);
	if (flags.file !== undefined) throw new UserError(`${command} needs a cluster; --file is read-only`);
	if (flags.full && command !== 'promote') throw new UserError('--full only applies to promote');
	if (flags.toRevision !== undefined && command !== 'undo') throw new UserError('--to-revision only applies to undo');
	if (flags.toRevision !== undefined && !(Number.isInteger(flags.toRevision) && flags.toRevision >= 0)) {
		throw new UserError('--to-revision must be a revision number (0 or more)', 2);
	}
	const {loadKubeConfig} = await import('./kube/config.js');
	const {runActionCommand} = await import('./actions/command.js');
	const loaded = loadKubeConfig({kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace});
	const action: ActionName = command === 'promote' && flags.full ? 'promote-full' : command;
	const result = await runActionCommand({
		action,
		name: rest[0]!,
		namespace: loaded.namespace,
		kc: loaded.kc,
		full: flags.full,
		toRevision: flags.toRevision,
	});
	const output = sanitizeMultiline(result.output.replace(/\n$/, ''));
	(result.exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
	return result.exitCode;
}
