// The generated API pieces the actions use, each from its own client-node
// module (see client.ts). Importing this initialises the generated models,
// so only the action code imports it, on the first action.
export {PatchStrategy} from '@kubernetes/client-node/dist/patch.js';
export {setHeaderOptions} from '@kubernetes/client-node/dist/middleware.js';
export {ObjectCustomObjectsApi as CustomObjectsApi} from '@kubernetes/client-node/dist/gen/types/ObjectParamAPI.js';
