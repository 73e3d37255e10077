// Makes a PATCH conditional on the resourceVersion the operator was looking
// at, so "promote what I saw" can never become "promote whatever is there
// now". Pure.
//
// - Merge patch: a metadata.resourceVersion in the body is an optimistic-
//   concurrency precondition; the API server answers 409 Conflict when the
//   object has moved on.
// - JSON patch: a leading `test` op; when it fails the API server answers
//   422 (the patch could not be applied), or 409 if the object changed while
//   the patch was being applied. Measured against kube-apiserver 1.36: the
//   422 is a bare Status ("the server rejected our request due to an error
//   in our request", no details), so execute.ts confirms it by reading the
//   current resourceVersion; isPreconditionFailure() catches the 409 and any
//   422 that does name the failed test.
import type {PatchStep} from './plan.js';

export const RESOURCE_VERSION_PATH = '/metadata/resourceVersion';

/** A copy of `step` that only applies while the object is at `resourceVersion`. */
export function conditionalOn(step: PatchStep, resourceVersion: string): PatchStep {
	if (!resourceVersion) return step; // nothing to be conditional on (e.g. a hand-written object)
	if (step.type === 'json') {
		const ops = Array.isArray(step.body) ? step.body : [];
		return {...step, body: [{op: 'test', path: RESOURCE_VERSION_PATH, value: resourceVersion}, ...ops]};
	}
	const body = isObject(step.body) ? step.body : {};
	const metadata = isObject(body['metadata']) ? body['metadata'] : {};
	return {...step, body: {...body, metadata: {...metadata, resourceVersion}}};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parts of a Kubernetes Status object this module looks at. */
export interface StatusLike {
	code?: number;
	reason?: string;
	message?: string;
	details?: {causes?: Array<{message?: string; field?: string}>};
}

/**
 * True when a failed PATCH means "the object is no longer at the version the
 * patch was conditional on": a 409 Conflict (merge patch, or a JSON patch
 * racing a writer), or a 422 whose failing operation is our `test` of
 * /metadata/resourceVersion.
 */
export function isPreconditionFailure(httpCode: number, status: StatusLike | null): boolean {
	if (httpCode === 409) return true;
	if (httpCode !== 422) return false;
	const texts = [status?.message ?? '', ...(status?.details?.causes ?? []).map((c) => `${c.field ?? ''} ${c.message ?? ''}`)];
	return texts.some((text) => text.includes(RESOURCE_VERSION_PATH) && /test/i.test(text));
}
