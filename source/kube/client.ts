// The parts of @kubernetes/client-node we use, each from its own module. The
// package index also loads exec, attach, cp and port-forward (ws, tar,
// streams...), which costs start-up time and bundle size for nothing here.
export {KubeConfig} from '@kubernetes/client-node/dist/config.js';
export {PatchStrategy} from '@kubernetes/client-node/dist/patch.js';
export {setHeaderOptions} from '@kubernetes/client-node/dist/middleware.js';
export {ObjectCustomObjectsApi as CustomObjectsApi} from '@kubernetes/client-node/dist/gen/types/ObjectParamAPI.js';
