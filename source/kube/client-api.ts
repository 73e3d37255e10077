// The generated API pieces the actions and the probe use, each from its own client-node
// module (see client.ts). Importing this initialises the generated models,
// so only the action and probe code imports it, when it runs.
export {PatchStrategy} from '@kubernetes/client-node/dist/patch.js';
export {setHeaderOptions} from '@kubernetes/client-node/dist/middleware.js';
export {
	ObjectCoreV1Api as CoreV1Api,
	ObjectCustomObjectsApi as CustomObjectsApi,
} from '@kubernetes/client-node/dist/gen/types/ObjectParamAPI.js';
export type {V1Service} from '@kubernetes/client-node/dist/gen/models/V1Service.js';
