// The traffic panel's probe capability: probe a Service by name, finding its
// port first. Everything that goes wrong (no such Service, RBAC) arrives as a
// failed sample, so the panel says it in words instead of the UI failing.
// The probe's modules load when the panel first opens: a one-shot print never needs them.
import type {KubeConfig, V1Service} from '@kubernetes/client-node';
import type {ProbeOutcome, ProbeSample} from '../model/traffic.js';
import type {ProbeHandle} from './probe.js';

export interface ServiceName {
	namespace: string;
	service: string;
}

/** Starts probing a Service at `rate` per second; what the UI is handed (absent for offline sources). */
export type StartTraffic = (target: ServiceName, rate: number, onSample: (sample: ProbeSample) => void) => ProbeHandle;

/** How long to wait before looking the Service up again after a failed lookup. */
const LOOKUP_RETRY_MS = 2000;

/** The Service's first port, or why it cannot be probed (as a failed sample's outcome). */
async function findPort(kc: KubeConfig, {namespace, service}: ServiceName): Promise<string | ProbeOutcome> {
	const [{CoreV1Api}, {describeFailure}, {servicePort}] = await Promise.all([
		import('@kubernetes/client-node'),
		import('../actions/failure.js'),
		import('./probe-target.js'),
	]);
	let found: V1Service;
	try {
		found = await kc.makeApiClient(CoreV1Api).readNamespacedService({namespace, name: service});
	} catch (error) {
		const failure = describeFailure(error, {verb: 'get', resource: 'services', namespace, name: service, server: kc.getCurrentCluster()?.server});
		const kind = failure.kind === 'forbidden' ? 'denied' : failure.kind === 'notFound' ? 'no-service' : 'network';
		return {kind: 'error', error: kind, detail: failure.message};
	}
	try {
		return servicePort(found);
	} catch (error) {
		return {kind: 'error', error: 'no-service', detail: (error as Error).message};
	}
}

export function serviceProbe(kc: KubeConfig): StartTraffic {
	return (target, rate, onSample) => {
		let stopped = false;
		let current = rate;
		let inner: ProbeHandle | undefined;
		let retry: NodeJS.Timeout | undefined;
		const begin = async () => {
			const port = await findPort(kc, target);
			if (stopped) return;
			if (typeof port !== 'string') {
				onSample({at: Date.now(), latencyMs: 0, outcome: port});
				retry = setTimeout(() => void begin(), LOOKUP_RETRY_MS);
				return;
			}
			const {demoRequest, startProbe} = await import('./probe.js');
			if (stopped) return;
			const spec = {...target, port, path: demoRequest.path, method: demoRequest.method, body: demoRequest.body, version: {by: 'body'} as const, timeoutMs: demoRequest.timeoutMs};
			inner = startProbe(kc, spec, current, onSample);
		};
		void begin();
		return {
			setRate(next) {
				current = next;
				inner?.setRate(next);
			},
			stop() {
				stopped = true;
				clearTimeout(retry);
				inner?.stop();
			},
		};
	};
}
