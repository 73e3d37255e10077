// The classic hand-made blue-green, without Argo Rollouts: Deployments blue
// and green (argoproj/rollouts-demo:blue and :green), blue-service and
// green-service, and demo-ingress on bluegreen.demo pointing at blue-service.
// Used by the integration test (manual-bluegreen.test.ts) and `npm run demo:manual`.
import * as k8s from '@kubernetes/client-node';
import {BLUE_IMAGE, GREEN_IMAGE} from './manifests.js';

export const MANUAL_HOST = 'bluegreen.demo';
export const MANUAL_INGRESS = 'demo-ingress';

export function manualDeployment(namespace: string, color: 'blue' | 'green', replicas = 3): k8s.V1Deployment {
	const labels = {app: 'bluegreen-demo', color};
	return {
		apiVersion: 'apps/v1',
		kind: 'Deployment',
		metadata: {name: color, namespace, labels},
		spec: {
			replicas,
			selector: {matchLabels: labels},
			template: {
				metadata: {labels},
				spec: {containers: [{name: 'bluegreen-demo', image: color === 'blue' ? BLUE_IMAGE : GREEN_IMAGE, ports: [{name: 'http', containerPort: 8080}]}]},
			},
		},
	};
}

export function manualService(namespace: string, color: 'blue' | 'green'): k8s.V1Service {
	return {
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: `${color}-service`, namespace},
		spec: {selector: {app: 'bluegreen-demo', color}, ports: [{name: 'http', port: 80, targetPort: 'http'}]},
	};
}

export function manualIngress(namespace: string, backend = 'blue-service'): k8s.V1Ingress {
	return {
		apiVersion: 'networking.k8s.io/v1',
		kind: 'Ingress',
		metadata: {name: MANUAL_INGRESS, namespace},
		spec: {
			rules: [{host: MANUAL_HOST, http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: backend, port: {number: 80}}}}]}}],
		},
	};
}

/** Creates the five objects in `namespace` (which must exist). */
export async function createManualBlueGreen(kc: k8s.KubeConfig, namespace: string): Promise<void> {
	const apps = kc.makeApiClient(k8s.AppsV1Api);
	const core = kc.makeApiClient(k8s.CoreV1Api);
	const net = kc.makeApiClient(k8s.NetworkingV1Api);
	for (const color of ['blue', 'green'] as const) {
		await apps.createNamespacedDeployment({namespace, body: manualDeployment(namespace, color)});
		await core.createNamespacedService({namespace, body: manualService(namespace, color)});
	}
	await net.createNamespacedIngress({namespace, body: manualIngress(namespace)});
}
