// Sends a ManualPlan (switch, scale-down, scale-up): one conditional PATCH of
// an Ingress or a Deployment. A conflict (the object moved on since it was
// seen) writes nothing and says so; everything else is the shared wording.
import {CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig} from '@kubernetes/client-node';
import {kindInfo} from '../domain/kinds.js';
import {FIELD_MANAGER, type ActionResult} from './execute.js';
import {conflictMessage, describeFailure} from './failure.js';
import type {ManualPlan} from './manual-plan.js';

const api = (plan: ManualPlan) => {
	const kind = kindInfo(plan.target.resource);
	return {group: kind.group, version: kind.version, plural: kind.resource, namespace: plan.target.namespace, name: plan.target.name};
};

const resourceVersionOf = (object: unknown): string => {
	const rv = (object as {metadata?: {resourceVersion?: unknown}} | null)?.metadata?.resourceVersion;
	return typeof rv === 'string' ? rv : '';
};

export async function executeManualPlan(kc: KubeConfig, plan: ManualPlan): Promise<ActionResult> {
	const client = kc.makeApiClient(CustomObjectsApi);
	const server = kc.getCurrentCluster()?.server;
	const contentType = plan.patch.type === 'json' ? PatchStrategy.JsonPatch : PatchStrategy.MergePatch;
	try {
		const written = await client.patchNamespacedCustomObject(
			{...api(plan), body: plan.patch.body, fieldManager: FIELD_MANAGER},
			setHeaderOptions('Content-Type', contentType),
		);
		const resourceVersion = resourceVersionOf(written);
		return {ok: true, message: plan.done, ...(resourceVersion ? {resourceVersion} : {})};
	} catch (error) {
		const failure = describeFailure(error, {verb: 'patch', resource: plan.target.resource, namespace: plan.target.namespace, name: plan.target.name, server});
		const what = `${plan.target.kind} ${plan.target.name}`;
		if (failure.kind === 'conflict') return {ok: false, kind: 'conflict', message: conflictMessage(await currentVersion(client, plan), what)};
		// A failed `test` op is a bare 422: the version on the server tells whether the object moved on.
		if (failure.kind === 'invalid' && plan.patch.type === 'json' && plan.target.resourceVersion) {
			const now = await currentVersion(client, plan);
			if (now && now !== plan.target.resourceVersion) return {ok: false, kind: 'conflict', message: conflictMessage(now, what)};
		}
		return {ok: false, ...failure};
	}
}

async function currentVersion(client: CustomObjectsApi, plan: ManualPlan): Promise<string | null> {
	try {
		return resourceVersionOf(await client.getNamespacedCustomObject(api(plan))) || null;
	} catch {
		return null;
	}
}
