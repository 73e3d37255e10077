// Small helpers the model's comparators share.
import {time} from '../domain/read.js';

/** Sort key for creation times: unparseable ones sort first, like Go's zero time. */
export const createdMs = (ts: string | null): number => time(ts) ?? Number.NEGATIVE_INFINITY;

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
