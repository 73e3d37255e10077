// spec.workloadRef: the Deployment a rollout takes its pod template from, as
// the plugin reads it (its containers are the rollout's containers).
import type {DeploymentObject} from '../domain/deployment.js';
import type {RolloutObject} from '../domain/rollout.js';
import type {WorkloadRefView} from './view.js';

export const deploymentKey = (namespace: string, name: string): string => `${namespace}/${name}`;

export function indexDeployments(deployments: readonly DeploymentObject[]): Map<string, DeploymentObject> {
	const map = new Map<string, DeploymentObject>();
	for (const d of deployments) if (d.meta.name !== '') map.set(deploymentKey(d.meta.namespace, d.meta.name), d);
	return map;
}

/** Null without workloadRef; `found` is null for kinds other than Deployment (not watched). */
export function workloadRefView(ro: RolloutObject, deployments: ReadonlyMap<string, DeploymentObject>): WorkloadRefView | null {
	const ref = ro.workloadRef;
	if (ref === null) return null;
	if (ref.kind !== 'Deployment') return {kind: ref.kind, name: ref.name, found: null, images: []};
	const d = deployments.get(deploymentKey(ro.meta.namespace, ref.name));
	return {kind: ref.kind, name: ref.name, found: d !== undefined, images: d?.images ?? []};
}
