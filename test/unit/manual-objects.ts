// Hand-built objects of the classic hand-made blue-green: Deployments blue and
// green, Services blue-service and green-service, Ingress demo-ingress.
import type {Deployment, Ingress, ObjectSets, Pod, Service} from '../../source/domain/raw.js';
import {emptyObjectSets} from '../../source/domain/raw.js';

const NS = 'shop';

export function deployment(name: string, image: string, o: {replicas?: number; ready?: number; annotations?: Record<string, string>; rv?: string; container?: string} = {}): Deployment {
	const labels = {app: 'demo', color: name};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name, namespace: NS, uid: `uid-${name}`, resourceVersion: o.rv ?? '100', ...(o.annotations ? {annotations: o.annotations} : {})},
		spec: {
			replicas: o.replicas ?? 3,
			selector: {matchLabels: labels},
			template: {metadata: {labels}, spec: {containers: [{name: o.container ?? 'demo', image}]}},
		},
		status: {replicas: o.replicas ?? 3, readyReplicas: o.ready ?? o.replicas ?? 3, availableReplicas: o.ready ?? o.replicas ?? 3},
	};
}

export function service(name: string, color: string, port = 80): Service {
	return {kind: 'Service', metadata: {name, namespace: NS, resourceVersion: '7'}, spec: {selector: {app: 'demo', color}, ports: [{name: 'http', port}]}};
}

export function ingress(backend: string, o: {host?: string; port?: number; rv?: string} = {}): Ingress {
	return {
		kind: 'Ingress',
		metadata: {name: 'demo-ingress', namespace: NS, resourceVersion: o.rv ?? '200'},
		spec: {
			rules: [
				{
					host: o.host ?? 'bluegreen.demo',
					http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: backend, port: {number: o.port ?? 80}}}}]},
				},
			],
		},
	};
}

export function pods(color: string, count: number, ready = true): Pod[] {
	return Array.from({length: count}, (_, i) => ({
		kind: 'Pod',
		metadata: {name: `${color}-abc-${i}`, namespace: NS, uid: `${color}-${i}`, labels: {app: 'demo', color}, creationTimestamp: '2026-01-01T00:00:00Z'},
		spec: {containers: [{name: 'demo'}]},
		status: {phase: 'Running', containerStatuses: [{name: 'demo', ready, state: {running: {}}}]},
	}));
}

/** blue live with 3 ready pods, green idle with 3 ready pods. */
export function classic(o: {greenReady?: number; greenReplicas?: number; backend?: string} = {}): ObjectSets {
	const greenReplicas = o.greenReplicas ?? 3;
	const greenReady = o.greenReady ?? greenReplicas;
	const sets = emptyObjectSets();
	sets.deployments = [
		deployment('blue', 'argoproj/rollouts-demo:blue'),
		deployment('green', 'argoproj/rollouts-demo:green', {replicas: greenReplicas, ready: greenReady}),
	];
	sets.services = [service('blue-service', 'blue'), service('green-service', 'green')];
	sets.ingresses = [ingress(o.backend ?? 'blue-service')];
	sets.pods = [...pods('blue', 3), ...pods('green', greenReady), ...pods('green', greenReplicas - greenReady, false).map((p) => ({...p, metadata: {...p.metadata, name: `${p.metadata?.name}-nr`}}))];
	return sets;
}
