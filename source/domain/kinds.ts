// The one table of the kinds rollouts-tui reads. The watches, the file
// loader, the snapshot's ObjectSets, the namespace filter, the normaliser and
// the action executor all read it; add a kind here and nowhere else.

export interface KindInfo {
	/** Plural resource name, as in API paths and RBAC. */
	readonly resource: string;
	/** The object's `kind`, e.g. "Rollout". */
	readonly kind: string;
	/** API group; '' for the core group. */
	readonly group: string;
	readonly version: string;
	/** Where this kind lives in ObjectSets. */
	readonly set: string;
	/**
	 * Optional: defined by a CustomResourceDefinition, so a cluster may not
	 * have it (a 404 means "not installed"), and the rest keeps working.
	 */
	readonly crd: boolean;
	/**
	 * Read where readable: rollouts-tui works without it, so a denial or a
	 * missing kind is not shown as a degraded connection.
	 */
	readonly optional: boolean;
	/**
	 * Where to look when the group/version above is not served (404): the
	 * same objects under an older API (core/v1 Events for events.k8s.io/v1).
	 */
	readonly fallback?: {readonly group: string; readonly version: string};
}

export const KINDS = [
	{resource: 'rollouts', kind: 'Rollout', group: 'argoproj.io', version: 'v1alpha1', set: 'rollouts', crd: true, optional: false},
	{resource: 'replicasets', kind: 'ReplicaSet', group: 'apps', version: 'v1', set: 'replicaSets', crd: false, optional: false},
	{resource: 'pods', kind: 'Pod', group: '', version: 'v1', set: 'pods', crd: false, optional: false},
	{resource: 'services', kind: 'Service', group: '', version: 'v1', set: 'services', crd: false, optional: false},
	{resource: 'ingresses', kind: 'Ingress', group: 'networking.k8s.io', version: 'v1', set: 'ingresses', crd: false, optional: false},
	{resource: 'analysisruns', kind: 'AnalysisRun', group: 'argoproj.io', version: 'v1alpha1', set: 'analysisRuns', crd: true, optional: false},
	{resource: 'experiments', kind: 'Experiment', group: 'argoproj.io', version: 'v1alpha1', set: 'experiments', crd: true, optional: false},
	// Rollouts with spec.workloadRef take their pod template from a Deployment; hand-made
	// blue-green (model/ingress-switch.ts) is Deployments behind an Ingress.
	{resource: 'deployments', kind: 'Deployment', group: 'apps', version: 'v1', set: 'deployments', crd: false, optional: true},
	// Events answer "what did Kubernetes say": nice to have, so optional (a denial is not a degraded connection).
	{
		resource: 'events',
		kind: 'Event',
		group: 'events.k8s.io',
		version: 'v1',
		set: 'events',
		crd: false,
		optional: true,
		fallback: {group: '', version: 'v1'},
	},
] as const satisfies readonly KindInfo[];

export type Kind = (typeof KINDS)[number];
export type ResourceKind = Kind['resource'];
export type KindSet = Kind['set'];

/** The table row of a resource. */
export function kindInfo<R extends ResourceKind>(resource: R): Extract<Kind, {resource: R}> {
	const kind = KINDS.find((k) => k.resource === resource);
	if (!kind) throw new Error(`unknown resource ${resource}`);
	return kind as Extract<Kind, {resource: R}>;
}

/** The table row for an object's `kind`, or undefined for kinds rollouts-tui does not read. */
export const kindNamed = (kind: unknown): Kind | undefined => KINDS.find((k) => k.kind === kind);
