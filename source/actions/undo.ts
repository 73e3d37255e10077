// The undo rule: roll the pod template back to an earlier revision's, as the
// plugin does (the previous revision by default), unless it already matches.
import type {ReplicaSetObject} from '../domain/replicaset.js';
import {refuse, type Facts, type Planned} from './facts.js';
import {describeRevision, replicaSetsByRevision} from './replicasets.js';
import {templateMatches, withoutHashLabel} from './template.js';

export function planUndo(facts: Facts, replicaSets: readonly ReplicaSetObject[], toRevision: number): Planned {
	const rollout = facts.rollout;
	if (rollout.workloadRef) {
		const ref = rollout.workloadRef;
		return refuse(
			'undo',
			`undo of a rollout with spec.workloadRef is not supported`,
			`roll back the referenced ${ref.kind || 'workload'} ${ref.name} instead`.trimEnd(),
		);
	}
	if (!Number.isInteger(toRevision) || toRevision < 0) {
		return refuse('undo', `invalid revision ${toRevision}: must be a positive whole number`);
	}
	const history = replicaSetsByRevision(rollout, replicaSets);
	let target: {rs: ReplicaSetObject; revision: number} | undefined;
	if (toRevision > 0) {
		target = history.find((entry) => entry.revision === toRevision);
		if (!target) return refuse('undo', `unable to find specified revision ${toRevision} in history`);
	} else {
		// Highest revision is the current one; the previous is the second-highest.
		target = history[1];
		if (!target) return refuse('undo', `no revision found for rollout "${facts.name}"`);
	}
	const template = target.rs.template ?? {};
	if (templateMatches(rollout.template ?? undefined, template)) {
		return refuse('undo', `skipped: current template already matches revision ${target.revision}`);
	}
	return {
		patches: [
			{subresource: null, type: 'json', body: [{op: 'replace', path: '/spec/template', value: withoutHashLabel(template)}]},
		],
		summary: `Roll back ${facts.name} to ${describeRevision(target.rs)}?`,
		targetRevision: target.revision,
	};
}
