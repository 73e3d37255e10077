// Flags -> a Source of objects plus what the UI needs to know about it.
import {KINDS, type KindSet} from './domain/kinds.js';
import {emptyObjectSets, type KubeObject} from './domain/raw.js';
import {UserError} from './errors.js';
import type {ActionPlan} from './actions/plan.js';
import type {ManualPlan} from './actions/manual-plan.js';
import type {ActionResult} from './actions/execute.js';
import type {Source} from './kube/source.js';
import type {StartTraffic} from './kube/service-probe.js';

export interface OpenedSource {
	source: Source;
	/** For the title bar: "context kwok-rollouts" or "file demo.yaml". */
	origin: string;
	/** null = all namespaces. */
	namespace: string | null;
	/** Absent for offline sources, which are read-only. */
	execute?: (plan: ActionPlan) => Promise<ActionResult>;
	/** Probes Services through the API server (the traffic panel); absent for offline sources. */
	probe?: StartTraffic;
	/** Sends an Ingress switch's plan (hand-made blue-green); absent offline. */
	executeManual?: (plan: ManualPlan) => Promise<ActionResult>;
	offline: boolean;
}

export interface SourceFlags {
	namespace?: string;
	allNamespaces: boolean;
	context?: string;
	kubeconfig?: string;
	file?: string;
	rollout?: string;
}

export async function openSource(flags: SourceFlags): Promise<OpenedSource> {
	if (flags.file !== undefined) {
		if (flags.file === '') throw new UserError('--file needs a path (or - for standard input)');
		if (flags.context || flags.kubeconfig) throw new UserError('--file reads no cluster; drop --context/--kubeconfig');
		const {loadFileSource, loadStdinSource} = await import('./kube/file-source.js');
		const source = flags.file === '-' ? await loadStdinSource() : loadFileSource(flags.file);
		// A file has every namespace in it; -n narrows the view like it would on a cluster.
		const namespace = flags.allNamespaces ? null : (flags.namespace ?? null);
		return {source: namespace ? onlyNamespace(source, namespace) : source, origin: flags.file === '-' ? 'standard input' : `file ${flags.file}`, namespace, offline: true};
	}
	const {loadKubeConfig} = await import('./kube/config.js');
	const {checkReachable} = await import('./kube/preflight.js');
	const {createClusterSource} = await import('./kube/cluster-source.js');
	const {serviceProbe} = await import('./kube/service-probe.js');
	const loaded = loadKubeConfig({kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace});
	await checkReachable(loaded.kc, loaded.server);
	const namespace = flags.allNamespaces ? null : loaded.namespace;
	const source = createClusterSource(loaded.kc, {namespace});
	return {
		source,
		origin: `context ${loaded.contextName}`,
		namespace,
		// Loaded on the first action only: a one-shot print never needs it.
		execute: async plan => (await import('./actions/execute.js')).executePlan(loaded.kc, plan),
		// Only reads, so --readonly keeps it; its modules load when the panel first opens.
		probe: serviceProbe(loaded.kc),
		executeManual: async plan => (await import('./actions/manual-execute.js')).executeManualPlan(loaded.kc, plan),
		offline: false,
	};
}

/** A view of a Source restricted to one namespace (for --file with -n). */
function onlyNamespace(source: Source, namespace: string): Source {
	let cachedFor: ReturnType<Source['getSnapshot']> | undefined;
	let cached: ReturnType<Source['getSnapshot']> | undefined;
	return {
		start: () => source.start(),
		stop: () => source.stop(),
		subscribe: listener => source.subscribe(listener),
		ready: () => source.ready(),
		getSnapshot() {
			const snapshot = source.getSnapshot();
			if (snapshot !== cachedFor) {
				const objects = emptyObjectSets();
				const into = objects as unknown as Record<KindSet, KubeObject[]>;
				const from = snapshot.objects as unknown as Record<KindSet, KubeObject[]>;
				for (const kind of KINDS) into[kind.set] = from[kind.set].filter(o => o.metadata?.namespace === namespace);
				cachedFor = snapshot;
				cached = {...snapshot, objects};
			}
			return cached!;
		},
	};
}
