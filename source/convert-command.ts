// Placeholder replaced in the convert step.
import type {KubeConfig} from '@kubernetes/client-node';
import {UserError} from './errors.js';
export async function runConvert(_args: unknown, _kc: KubeConfig, _namespace: string): Promise<string> {
	throw new UserError('convert is not implemented yet');
}
