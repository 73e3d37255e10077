/** Small utilities shared by the cluster modules: the error type, error texts and sleep. */
import * as k8s from '@kubernetes/client-node';
import type {ComponentName} from './paths.js';

export class ClusterError extends Error {
	constructor(message: string, readonly component?: ComponentName) {
		super(message);
		this.name = 'ClusterError';
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function errorText(error: unknown): string {
	if (error instanceof k8s.ApiException) {
		const body = typeof error.body === 'string' ? error.body : JSON.stringify(error.body);
		return `HTTP ${error.code}: ${body?.slice(0, 300)}`;
	}
	return error instanceof Error ? error.message : String(error);
}

export function apiCode(error: unknown): number | undefined {
	return error instanceof k8s.ApiException ? error.code : undefined;
}
