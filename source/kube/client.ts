// KubeConfig (kubeconfig files, auth) from its own client-node module. The
// package index also loads exec, attach, cp and port-forward (ws, tar,
// streams...) and the whole generated API, which costs start-up time and
// bundle size for nothing here. The API classes are in client-api.ts, apart,
// so that loading a kubeconfig does not initialise the ~800 generated models.
export {KubeConfig} from '@kubernetes/client-node/dist/config.js';
