// The action subcommands for scripts (`rollouts-tui promote NAME`, ...):
// read the rollout and its ReplicaSets, plan, then send without asking.
// Refusals and failures exit non-zero with one line; success prints the
// plugin's words ("rollout 'x' promoted").
import type {KubeConfig} from '../kube/client.js';
import {CustomObjectsApi} from '../kube/client-api.js';
import {kindInfo} from '../domain/kinds.js';
import {toRollout} from '../domain/normalise.js';
import type {ReplicaSet, Rollout} from '../domain/raw.js';
import {executePlan, ROLLOUTS} from './execute.js';
import {describeFailure, type Failure} from './failure.js';
import {isRefusal, planAction, refusalText, type ActionName} from './plan.js';

export interface ActionCommandArgs {
	action: ActionName;
	name: string;
	namespace: string;
	kc: KubeConfig;
	/** promote --full: same as action 'promote-full'. */
	full?: boolean;
	toRevision?: number;
}

export interface CommandOutcome {
	exitCode: number;
	output: string;
}

/** "app=demo,tier=web" from spec.selector.matchLabels (matchExpressions are not modelled). */
export function labelSelectorOf(rollout: Rollout): string {
	return Object.entries(toRollout(rollout).matchLabels)
		.map(([key, value]) => `${key}=${value}`)
		.join(',');
}

export interface ActionInputs {
	rollout: Rollout;
	/** The namespace's ReplicaSets matching the rollout's selector; [] if they could not be listed. */
	replicaSets: ReplicaSet[];
	/** Why listing the ReplicaSets failed, if it did (only undo cannot do without them). */
	replicaSetsFailure: Failure | null;
}

/** GETs the rollout and lists its ReplicaSets: what planAction needs. */
export async function readActionInputs(kc: KubeConfig, namespace: string, name: string): Promise<ActionInputs | Failure> {
	const api = kc.makeApiClient(CustomObjectsApi);
	const server = kc.getCurrentCluster()?.server;
	let rollout: Rollout;
	try {
		rollout = (await api.getNamespacedCustomObject({...ROLLOUTS, namespace, name})) as Rollout;
	} catch (error) {
		return describeFailure(error, {verb: 'get', resource: 'rollouts', namespace, name, server});
	}
	try {
		return {rollout, replicaSets: await listReplicaSets(api, namespace, labelSelectorOf(rollout)), replicaSetsFailure: null};
	} catch (error) {
		const failure = describeFailure(error, {verb: 'list', resource: 'replicasets', namespace, server});
		return {rollout, replicaSets: [], replicaSetsFailure: failure};
	}
}

/** Read-plan-send rounds before a conflict is reported to the script. */
const COMMAND_ATTEMPTS = 3;

export async function runActionCommand(argv: ActionCommandArgs): Promise<CommandOutcome> {
	const action: ActionName = argv.action === 'promote' && argv.full ? 'promote-full' : argv.action;
	for (let attempt = 1; ; attempt++) {
		const inputs = await readActionInputs(argv.kc, argv.namespace, argv.name);
		if ('kind' in inputs) return {exitCode: 1, output: inputs.message};
		// Only undo needs the ReplicaSets; the other actions only use them for wording.
		if (action === 'undo' && inputs.replicaSetsFailure) return {exitCode: 1, output: inputs.replicaSetsFailure.message};

		const opts = argv.toRevision !== undefined ? {toRevision: argv.toRevision} : {};
		const plan = planAction(action, inputs.rollout, inputs.replicaSets, opts);
		if (isRefusal(plan)) return {exitCode: 1, output: refusalText(plan)};

		const result = await executePlan(argv.kc, plan);
		// A script has no "version it looked at": when the controller wrote in the
		// milliseconds between our GET and PATCH, read and plan again (the plan,
		// refusals included, is always made on the version it is applied to).
		if (!result.ok && result.kind === 'conflict' && attempt < COMMAND_ATTEMPTS) continue;
		return {exitCode: result.ok ? 0 : 1, output: result.message};
	}
}

// ReplicaSets through the generic object API: it returns the API server's
// plain JSON (RFC 3339 strings, every field kept), the shape domain/raw.ts
// declares; undo copies a ReplicaSet's template verbatim into the rollout.
async function listReplicaSets(api: CustomObjectsApi, namespace: string, labelSelector: string): Promise<ReplicaSet[]> {
	const kind = kindInfo('replicasets');
	const list = (await api.listNamespacedCustomObject({
		group: kind.group,
		version: kind.version,
		plural: kind.resource,
		namespace,
		...(labelSelector ? {labelSelector} : {}),
	})) as {items?: ReplicaSet[]};
	return list.items ?? [];
}
