// Which Service and port a probe talks to: a Rollout's active/preview (or
// stable/canary) Service, or a Service named directly, and the first port the
// Service declares unless one is asked for.
import {CoreV1Api, CustomObjectsApi, type V1Service} from './client-api.js';
import type {KubeConfig} from './client.js';
import {ROLLOUTS} from '../actions/execute.js';
import {describeFailure, httpStatusOf} from '../actions/failure.js';
import {UserError} from '../errors.js';
import {rolloutOf, type RolloutObject} from '../domain/rollout.js';

export type ServiceRole = 'active' | 'preview' | 'stable' | 'canary';
export const SERVICE_ROLES: readonly ServiceRole[] = ['active', 'preview', 'stable', 'canary'];

export interface ProbeTarget {
	namespace: string;
	service: string;
	/** The role the Service plays for the rollout, when it came from one. */
	role: ServiceRole | null;
	/** The Service port's name, or its number when it has no name. */
	port: string;
}

/** The Service a rollout names for `role`, if any. */
export function serviceForRole(rollout: RolloutObject, role: ServiceRole): string | undefined {
	const names: Record<ServiceRole, string | undefined> = {
		active: rollout.blueGreen?.activeService,
		preview: rollout.blueGreen?.previewService,
		stable: rollout.canary?.stableService,
		canary: rollout.canary?.canaryService,
	};
	return names[role] || undefined;
}

/** The port to use: `wanted` (name or number) if the Service has it, else its first port. */
export function servicePort(service: V1Service, wanted?: string): string {
	const ports = service.spec?.ports ?? [];
	const name = service.metadata?.name ?? '?';
	const label = (p: (typeof ports)[number]) => p.name || String(p.port);
	if (ports.length === 0) throw new UserError(`Service ${name} declares no ports`);
	if (wanted === undefined) return label(ports[0]!);
	const found = ports.find((p) => p.name === wanted || String(p.port) === wanted);
	if (!found) throw new UserError(`Service ${name} has no port ${wanted} (it has ${ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ')})`);
	return label(found);
}

async function readRollout(kc: KubeConfig, namespace: string, name: string): Promise<RolloutObject | undefined> {
	try {
		return rolloutOf(await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({...ROLLOUTS, namespace, name}));
	} catch (error) {
		if (httpStatusOf(error) === 404) return undefined;
		throw new UserError(describeFailure(error, {verb: 'get', resource: 'rollouts', namespace, name, server: kc.getCurrentCluster()?.server}).message);
	}
}

/**
 * `probe NAME --service active|preview|stable|canary|SERVICE`: NAME is a Rollout
 * (then the role picks its Service, default active) or, when no Rollout has that
 * name, a Service itself (a hand-made switch).
 */
export async function resolveProbeTarget(kc: KubeConfig, namespace: string, name: string, which?: string, port?: string): Promise<ProbeTarget> {
	const role = SERVICE_ROLES.find((r) => r === (which ?? 'active'));
	let serviceName = which !== undefined && !role ? which : undefined;
	let fromRollout: ServiceRole | null = null;
	if (!serviceName) {
		const rollout = await readRollout(kc, namespace, name);
		if (rollout) {
			serviceName = serviceForRole(rollout, role!);
			if (!serviceName) throw new UserError(`rollout ${name} names no ${role} Service`);
			fromRollout = role!;
		} else if (which === undefined) {
			serviceName = name;
		} else {
			throw new UserError(`rollout '${name}' not found in namespace ${namespace}`);
		}
	}
	let service: V1Service;
	try {
		service = await kc.makeApiClient(CoreV1Api).readNamespacedService({namespace, name: serviceName});
	} catch (error) {
		const failure = describeFailure(error, {verb: 'get', resource: 'services', namespace, name: serviceName, server: kc.getCurrentCluster()?.server});
		const neither = httpStatusOf(error) === 404 && which === undefined && fromRollout === null;
		throw new UserError(neither ? `no Rollout or Service '${serviceName}' in namespace ${namespace}` : failure.message);
	}
	return {namespace, service: serviceName, role: fromRollout, port: servicePort(service, port)};
}
