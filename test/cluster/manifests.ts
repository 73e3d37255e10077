/**
 * Argo Rollouts manifests for the integration tests and the demo. Plain data, no
 * vitest: demo.ts imports this under plain tsx.
 */
import type * as k8s from '@kubernetes/client-node';

export const ROLLOUT = {group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts'} as const;
export const POD_HASH_LABEL = 'rollouts-pod-template-hash';
export const BLUE_IMAGE = 'argoproj/rollouts-demo:blue';
export const GREEN_IMAGE = 'argoproj/rollouts-demo:green';

/** The fields of a Rollout the tests look at (the full object is returned). */
export interface RolloutObject {
	apiVersion: 'argoproj.io/v1alpha1';
	kind: 'Rollout';
	metadata: k8s.V1ObjectMeta;
	spec: {
		replicas?: number;
		selector: k8s.V1LabelSelector;
		template: k8s.V1PodTemplateSpec;
		strategy: {blueGreen?: Record<string, unknown>; canary?: Record<string, unknown>};
		[key: string]: unknown;
	};
	status?: {
		phase?: string;
		message?: string;
		stableRS?: string;
		currentPodHash?: string;
		readyReplicas?: number;
		availableReplicas?: number;
		updatedReplicas?: number;
		controllerPause?: boolean;
		pauseConditions?: {reason: string; startTime: string}[] | null;
		blueGreen?: {activeSelector?: string; previewSelector?: string};
		[key: string]: unknown;
	};
}

export interface BlueGreenOptions {
	name: string;
	namespace: string;
	/** Default argoproj/rollouts-demo:blue. */
	image?: string;
	/** Default true. */
	autoPromotionEnabled?: boolean;
	/** Default 2. */
	replicas?: number;
	/** Default 3 (Argo's own default is 30). */
	scaleDownDelaySeconds?: number;
	/** Default IfNotPresent. */
	imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

export interface BlueGreenManifest {
	rollout: RolloutObject;
	activeService: k8s.V1Service;
	previewService: k8s.V1Service;
	/** All three objects, Services first. */
	objects: [k8s.V1Service, k8s.V1Service, RolloutObject];
}

/** A blue-green Rollout with its active Service `<name>` and preview Service `<name>-preview`. */
export function blueGreenManifest({
	name,
	namespace,
	image = BLUE_IMAGE,
	autoPromotionEnabled = true,
	replicas = 2,
	scaleDownDelaySeconds = 3,
	imagePullPolicy = 'IfNotPresent',
}: BlueGreenOptions): BlueGreenManifest {
	const labels = {app: name};
	const service = (serviceName: string): k8s.V1Service => ({
		apiVersion: 'v1',
		kind: 'Service',
		metadata: {name: serviceName, namespace, labels},
		spec: {selector: {...labels}, ports: [{name: 'http', port: 80, targetPort: 'http', protocol: 'TCP'}]},
	});
	const rollout: RolloutObject = {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Rollout',
		metadata: {name, namespace, labels},
		spec: {
			replicas,
			revisionHistoryLimit: 2,
			selector: {matchLabels: labels},
			template: {
				metadata: {labels},
				spec: {
					containers: [
						{
							name,
							image,
							imagePullPolicy,
							ports: [{name: 'http', containerPort: 8080, protocol: 'TCP'}],
							resources: {requests: {cpu: '5m', memory: '32Mi'}},
						},
					],
				},
			},
			strategy: {
				blueGreen: {
					activeService: name,
					previewService: `${name}-preview`,
					autoPromotionEnabled,
					scaleDownDelaySeconds,
				},
			},
		},
	};
	const activeService = service(name);
	const previewService = service(`${name}-preview`);
	return {rollout, activeService, previewService, objects: [activeService, previewService, rollout]};
}
