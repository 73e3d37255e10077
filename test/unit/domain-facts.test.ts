import {describe, expect, it} from 'vitest';
import {isOwnedBy as isOwnedByUid, revisionOf} from '../../source/domain/facts.js';
import {toReplicaSet} from '../../source/domain/normalise.js';
import {ROLLOUT_UID, replicaSet} from './builders.js';

// The revision tree shows an unreadable revision as 0 (the plugin's info.parseRevision).
const parseRevision = (annotations: unknown) => revisionOf(annotations) ?? 0;
const podTemplateHash = (raw: unknown) => toReplicaSet(raw).hash;
const isOwnedBy = (raw: unknown, uid: string) => isOwnedByUid(toReplicaSet(raw).meta.owners, uid);

describe('revision, hash and ownership', () => {
	it('parses the revision annotation; missing or non-numeric is 0', () => {
		expect(parseRevision({'rollout.argoproj.io/revision': '12'})).toBe(12);
		expect(parseRevision({'rollout.argoproj.io/revision': 'x1'})).toBe(0);
		expect(parseRevision({'rollout.argoproj.io/revision': ''})).toBe(0);
		expect(parseRevision({})).toBe(0);
		expect(parseRevision(undefined)).toBe(0);
	});

	it('reads the hash from the rollouts-pod-template-hash label', () => {
		expect(podTemplateHash(replicaSet('rs-zzz', 'aaa', 1))).toBe('aaa');
		expect(podTemplateHash({metadata: {name: 'rs-aaa'}})).toBe('');
	});

	it('matches owners by UID only', () => {
		const rs = replicaSet('rs', 'aaa', 1);
		expect(isOwnedBy(rs, ROLLOUT_UID)).toBe(true);
		expect(isOwnedBy(rs, 'other')).toBe(false);
		expect(isOwnedBy(rs, '')).toBe(false);
	});
});
