// Flags -> source (cluster or file) -> mode (interactive, print once, or an
// action subcommand). Every expected failure is a UserError: one line on
// stderr and a non-zero exit, never a stack trace.
import {UserError} from './errors.js';
import {firstWord, parseFlags, type Flags} from './flags.js';
import {packageInfo} from './usage.js';
import {sanitize, sanitizeMultiline} from './terminal/sanitize.js';
import type {ActionName} from './actions/plan.js';

const ACTION_COMMANDS = ['promote', 'abort', 'retry', 'undo', 'restart', 'pause'] as const;

export async function main(argv: string[]): Promise<number> {
	// meow did this before; `ps` and `pkill rollouts-tui` find the process by it.
	process.title = packageInfo().name;
	try {
		// `probe` has its own flag table (kube/probe*.ts, probe-command.ts).
		if (firstWord(argv) === 'probe') return await (await import('./probe-command.js')).runProbeCommand(argv.filter((arg, i) => i !== argv.indexOf('probe')));
		const {flags, input} = parseFlags(argv);
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
		const {openSource} = await import('./open-source.js');
		const opened = await openSource({...flags, rollout: first});
		const interactive = !flags.output && process.stdout.isTTY && process.stdin.isTTY;
		if (!interactive) {
			const {printOnce} = await import('./print/print-once.js');
			const color = flags.color && process.env['FORCE_COLOR'] !== '0' && Boolean(process.stdout.isTTY);
			return await printOnce(opened, {format: flags.output === 'json' ? 'json' : 'text', color, rollout: first});
		}
		// Ink draws nothing live when CI/CONTINUOUS_INTEGRATION is set; both ends are terminals here,
		// so the person in front of them gets the live screen whatever their environment says.
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
		const {runInteractive} = await import('./ui/run.js');
		return await runInteractive(opened, {readonly: flags.readonly, rollout: first});
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
	flags: Flags,
): Promise<number> {
	if (rest.length !== 1) throw new UserError(`usage: rollouts-tui ${command} NAME${command === 'undo' ? ' [--to-revision N]' : command === 'promote' ? ' [--full]' : ''}`);
	if (flags.readonly) throw new UserError(`--readonly: refusing to ${command}`);
	if (flags.file !== undefined) throw new UserError(`${command} needs a cluster; --file is read-only`);
	if (flags.full && command !== 'promote') throw new UserError('--full only applies to promote');
	if (flags.toRevision !== undefined && command !== 'undo') throw new UserError('--to-revision only applies to undo');
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
