// The hand-made blue-green subcommands for scripts:
//   rollouts-tui switch INGRESS [--to SERVICE] [--host HOST]
//   rollouts-tui scale-down DEPLOYMENT
//   rollouts-tui scale-up DEPLOYMENT [--replicas N]
//   rollouts-tui convert DEPLOYMENT --active-service SVC [--preview-service SVC] [--workload-ref]
// Each reads the namespace, plans (model/ingress-switch.ts, actions/manual-plan.ts)
// and sends without asking; refusals and failures exit 1 with one line.
import type {KubeConfig} from '@kubernetes/client-node';
import {UserError} from './errors.js';
import {parseSubcommandFlags} from './subcommand-flags.js';
import {refusalText} from './actions/plan.js';
import {isManualRefusal, planScaleDown, planScaleUp, planSwitch, type ManualPlan, type ManualRefusal} from './actions/manual-plan.js';
import {ingressSwitches, type SwitchOverride} from './model/ingress-switch.js';
import {sanitizeMultiline} from './terminal/sanitize.js';
import type {ManualSets} from './kube/manual-read.js';
import type {ManualCommand} from './commands.js';

const USAGE: Record<ManualCommand, string> = {
	switch: 'usage: rollouts-tui switch INGRESS [--to SERVICE] [--host HOST] [--switches FILE]',
	'scale-down': 'usage: rollouts-tui scale-down DEPLOYMENT [--switches FILE]',
	'scale-up': 'usage: rollouts-tui scale-up DEPLOYMENT [--replicas N]',
	convert: 'usage: rollouts-tui convert DEPLOYMENT --active-service SVC [--preview-service SVC] [--workload-ref] [--name NAME]',
};

const OPTIONS = {
	namespace: {type: 'string', short: 'n'},
	context: {type: 'string'},
	kubeconfig: {type: 'string'},
	readonly: {type: 'boolean'},
	'no-color': {type: 'boolean'},
	switches: {type: 'string'},
	to: {type: 'string'},
	host: {type: 'string'},
	replicas: {type: 'string'},
	'active-service': {type: 'string'},
	'preview-service': {type: 'string'},
	'workload-ref': {type: 'boolean'},
	name: {type: 'string'},
} as const;

/** Which flags belong to which command (the shared ones to all). */
const OWN: Record<ManualCommand, ReadonlyArray<keyof typeof OPTIONS>> = {
	switch: ['to', 'host', 'switches'],
	'scale-down': ['switches'],
	'scale-up': ['replicas'],
	convert: ['active-service', 'preview-service', 'workload-ref', 'name'],
};
const SHARED = ['namespace', 'context', 'kubeconfig', 'readonly', 'no-color'];

export function parseManualArgs(command: ManualCommand, argv: string[]) {
	const parsed = parseSubcommandFlags(argv, OPTIONS, command, USAGE[command]);
	const {values, positionals} = parsed;
	for (const flag of Object.keys(values)) {
		if (!SHARED.includes(flag) && !OWN[command].includes(flag as keyof typeof OPTIONS)) throw new UserError(`--${flag} does not apply to ${command} (${USAGE[command]})`, 2);
	}
	if (positionals.length !== 1) throw new UserError(USAGE[command], 2);
	let replicas: number | undefined;
	if (values.replicas !== undefined) {
		replicas = /^\d+$/.test(values.replicas) ? Number(values.replicas) : Number.NaN;
		if (!Number.isSafeInteger(replicas) || replicas < 1) throw new UserError(`--replicas must be a whole number from 1, not "${values.replicas}"`, 2);
	}
	return {name: positionals[0]!, values, replicas};
}

type Parsed = ReturnType<typeof parseManualArgs>;

/** The plan for a command on the namespace's objects, or why not (a refusal, or a UserError for a missing object). */
export function planManual(command: Exclude<ManualCommand, 'convert'>, args: Parsed, sets: ManualSets, namespace: string, overrides: readonly SwitchOverride[]): ManualPlan | ManualRefusal {
	const switches = ingressSwitches(sets, overrides).filter((s) => s.namespace === namespace);
	if (command === 'switch') {
		if (!sets.ingresses.some((i) => i.meta.name === args.name)) throw new UserError(`ingress '${args.name}' not found in namespace ${namespace}`);
		const mine = switches.filter((s) => s.ingress === args.name && (args.values.host === undefined || s.host === args.values.host));
		if (mine.length === 0) {
			const host = args.values.host ? ` for host ${args.values.host}` : '';
			throw new UserError(`ingress '${args.name}' has no blue-green switch${host}: no rule's backend Service selects a Deployment with an idle sibling (see README "Blue-green without Argo"; --switches declares one)`);
		}
		if (mine.length > 1 && args.values.to === undefined) {
			throw new UserError(`ingress '${args.name}' switches ${mine.length} rules (${mine.map((s) => `${s.host}${s.path}`).join(', ')}): choose one with --host`);
		}
		// With --to, the rule whose idle side it names (every rule when several do, first one planned).
		const sw = mine.find((s) => args.values.to === undefined || s.idle.some((i) => i.service === args.values.to)) ?? mine[0]!;
		return planSwitch(sw, args.values.to);
	}
	const d = sets.deployments.find((x) => x.meta.name === args.name);
	if (!d) throw new UserError(`deployment '${args.name}' not found in namespace ${namespace}`);
	return command === 'scale-down' ? planScaleDown(d, switches) : planScaleUp(d, args.replicas);
}

/** Read-plan-send rounds: the deployment controller writes status all the time, a script has no "version it looked at". */
const ATTEMPTS = 3;

async function runWrite(command: Exclude<ManualCommand, 'convert'>, args: Parsed, kc: KubeConfig, namespace: string): Promise<string> {
	const {readManualSets} = await import('./kube/manual-read.js');
	const {loadSwitchOverrides} = await import('./kube/switch-overrides.js');
	const {executeManualPlan} = await import('./actions/manual-execute.js');
	const overrides = loadSwitchOverrides(args.values.switches);
	for (let attempt = 1; ; attempt++) {
		const sets = await readManualSets(kc, namespace);
		if ('kind' in sets) throw new UserError(sets.message);
		const plan = planManual(command, args, sets, namespace, overrides);
		if (isManualRefusal(plan)) throw new UserError(refusalText(plan));
		const result = await executeManualPlan(kc, plan);
		if (result.ok) return result.message;
		if (result.kind !== 'conflict' || attempt >= ATTEMPTS) throw new UserError(result.message);
	}
}

export async function runManualCommand(command: ManualCommand, argv: string[]): Promise<number> {
	const args = parseManualArgs(command, argv);
	if (args.values.readonly && command !== 'convert') throw new UserError(`--readonly: refusing to ${command}`);
	const {loadKubeConfig} = await import('./kube/config.js');
	const loaded = loadKubeConfig({kubeconfig: args.values.kubeconfig, context: args.values.context, namespace: args.values.namespace});
	let output: string;
	if (command === 'convert') {
		const {runConvert} = await import('./convert-command.js');
		output = await runConvert(args, loaded.kc, loaded.namespace);
		process.stdout.write(output);
		return 0;
	}
	output = await runWrite(command, args, loaded.kc, loaded.namespace);
	process.stdout.write(`${sanitizeMultiline(output)}\n`);
	return 0;
}
