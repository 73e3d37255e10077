// Sends an ActionPlan to the API server: one PATCH per step, in order, each
// conditional on the resourceVersion the previous one left (the first on
// the version the operator was looking at).
import type {KubeConfig} from '../kube/client.js';
import {CustomObjectsApi, PatchStrategy, setHeaderOptions} from '../kube/client-api.js';
import {kindInfo} from '../domain/kinds.js';
import {conditionalOn} from './conditional.js';
import {conflictMessage, describeFailure, type FailureKind} from './failure.js';
import {successMessage, type ActionPlan, type PatchStep} from './plan.js';

export type ActionResult =
	| {ok: true; message: string; /** the rollout's resourceVersion after the last PATCH */ resourceVersion?: string}
	| {ok: false; kind: FailureKind; message: string};

const rollouts = kindInfo('rollouts');
/** The rollouts resource, as CustomObjectsApi names it. */
export const ROLLOUTS = {group: rollouts.group, version: rollouts.version, plural: rollouts.resource} as const;

// client-node 1.4 picks application/json-patch+json for every patch unless
// told otherwise, so each step names its own Content-Type.
const CONTENT_TYPE: Record<PatchStep['type'], string> = {
	merge: PatchStrategy.MergePatch,
	json: PatchStrategy.JsonPatch,
};

/** The fieldManager recorded in managedFields, so audits show who wrote. */
export const FIELD_MANAGER = 'rollouts-tui';

async function sendPatch(api: CustomObjectsApi, plan: ActionPlan, step: PatchStep): Promise<unknown> {
	const request = {
		...ROLLOUTS,
		namespace: plan.rollout.namespace,
		name: plan.rollout.name,
		body: step.body,
		fieldManager: FIELD_MANAGER,
	};
	const options = setHeaderOptions('Content-Type', CONTENT_TYPE[step.type]);
	return step.subresource === 'status'
		? api.patchNamespacedCustomObjectStatus(request, options)
		: api.patchNamespacedCustomObject(request, options);
}

/** The two versions of an object: resourceVersion moves on every write, generation only on spec changes. */
interface Versions {
	resourceVersion: string;
	generation: number | null;
}

function versionsOf(object: unknown): Versions {
	const metadata = (object as {metadata?: {resourceVersion?: unknown; generation?: unknown}} | null)?.metadata;
	return {
		resourceVersion: typeof metadata?.resourceVersion === 'string' ? metadata.resourceVersion : '',
		generation: typeof metadata?.generation === 'number' ? metadata.generation : null,
	};
}

/** "status.pauseConditions" / "spec.paused" / "spec.template": what a step writes. */
export function describeStep(step: PatchStep): string {
	if (step.type === 'json') {
		const paths = (Array.isArray(step.body) ? step.body : [])
			.map((op: {path?: unknown}) => (typeof op?.path === 'string' ? op.path.slice(1).replaceAll('/', '.') : ''))
			.filter(Boolean);
		return paths.join(', ') || 'a JSON patch';
	}
	const body = (step.body ?? {}) as Record<string, unknown>;
	const fields: string[] = [];
	for (const top of ['spec', 'status']) {
		const part = body[top];
		if (part && typeof part === 'object') fields.push(...Object.keys(part).map((key) => `${top}.${key}`));
	}
	return fields.join(', ') || 'a merge patch';
}

/** The rollout's versions right now, or null if it cannot be read. */
async function currentVersions(api: CustomObjectsApi, plan: ActionPlan): Promise<Versions | null> {
	try {
		const object = await api.getNamespacedCustomObject({...ROLLOUTS, namespace: plan.rollout.namespace, name: plan.rollout.name});
		return versionsOf(object);
	} catch {
		return null;
	}
}

/** How often a later step is re-sent after the controller (not a person) moved the rollout on. */
const LATER_STEP_RETRIES = 3;

export async function executePlan(kc: KubeConfig, plan: ActionPlan): Promise<ActionResult> {
	const api = kc.makeApiClient(CustomObjectsApi);
	const server = kc.getCurrentCluster()?.server;
	// The first step is conditional on what the operator saw; each later one on
	// what the previous PATCH returned.
	let versions: Versions = {resourceVersion: plan.rollout.resourceVersion, generation: null};
	for (const [index, step] of plan.patches.entries()) {
		for (let attempt = 0; ; attempt++) {
			const expected = versions.resourceVersion;
			try {
				versions = versionsOf(await sendPatch(api, plan, conditionalOn(step, expected)));
				break;
			} catch (error) {
				let failure = describeFailure(error, {
					verb: 'patch',
					resource: step.subresource === 'status' ? 'rollouts/status' : 'rollouts',
					namespace: plan.rollout.namespace,
					name: plan.rollout.name,
					server,
				});
				let current: Versions | null = null;
				if (failure.kind === 'conflict') {
					current = await currentVersions(api, plan);
				} else if (failure.kind === 'invalid' && step.type === 'json' && expected) {
					// A failed `test` op comes back as a bare 422 ("the server rejected our
					// request ...") without details; the version on the server tells.
					current = await currentVersions(api, plan);
					if (current && current.resourceVersion !== expected) failure = {kind: 'conflict', message: ''};
				}
				if (index === 0) {
					return failure.kind === 'conflict'
						? {ok: false, kind: 'conflict', message: conflictMessage(current?.resourceVersion || null)}
						: {ok: false, ...failure};
				}
				// The controller answers our first PATCH by writing the status at once, so a
				// later step often meets a newer resourceVersion. Same generation means the
				// spec is still what the operator confirmed: re-send on the fresh version.
				if (
					failure.kind === 'conflict' &&
					attempt < LATER_STEP_RETRIES &&
					current?.resourceVersion &&
					versions.generation !== null &&
					current.generation === versions.generation
				) {
					versions = current;
					continue;
				}
				return partialFailure(plan, index, failure, current?.resourceVersion || null);
			}
		}
	}
	const result: ActionResult = {ok: true, message: successMessage(plan.action, plan.rollout.name)};
	if (versions.resourceVersion) result.resourceVersion = versions.resourceVersion;
	return result;
}

/** Earlier steps are already written: say exactly what was and was not. */
function partialFailure(
	plan: ActionPlan,
	index: number,
	failure: {kind: FailureKind; message: string},
	currentVersion: string | null,
): ActionResult {
	const written = plan.patches.slice(0, index).map(describeStep).join('; ');
	const missing = plan.patches.slice(index).map(describeStep).join('; ');
	const cause =
		failure.kind === 'conflict'
			? `the rollout was changed by someone else in between${currentVersion ? ` (now at resourceVersion ${currentVersion})` : ''}`
			: failure.message;
	return {
		ok: false,
		kind: failure.kind,
		message: `${plan.action} partly applied: ${written} written, but not ${missing} — ${cause}; review and try again`,
	};
}
